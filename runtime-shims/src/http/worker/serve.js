// `ferry serve` in the worker (serve.js is the main thread's side): Node's HTTP server, whose
// requests wait in a queue until the main thread takes the next one (`serveNext`). A request
// is a record of the table (sockets/worker/table.js) held by its response (until finished) and
// by its body: that body is read as an outgoing request's response body is (`tcpRead`,
// `httpTrailers`, `httpDiscard`: the record has the same `res`, here the request, and
// `connection`); the response is written through `serveRespond`, `serveWrite`, `serveFinish`.
import { createServer } from 'node:http';
import { unwatch, until, wake, watch } from '../../io/worker-wait.js';
import { Connection } from '../../sockets/worker/connection.js';
import { add, drop, get, release } from '../../sockets/worker/table.js';
import { bodyErrorCode } from './errors.js';
import { entries, latin1 } from './request.js';

const queue = [];

/** What wasmtime answers when the component gave no response (it trapped, or never set one). */
const ERROR_PAGE = `<!doctype html>
<html>
<head>
    <title>500 Internal Server Error</title>
</head>
<body>
    <center>
        <h1>500 Internal Server Error</h1>
        <hr>
        ferry
    </center>
</body>
</html>`;

/** Operation: listens on `host`:`port` (0: any free port); the address bound, as `host:port`. */
export function serveListen(host, port) {
  const server = createServer((req, res) => {
    res.on('drain', wake);
    res.on('close', wake);
    queue.push({ req, res });
    wake();
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new Error(`cannot bind ${host}:${port}: ${error.message}`)));
    server.listen(port, host, () => {
      const { address, family, port: bound } = server.address();
      resolve(family === 'IPv6' ? `[${address}]:${bound}` : `${address}:${bound}`);
    });
  });
}

/**
 * Operation: waits for the next request; `{ id, method, path, authority, headers, readable,
 * trailers }`, the last two the ids of its body's conditions (as `httpRequest`'s response).
 */
export async function serveNext() {
  await until(() => queue.length > 0);
  const { req, res } = queue.shift();
  const connection = new Connection(req, bodyErrorCode);
  const record = {
    res: req,
    response: res,
    connection,
    close() {
      unwatch(connection.readable);
      unwatch(record.trailers);
      // What the component did not read is discarded, the connection kept for the next request.
      req.resume();
      if (!res.writableEnded) res.destroy();
    },
  };
  record.trailers = watch(() => req.complete || connection.error !== undefined);
  const id = add(record, 2);
  return {
    id,
    method: req.method,
    path: req.url,
    authority: req.headers.host,
    headers: entries(req.rawHeaders),
    readable: connection.readable,
    trailers: record.trailers,
  };
}

/** Operation: sends the response head. */
export function serveRespond(id, status, headers) {
  get(id).response.writeHead(status, headers.flatMap(([name, value]) => [name, latin1(value)]));
}

/** Operation: writes `bytes` of the response body; waits while Node's buffer is full. */
export async function serveWrite(id, bytes) {
  const { response } = get(id);
  if (response.destroyed || response.writableEnded) throw 'closed';
  response.write(bytes);
  await until(() => !response.writableNeedDrain || response.destroyed);
}

/** Operation: ends the response body, with `trailers` if the client accepts them (as hyper). */
export function serveFinish(id, trailers) {
  const { res: req, response } = get(id);
  if (trailers?.length && /\btrailers\b/i.test(req.headers.te ?? '')) {
    response.addTrailers(trailers.map(([name, value]) => [name, latin1(value)]));
  }
  response.end();
  release(id);
}

/** Operation: the response body is incomplete: the connection is closed. */
export function serveAbort(id) {
  get(id).response.destroy();
  release(id);
}

/**
 * Operation: the component's instance is done with request `id`: if it gave no response, the
 * error page (status 500); a response it did not finish (it trapped) ends there, as wasmtime's.
 */
export function serveDone(id) {
  let record;
  try {
    record = get(id);
  } catch {
    return;
  }
  const { response } = record;
  if (!response.headersSent && !response.writableEnded) {
    response.writeHead(500, { 'content-type': 'text/html; charset=UTF-8', 'content-length': Buffer.byteLength(ERROR_PAGE) });
    response.end(ERROR_PAGE);
  } else if (!response.writableEnded) {
    response.end();
  }
  drop(id);
}
