// The body source (see http.js) of a `fetch` response: its stream read as the component asks,
// one read under way at a time. A read that has to wait is a Promise (the JSPI contract).
import { streamFailure } from '../../http/errors.js';
import { Pollable } from '../../io/pollable.js';

/** The error-code of a body that failed while coming (as the Node side: cut short). */
const CUT_SHORT = Object.freeze({ tag: 'HTTP-protocol-error' });
const TIMED_OUT = Object.freeze({ tag: 'connection-read-timeout' });

/**
 * `body` is the response's `ReadableStream` (null for none); `betweenBytesMs` how long one read
 * may wait (`request-options.between-bytes-timeout`), undefined for no limit.
 */
export function responseSource(body, betweenBytesMs) {
  const reader = body?.getReader();
  const chunks = []; // received, not read yet
  let done = reader === undefined;
  let error; // the error-code the body failed with
  let discarding = false; // the component reads no more of the body once it asks for the trailers
  let pending; // the read under way

  const over = () => done || error !== undefined;
  const available = () => chunks.length > 0 || over();

  /** Reads the next chunk from the stream (one read at a time); settles when it is in. */
  function pull() {
    if (over()) return Promise.resolve();
    pending ??= new Promise((resolve) => {
      const timer = betweenBytesMs === undefined ? undefined : setTimeout(() => fail(TIMED_OUT), betweenBytesMs);
      const settle = () => {
        clearTimeout(timer);
        pending = undefined;
        resolve();
      };
      function fail(code) {
        error ??= code;
        reader.cancel().catch(() => {});
        settle();
      }
      reader.read().then(({ value, done: end }) => {
        if (error !== undefined) return; // timed out meanwhile
        if (end) done = true;
        else if (!discarding && value.length > 0) chunks.push(value);
        settle();
      }, () => fail(CUT_SHORT));
    });
    return pending;
  }

  /** Up to `len` bytes of what came, `null` at the end; throws the body's failure. */
  function take(len) {
    if (chunks.length > 0) {
      const chunk = chunks[0];
      if (chunk.length <= len) return chunks.shift();
      chunks[0] = chunk.subarray(len);
      return chunk.slice(0, len);
    }
    if (error !== undefined) throw streamFailure(error);
    return null;
  }

  const waitFor = async (ready) => {
    while (!ready()) await pull();
  };

  return {
    read(len, blocking) {
      if (available()) return take(len);
      if (!blocking) {
        pull();
        return new Uint8Array(0);
      }
      return waitFor(available).then(() => take(len));
    },
    pollable: () => new Pollable(available, { settled: pull }),
    trailers() {
      discarding = true;
      chunks.length = 0;
      if (error !== undefined) return { tag: 'err', val: error };
      if (done) return { tag: 'ok', val: undefined }; // fetch gives no trailers
      pull();
      return undefined;
    },
    trailersPollable() {
      discarding = true;
      chunks.length = 0;
      return new Pollable(over, { settled: pull });
    },
    close() {
      if (!over()) reader.cancel().catch(() => {});
      done = true;
    },
  };
}
