// wasi:http/outgoing-handler: `handle` checks a request as wasmtime 49 does, then the worker
// thread sends it (worker/request.js) while the component writes its body (streams.js).
import { config } from '../config.js';
import { watched } from '../io/poll.js';
import { call } from '../io/worker.js';
import { trap } from './errors.js';
import { outgoingPipe } from './messages.js';
import { FutureIncomingResponse } from './responses.js';
import { releaser, requestSink, responseSource } from './streams.js';

const fail = (tag) => {
  throw { tag };
};

/** Whether the request goes over TLS: a scheme of `http` or `https` (the default); wasmtime refuses others. */
function isTls(scheme = { tag: 'HTTPS' }) {
  const name = scheme.tag === 'other' ? scheme.val : scheme.tag.toLowerCase();
  if (name !== 'http' && name !== 'https') fail('HTTP-protocol-error');
  return name === 'https';
}

/** Node's host and port of a valid authority (`user@host:port`, `[v6]:port`, ...). */
function hostAndPort(authority, tls) {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const [, v6, name, port] = /^(?:\[(.*)\]|([^:]*))(?::(.*))?$/.exec(hostPort);
  return { host: v6 ?? name, port: port === undefined ? (tls ? 443 : 80) : Number(port) };
}

/** A path and query as the bytes to send (UTF-8, as Node writes the request line in latin1), without a fragment. */
const requestPath = (pathWithQuery) => Buffer.from(pathWithQuery.split('#', 1)[0] || '/').toString('latin1');

/** A `request-options` duration (nanoseconds) in milliseconds. */
const ms = (ns) => (ns === undefined ? undefined : Number(ns) / 1e6);

/** `handle`: sends `request`; the future of its response. Throws an `error-code` if it cannot be sent. */
export function handle(request, options) {
  if (!config.network) {
    // wasmtime without `-S http` does not even instantiate a component that imports this.
    trap('wasi:http/outgoing-handler: the network is not granted (`configure({ network: true })`, `ferry run --inherit-network`)');
  }
  const tls = isTls(request.scheme());
  const authority = request.authority();
  if (!authority) fail('HTTP-request-URI-invalid');
  const method = request.method();
  const pipe = outgoingPipe(request);
  const { id, head } = call('httpRequest', {
    tls,
    method: method.tag === 'other' ? method.val : method.tag.toUpperCase(),
    ...hostAndPort(authority, tls),
    path: requestPath(request.pathWithQuery() ?? '/'),
    headers: [['host', new TextEncoder().encode(authority)], ...request.headers().entries()],
    hasBody: pipe !== undefined,
    timeouts: {
      connect: ms(options?.connectTimeout()),
      firstByte: ms(options?.firstByteTimeout()),
      betweenBytes: ms(options?.betweenBytesTimeout()),
    },
  });
  pipe?.connect(requestSink(id));
  // The future holds the request until it fails, or until the response's body holds it.
  const release = releaser(id);
  const poll = () => {
    const result = call('httpResponse', id);
    if (result?.tag === 'ok') return { tag: 'ok', val: { ...result.val, body: responseSource(id, result.val) } };
    if (result?.tag === 'err') release();
    return result;
  };
  return new FutureIncomingResponse(poll, { cancel: release, pollable: () => watched(head) });
}
