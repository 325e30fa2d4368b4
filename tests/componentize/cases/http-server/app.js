// A wasi:http server. Every answer is text/plain with an `x-method` header naming the method:
//   GET /hello?name=N    "<greeting>, N! (<path with query>)"; the `x-greeting` request header
//                        picks the greeting (default "hello")
//   POST /echo           the request body, upper-cased (read through the body's input-stream)
//   PURGE <path>         202 "purged <path>, after a timer" (the handler awaits a timer)
//   /inspect             the scheme, the authority and the `x-` request headers
//   /count               how many requests this instance has handled (with `wasmtime serve
//                        --max-instance-reuse-count`, more than one)
//   /immutable           the error tag of setting a request header (immutable), also logged
//   /throw               the handler throws: no response is set (the server answers 500)
//   anything else        404 "no <path with query>"
import { Fields, IncomingBody, OutgoingBody, OutgoingResponse, ResponseOutparam } from 'wasi:http/types@0.2.6';

const encoder = new TextEncoder();
const decoder = new TextDecoder();

let handled = 0;

export const incomingHandler = {
  async handle(request, responseOut) {
    handled += 1;
    const { tag, val } = request.method();
    const method = tag === 'other' ? val : tag;
    const pathWithQuery = request.pathWithQuery() ?? '/';
    const [path, query = ''] = pathWithQuery.split('?');
    const send = (status, text) => respond(responseOut, status, method, text);

    if (method === 'get' && path === '/hello') {
      const name = query.split('&').find((p) => p.startsWith('name='))?.slice('name='.length) ?? 'world';
      send(200, `${header(request, 'x-greeting') ?? 'hello'}, ${decodeURIComponent(name)}! (${pathWithQuery})\n`);
    } else if (method === 'post' && path === '/echo') {
      send(200, readBody(request).toUpperCase());
    } else if (method === 'PURGE') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      send(202, `purged ${path}, after a timer\n`);
    } else if (path === '/inspect') {
      send(200, inspect(request));
    } else if (path === '/count') {
      send(200, `request ${handled} of this instance\n`);
    } else if (path === '/immutable') {
      const error = setHeaderError(request, 'x-new', 'no');
      console.log(`immutable: ${error}`);
      send(200, `${error}\n`);
    } else if (path === '/throw') {
      throw new Error(`handler failed on ${method}`);
    } else {
      send(404, `no ${pathWithQuery}\n`);
    }
  },
};

/** The first value of the request header `name`, as text, or undefined. */
function header(request, name) {
  const headers = request.headers();
  const values = headers.get(name);
  headers[Symbol.dispose]();
  return values.length > 0 ? decoder.decode(values[0]) : undefined;
}

/** The request's scheme, authority and `x-` headers (from `entries`, sorted by name), one a line. */
function inspect(request) {
  const headers = request.headers();
  const entries = headers
    .entries()
    .filter(([name]) => name.startsWith('x-'))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => `${name}: ${decoder.decode(value)}`);
  headers[Symbol.dispose]();
  const scheme = request.scheme();
  return [`scheme: ${scheme?.tag}`, `authority: ${request.authority()}`, ...entries, ''].join('\n');
}

/** The `header-error` tag that setting a request header throws (request headers are immutable). */
function setHeaderError(request, name, value) {
  const headers = request.headers();
  try {
    headers.set(name, [encoder.encode(value)]);
    return 'none';
  } catch (e) {
    return e.payload.tag;
  } finally {
    headers[Symbol.dispose]();
  }
}

/** The whole body of `request`, as text, read in chunks until the stream is closed. */
function readBody(request) {
  const body = request.consume();
  const stream = body.stream();
  let text = '';
  for (;;) {
    let chunk;
    try {
      chunk = stream.blockingRead(4096n);
    } catch (e) {
      if (e.payload?.tag === 'closed') break;
      throw e;
    }
    text += decoder.decode(chunk, { stream: true });
  }
  // The stream is a child of the body: dropped first.
  stream[Symbol.dispose]();
  IncomingBody.finish(body);
  return text + decoder.decode();
}

/** Answers `status` and `text`: the response is set first, then its body is written
 *  (blockingWriteAndFlush takes at most 4096 bytes) and finished. */
function respond(responseOut, status, method, text) {
  const headers = Fields.fromList([
    ['content-type', encoder.encode('text/plain; charset=utf-8')],
    ['x-method', encoder.encode(method)],
  ]);
  const response = new OutgoingResponse(headers);
  response.setStatusCode(status);
  const body = response.body();
  ResponseOutparam.set(responseOut, { tag: 'ok', val: response });
  const stream = body.write();
  const bytes = encoder.encode(text);
  for (let at = 0; at < bytes.length; at += 4096) {
    stream.blockingWriteAndFlush(bytes.subarray(at, at + 4096));
  }
  stream[Symbol.dispose]();
  OutgoingBody.finish(body, undefined);
}
