// A connected TCP socket in the worker: what arrives is queued until the main thread reads it
// (the socket stops reading while the queue is full); writes go straight to the socket. Also
// the body of an HTTP response (http/worker/request.js), a readable stream like a socket.
import { unwatch, until, wake, watch } from '../../io/worker-wait.js';
import { errorCode as socketErrorCode } from './errors.js';
import { get } from './table.js';

/** Bytes queued before the socket stops reading. */
const HIGH_WATER = 256 * 1024;

export class Connection {
  #chunks = [];
  #size = 0;
  #ended = false;
  #error;
  #errorCode;
  /** `errorCode`: the error-code of an error of `socket`. */
  constructor(socket, errorCode = socketErrorCode) {
    this.socket = socket;
    this.#errorCode = errorCode;
    socket.on('data', (chunk) => {
      if (this.#ended) return;
      this.#chunks.push(chunk);
      this.#size += chunk.length;
      if (this.#size >= HIGH_WATER) socket.pause();
      wake();
    });
    socket.on('end', () => this.#end());
    socket.on('close', () => this.#end());
    socket.on('error', (error) => {
      this.#error ??= this.#errorCode(error);
      wake();
    });
    socket.on('drain', wake);
    socket.resume();
    /** The worker condition of the input stream: a read would not block. */
    this.readable = watch(() => this.#readable());
  }
  get error() {
    return this.#error;
  }
  #end() {
    this.#ended = true;
    wake();
  }
  #readable() {
    return this.#size > 0 || this.#ended || this.#error !== undefined;
  }
  /** Up to `len` bytes, waiting for some if `blocking`; `null` at the end. */
  async read(len, blocking) {
    if (blocking) await until(() => this.#readable());
    if (this.#size === 0) {
      if (this.#error !== undefined) throw this.#error;
      return this.#ended ? null : new Uint8Array(0);
    }
    const bytes = new Uint8Array(Math.min(len, this.#size));
    for (let at = 0; at < bytes.length; ) {
      const chunk = this.#chunks[0];
      const n = Math.min(chunk.length, bytes.length - at);
      bytes.set(chunk.subarray(0, n), at);
      at += n;
      if (n === chunk.length) this.#chunks.shift();
      else this.#chunks[0] = chunk.subarray(n);
    }
    this.#size -= bytes.length;
    if (this.#size < HIGH_WATER) this.socket.resume();
    return bytes;
  }
  /** Writes `bytes`; waits, as a blocking send would, while Node's send buffer is full. */
  async write(bytes) {
    const { socket } = this;
    if (this.#error !== undefined) throw this.#error;
    if (socket.writableEnded || socket.destroyed) throw 'closed';
    socket.write(bytes, wake);
    await until(() => !socket.writableNeedDrain || socket.destroyed);
  }
  /** Waits until everything written went to the system. */
  async flush() {
    const { socket } = this;
    await until(() => socket.writableLength === 0 || socket.destroyed);
    if (this.#error !== undefined) throw this.#error;
  }
  /** `shutdown-type` `receive`, `send` or `both`. */
  shutdown(how) {
    if (how !== 'send') {
      this.#chunks = [];
      this.#size = 0;
      this.#end();
    }
    if (how !== 'receive') this.socket.end();
  }
  close() {
    unwatch(this.readable);
    this.socket.destroy();
  }
}

const connection = (id) => get(id).connection;

export const tcpRead = (id, len, blocking) => connection(id).read(len, blocking);
export const tcpWrite = (id, bytes) => connection(id).write(bytes);
export const tcpFlush = (id) => connection(id).flush();
export const tcpShutdown = (id, how) => connection(id).shutdown(how);
