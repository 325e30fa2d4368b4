// The bodies of an outgoing request in the worker: the request body the main thread writes,
// and what is left of the response body once the component has finished reading it.
import { until } from '../../io/worker-wait.js';
import { get } from '../../sockets/worker/table.js';
import { latin1, responseTrailers } from './request.js';

/** Throws the request's error-code if it failed, `'closed'` if it can take no more bytes. */
function check({ req, error }) {
  if (error !== undefined) throw error;
  if (req.destroyed || req.writableEnded) throw 'closed';
}

/** Operation: writes `bytes` of the request body; waits, as a blocking send would, while Node's buffer is full. */
export async function httpWrite(id, bytes) {
  const record = get(id);
  check(record);
  const { req } = record;
  req.write(bytes);
  await until(() => !req.writableNeedDrain || req.destroyed || record.error !== undefined);
  check(record);
}

/**
 * Operation: ends the request body, with `trailers` (`[name, Uint8Array]` pairs) if given.
 * As hyper (so wasmtime) does, only trailers the request's `trailer` header declares are sent.
 */
export function httpFinish(id, trailers) {
  const { req, declaredTrailers } = get(id);
  if (trailers?.length) {
    const sent = trailers.filter(([name]) => declaredTrailers.has(name.toLowerCase()));
    if (sent.length) req.addTrailers(sent.map(([name, value]) => [name, latin1(value)]));
  }
  req.end();
}

/** Operation: the request body is incomplete: the request fails. */
export function httpAbort(id) {
  get(id).req.destroy();
}

/**
 * Operation: the component finished the response body (it reads no more of it): what is left
 * is discarded as it comes, so that the trailers come.
 */
export function httpDiscard(id) {
  const { res, connection } = get(id);
  connection.shutdown('receive');
  res.resume();
}

/** Operation: the response's trailers once complete (see `responseTrailers`), undefined until then. */
export function httpTrailers(id) {
  const record = get(id);
  const done = record.res.complete || record.connection.error !== undefined;
  return done ? responseTrailers(record) : undefined;
}
