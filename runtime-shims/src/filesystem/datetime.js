// wasi:filesystem `datetime`s, the same on every platform.

const NS = 1_000_000_000n;

/** A `datetime` from nanoseconds since the epoch (bigint). */
export function datetime(ns) {
  const seconds = ns / NS;
  const nanoseconds = ns % NS;
  // Before 1970 `%` is negative; a datetime's nanoseconds never are.
  return nanoseconds < 0n
    ? { seconds: seconds - 1n, nanoseconds: Number(nanoseconds + NS) }
    : { seconds, nanoseconds: Number(nanoseconds) };
}
