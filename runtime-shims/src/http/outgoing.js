// wasi:http/outgoing-handler: `handle` checks a request as wasmtime 49 does, then the worker
// thread sends it (worker/request.js) while the component writes its body (streams.js).
import { config } from '../config.js';
import { watched } from '../io/poll.js';
import { call } from '../io/worker.js';
import { outgoingPipe } from './messages.js';
import { FutureIncomingResponse } from './responses.js';
import { releaser, requestSink, responseSource } from './streams.js';
import { authorityOf, checkNetwork, methodOf, pathOf, schemeOf, timeoutsOf } from './target.js';

/** Node's host and port of a valid authority (`user@host:port`, `[v6]:port`, ...). */
function hostAndPort(authority, tls) {
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const [, v6, name, port] = /^(?:\[(.*)\]|([^:]*))(?::(.*))?$/.exec(hostPort);
  return { host: v6 ?? name, port: port === undefined ? (tls ? 443 : 80) : Number(port) };
}

/** A path and query as the bytes to send (UTF-8, as Node writes the request line in latin1). */
const latin1Path = (path) => Buffer.from(path).toString('latin1');

/** `handle`: sends `request`; the future of its response. Throws an `error-code` if it cannot be sent. */
export function handle(request, options) {
  checkNetwork(config.network, '`configure({ network: true })`, `ferry run --inherit-network`');
  const tls = schemeOf(request) === 'https';
  const authority = authorityOf(request);
  const pipe = outgoingPipe(request);
  const { id, head } = call('httpRequest', {
    tls,
    method: methodOf(request),
    ...hostAndPort(authority, tls),
    path: latin1Path(pathOf(request)),
    headers: [['host', new TextEncoder().encode(authority)], ...request.headers().entries()],
    hasBody: pipe !== undefined,
    timeouts: timeoutsOf(options),
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
