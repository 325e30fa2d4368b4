// Outgoing HTTP requests in the worker, over node:http and node:https: one fresh connection
// each (as wasmtime), the request body streamed as the main thread writes it (body.js), the
// response head kept until the main thread takes it, then its body queued in a `Connection`
// (sockets/worker/connection.js) and its trailers kept.
import { request as plainRequest } from 'node:http';
import { request as tlsRequest } from 'node:https';
import { unwatch, wake, watch } from '../../io/worker-wait.js';
import { Connection } from '../../sockets/worker/connection.js';
import { add, get } from '../../sockets/worker/table.js';
import { bodyErrorCode, requestErrorCode, timeoutError } from './errors.js';

/** `[name, Uint8Array]` pairs of Node's raw `[name, value, ...]` strings (values are bytes, latin1). */
export function entries(raw) {
  const pairs = [];
  for (let i = 0; i < raw.length; i += 2) pairs.push([raw[i], new Uint8Array(Buffer.from(raw[i + 1], 'latin1'))]);
  return pairs;
}

/** A field value's bytes as the string Node writes them back as. */
export const latin1 = (bytes) => Buffer.from(bytes).toString('latin1');

/** setTimeout for `ms` (wasmtime waits 600 s when no timeout is given), longer meaning never. */
function timer(ms = 600_000, fire) {
  return ms < 2 ** 31 ? setTimeout(fire, ms) : undefined;
}

/** Fails the response body with `connection-read-timeout` when no byte came for `ms` while one was awaited. */
function betweenBytesTimeout(res, ms) {
  let idle;
  const arm = () => {
    clearTimeout(idle);
    // A paused response waits for the main thread to read, not for the server.
    idle = timer(ms, () => (res.isPaused() ? arm() : res.destroy(timeoutError('connection-read-timeout'))));
  };
  res.on('data', arm);
  res.on('close', () => clearTimeout(idle));
  arm();
}

/** The field names a request's `trailer` headers declare, lower-cased. */
function declaredTrailers(headers) {
  const names = headers.filter(([name]) => name.toLowerCase() === 'trailer').flatMap(([, value]) => latin1(value).split(','));
  return new Set(names.map((name) => name.trim().toLowerCase()).filter(Boolean));
}

/**
 * Operation: sends a request. `tls` (https), `method`, `host`, `port`, `path`, `headers`
 * (`[name, Uint8Array]` pairs, the host header first), `hasBody` (the main thread will write a body, then finish
 * or abort it), `timeouts` (`connect`, `firstByte`, `betweenBytes`: ms or undefined). The
 * request's id (held once by the response side, once more by the body) and the id of its
 * condition "the response head or an error is in".
 */
export function httpRequest({ tls, method, host, port, path, headers, hasBody, timeouts }) {
  const raw = headers.flatMap(([name, value]) => [name, latin1(value)]);
  const req = (tls ? tlsRequest : plainRequest)({ method, host, port, path, headers: raw, setHost: false, agent: false });
  const record = {
    req,
    declaredTrailers: declaredTrailers(headers),
    phase: 'connect',
    close() {
      unwatch(record.head);
      if (record.trailers !== undefined) unwatch(record.trailers);
      clearTimeout(record.timer);
      record.connection?.close();
      req.destroy();
    },
  };
  const fail = (error) => {
    record.error ??= requestErrorCode(record.phase, error);
    wake();
  };
  const sending = () => {
    record.phase = 'http';
    clearTimeout(record.timer);
    record.timer = timer(timeouts.firstByte, () => req.destroy(timeoutError('connection-read-timeout')));
  };
  record.head = watch(() => record.response !== undefined || record.error !== undefined);
  record.timer = timer(timeouts.connect, () => req.destroy(timeoutError('connection-timeout')));
  req.on('socket', (socket) => {
    socket.once('connect', () => (tls ? (record.phase = 'tls') : sending()));
    if (tls) socket.once('secureConnect', sending);
  });
  req.on('error', fail);
  req.on('drain', wake);
  req.on('response', (res) => {
    clearTimeout(record.timer);
    const connection = new Connection(res, bodyErrorCode);
    Object.assign(record, { res, connection });
    record.trailers = watch(() => res.complete || connection.error !== undefined);
    record.response = { status: res.statusCode, headers: entries(res.rawHeaders), readable: connection.readable, trailers: record.trailers };
    res.on('end', wake);
    betweenBytesTimeout(res, timeouts.betweenBytes);
    wake();
  });
  if (hasBody) req.useChunkedEncodingByDefault = true;
  else req.end();
  return { id: add(record, hasBody ? 2 : 1), head: record.head };
}

/**
 * Operation: undefined until the response head or an error is in, then `{ tag: 'ok', val:
 * { status, headers, readable, trailers } }` (the ids of the body's conditions) or
 * `{ tag: 'err', val: error-code }`.
 */
export function httpResponse(id) {
  const { response, error } = get(id);
  if (response) return { tag: 'ok', val: response };
  if (error) return { tag: 'err', val: error };
  return undefined;
}

/** The trailers' `[name, Uint8Array]` pairs of a complete response (undefined if none), or its error-code. */
export function responseTrailers({ res, connection }) {
  if (connection.error !== undefined) return { tag: 'err', val: connection.error };
  const raw = res.rawTrailers;
  return { tag: 'ok', val: raw.length > 0 ? entries(raw) : undefined };
}
