// A TCP connection's input and output streams: a source and a sink (io/streams.js) over the
// connection in the worker thread (worker/connection.js).
import { CLOSED, failed } from '../io/error.js';
import { watched } from '../io/poll.js';
import { call } from '../io/worker.js';

/** The `stream-error` of a socket's `error-code`. */
const socketFailure = (code) => failed(String(code));

/** Calls `op`, turning what it throws into a `stream-error` (`fail` makes it of an error-code). */
export function streamCall(fail, op, ...args) {
  try {
    return call(op, ...args);
  } catch (code) {
    throw code === 'closed' ? CLOSED : fail(code);
  }
}

/**
 * The source of connection `id`; `readable` is the worker condition "a read would not block";
 * `fail` makes the stream-error of an error-code (also an HTTP response body's, http/streams.js).
 */
export const connectionSource = (id, readable, fail = socketFailure) => ({
  read: (len, blocking) => streamCall(fail, 'tcpRead', id, len, blocking),
  pollable: () => watched(readable),
  close: () => call('release', id),
});

export const connectionSink = (id) => ({
  write: (bytes) => streamCall(socketFailure, 'tcpWrite', id, bytes),
  flush: () => streamCall(socketFailure, 'tcpFlush', id),
  close: () => call('release', id),
});
