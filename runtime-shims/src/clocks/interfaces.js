// wasi:clocks' interfaces, the same on every platform but for the monotonic clock's source.

/**
 * `monotonic-clock` over a platform's `now()` (nanoseconds, bigint), its `resolution`
 * (nanoseconds, bigint) and `timer(when)`, a pollable ready from instant `when` on.
 */
export const monotonicClockOf = ({ now, resolution, timer }) => ({
  now,
  resolution: () => resolution,
  subscribeInstant: (when) => timer(when),
  subscribeDuration: (duration) => timer(now() + duration),
});

/** `wall-clock`, from `Date.now()`: milliseconds. */
export const wallClock = {
  now() {
    const ms = Date.now();
    return { seconds: BigInt(Math.floor(ms / 1000)), nanoseconds: (ms % 1000) * 1e6 };
  },
  resolution: () => ({ seconds: 0n, nanoseconds: 1e6 }),
};
