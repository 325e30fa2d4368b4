// wasi:io/streams: byte streams over sources and sinks that other interfaces provide
// (stdio, files, sockets). Errors are thrown as `stream-error` values: `{ tag: 'closed' }` or
// `{ tag: 'last-operation-failed', val: Error }`.
import { CLOSED } from './error.js';
import { whenReady } from './maybe-later.js';
import { readyPollable } from './pollable.js';

/** Most bytes one read returns, and what `check-write` allows at once. */
const CHUNK = 64 * 1024;

const clamp = (len) => Math.min(Number(len), CHUNK);

/**
 * A stream the component reads. `source.read(len, blocking)` returns a `Uint8Array` (empty
 * when nothing is available yet and `blocking` is false) or `null` at the end, or in browsers,
 * when `blocking` and nothing is there yet, a Promise of either;
 * `source.pollable()` is ready when a read would not block.
 */
export class InputStream {
  #source;
  #closed = false;
  constructor(source) {
    this.#source = source;
  }
  #read(len, blocking) {
    if (this.#closed) throw CLOSED;
    const bytes = len === 0n ? new Uint8Array(0) : this.#source.read(clamp(len), blocking);
    // A browser source that must wait for data gives a Promise.
    return whenReady(bytes, (b) => this.#took(b));
  }
  #took(bytes) {
    if (bytes === null) {
      this.#closed = true;
      throw CLOSED;
    }
    return bytes;
  }
  read(len) {
    return this.#read(len, false);
  }
  blockingRead(len) {
    return this.#read(len, true);
  }
  skip(len) {
    return BigInt(this.#read(len, false).length);
  }
  blockingSkip(len) {
    return whenReady(this.#read(len, true), (bytes) => BigInt(bytes.length));
  }
  subscribe() {
    return this.#source.pollable?.() ?? readyPollable();
  }
  [Symbol.dispose]() {
    this.#source.close?.();
  }
}

/**
 * A stream the component writes. `sink.write(bytes)` writes all of `bytes` (blocking) or
 * throws a `stream-error`; `sink.flush()` is optional.
 */
export class OutputStream {
  #sink;
  constructor(sink) {
    this.#sink = sink;
  }
  checkWrite() {
    return BigInt(CHUNK);
  }
  write(contents) {
    if (contents.length > CHUNK) throw new RangeError('write: more bytes than check-write allowed');
    this.#sink.write(contents);
  }
  blockingWriteAndFlush(contents) {
    for (let at = 0; at < contents.length; at += CHUNK) this.#sink.write(contents.subarray(at, at + CHUNK));
    this.#sink.flush?.();
  }
  flush() {
    this.#sink.flush?.();
  }
  blockingFlush() {
    this.#sink.flush?.();
  }
  subscribe() {
    return readyPollable();
  }
  writeZeroes(len) {
    this.write(new Uint8Array(Number(len)));
  }
  blockingWriteZeroesAndFlush(len) {
    this.blockingWriteAndFlush(new Uint8Array(Number(len)));
  }
  splice(src, len) {
    return this.#pass(src.read(len));
  }
  blockingSplice(src, len) {
    return whenReady(src.blockingRead(len), (bytes) => this.#pass(bytes));
  }
  #pass(bytes) {
    this.#sink.write(bytes);
    return BigInt(bytes.length);
  }
  [Symbol.dispose]() {
    this.#sink.close?.();
  }
}
