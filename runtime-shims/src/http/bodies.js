// wasi:http bodies: `incoming-body` and its `future-trailers` over a body source from the
// host, `outgoing-body` over an `OutgoingPipe` that the host connects a sink to.
import { InputStream, OutputStream } from '../io/streams.js';
import { bodySizeError, streamFailure, trap } from './errors.js';
import { receivedFields } from './fields.js';
import { Future } from './future.js';

/** The one stream a body gives, which must be dropped before the body is finished or dropped. */
class ChildStream {
  #state = 'unused'; // then 'open', then 'dropped'
  /** Marks the stream taken (the second time fails); returns what its `close` runs. */
  take(what) {
    if (this.#state !== 'unused') throw new Error(`${what}: the stream was already taken`);
    this.#state = 'open';
    return () => (this.#state = 'dropped');
  }
  checkDropped(what) {
    if (this.#state === 'open') trap(`${what}: its stream has not been dropped (resource has children)`);
  }
}

/** `source`: a body source from the host (see http.js). */
export class IncomingBody {
  #source;
  #stream = new ChildStream();
  constructor(source) {
    this.#source = source;
  }
  stream() {
    const close = this.#stream.take('incoming-body.stream');
    const source = this.#source;
    return new InputStream({ read: source.read.bind(source), pollable: source.pollable?.bind(source), close });
  }
  static finish(body) {
    body.#stream.checkDropped('incoming-body.finish');
    return new FutureTrailers(body.#source);
  }
  [Symbol.dispose]() {
    this.#stream.checkDropped('incoming-body drop');
    this.#source.close?.();
  }
}

export class FutureTrailers extends Future {
  constructor(source) {
    super(() => source.trailers(), (entries) => entries && receivedFields(entries), {
      cancel: () => source.close?.(),
      pollable: source.trailersPollable?.bind(source),
    });
  }
}

export class OutgoingBody {
  #pipe;
  #stream = new ChildStream();
  constructor(pipe) {
    this.#pipe = pipe;
  }
  write() {
    const close = this.#stream.take('outgoing-body.write');
    const pipe = this.#pipe;
    return new OutputStream({ write: (bytes) => pipe.write(bytes), flush: () => pipe.flush(), close });
  }
  static finish(body, trailers) {
    body.#stream.checkDropped('outgoing-body.finish');
    body.#pipe.finish(trailers?.entries());
  }
  /** Dropped without `finish`: the body is incomplete. */
  [Symbol.dispose]() {
    this.#stream.checkDropped('outgoing-body drop');
    this.#pipe.abort();
  }
}

/**
 * Where the bytes of an outgoing body go: kept until the host connects a sink, then passed
 * straight on. `kind` is `'request'` or `'response'`, `length` the `content-length` (bigint)
 * the body must have, if any.
 */
export class OutgoingPipe {
  #kind;
  #length;
  #written = 0n;
  #sink;
  #pending = [];
  constructor(kind, length) {
    this.#kind = kind;
    this.#length = length;
  }
  /**
   * Sends the body to `sink`, what came before at once: `write(bytes)` (may throw a
   * stream-error), optional `flush()`, then `finish(trailers)` (`[name, Uint8Array]` pairs, or
   * undefined) or `abort()` (the body is incomplete: dropped, or not its content-length).
   */
  connect(sink) {
    this.#sink = sink;
    for (const send of this.#pending) send(sink);
    this.#pending = [];
  }
  #send(send) {
    if (this.#sink) send(this.#sink);
    else this.#pending.push(send);
  }
  write(bytes) {
    this.#written += BigInt(bytes.length);
    if (this.#length !== undefined && this.#written > this.#length) {
      throw streamFailure(bodySizeError(this.#kind, this.#written));
    }
    this.#send((sink) => sink.write(bytes));
  }
  flush() {
    this.#sink?.flush?.();
  }
  finish(trailers) {
    if (this.#length !== undefined && this.#written !== this.#length) {
      this.abort();
      throw bodySizeError(this.#kind, this.#written);
    }
    this.#send((sink) => sink.finish(trailers));
  }
  abort() {
    this.#send((sink) => sink.abort());
  }
}
