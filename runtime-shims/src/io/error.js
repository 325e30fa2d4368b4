// wasi:io/error: an error a stream operation failed with.

export class Error {
  #message;
  constructor(message) {
    this.#message = message;
  }
  toDebugString() {
    return this.#message;
  }
}

/** The `stream-error` for a failed operation: `last-operation-failed(error)`. */
export function failed(message) {
  return { tag: 'last-operation-failed', val: new Error(message) };
}

export const CLOSED = Object.freeze({ tag: 'closed' });
