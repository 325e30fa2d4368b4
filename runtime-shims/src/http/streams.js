// The bodies of an outgoing request (outgoing.js) over its record in the worker thread
// (worker/): the sink the request body's pipe is connected to, and the source of the
// response body, with its trailers. Stream errors carry the request's error-code.
import { watched } from '../io/poll.js';
import { call } from '../io/worker.js';
import { connectionSource, streamCall } from '../sockets/streams.js';
import { streamFailure } from './errors.js';

/** Releases the worker's record `id` for one holder, once however often it is called. */
export function releaser(id) {
  let held = true;
  return () => {
    if (held) call('release', id);
    held = false;
  };
}

/** The sink of the body of request `id` (see OutgoingPipe in bodies.js); it holds the request. */
export function requestSink(id) {
  const release = releaser(id);
  return {
    write: (bytes) => streamCall(streamFailure, 'httpWrite', id, bytes),
    finish(trailers) {
      call('httpFinish', id, trailers);
      release();
    },
    abort() {
      call('httpAbort', id);
      release();
    },
  };
}

/**
 * The body source (see http.js) of the response to request `id`, whose conditions are
 * `readable` (a read would not block) and `trailers` (they came, or an error); it holds the
 * request until the trailers are taken or the body is dropped.
 */
export function responseSource(id, { readable, trailers }) {
  const close = releaser(id);
  let discarding = false;
  // The component reads no more of the body once it asks for the trailers.
  const discard = () => {
    if (!discarding) call('httpDiscard', id);
    discarding = true;
  };
  return {
    ...connectionSource(id, readable, streamFailure),
    trailers() {
      discard();
      const result = call('httpTrailers', id);
      if (result !== undefined) close();
      return result;
    },
    trailersPollable() {
      discard();
      return watched(trailers);
    },
    close,
  };
}
