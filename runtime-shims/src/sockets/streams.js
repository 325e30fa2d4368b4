// A TCP connection's input and output streams: a source and a sink (io/streams.js) over the
// connection in the worker thread (worker/connection.js).
import { CLOSED, failed } from '../io/error.js';
import { watched } from '../io/poll.js';
import { call } from '../io/worker.js';

/** Calls `op`, turning what it throws into a `stream-error`. */
function streamCall(op, ...args) {
  try {
    return call(op, ...args);
  } catch (code) {
    throw code === 'closed' ? CLOSED : failed(String(code));
  }
}

/** The source of connection `id`; `readable` is the worker condition "a read would not block". */
export const connectionSource = (id, readable) => ({
  read: (len, blocking) => streamCall('tcpRead', id, len, blocking),
  pollable: () => watched(readable),
  close: () => call('release', id),
});

export const connectionSink = (id) => ({
  write: (bytes) => streamCall('tcpWrite', id, bytes),
  flush: () => streamCall('tcpFlush', id),
  close: () => call('release', id),
});
