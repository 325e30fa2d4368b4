// Blocking waits on the Node main thread, where Wasm calls are synchronous.

const cell = new Int32Array(new SharedArrayBuffer(4));

/** Blocks the thread for `ms` milliseconds (fractions allowed). */
export function sleep(ms) {
  if (ms > 0) Atomics.wait(cell, 0, 0, ms);
}

/** The monotonic clock in nanoseconds. */
export const now = () => process.hrtime.bigint();
