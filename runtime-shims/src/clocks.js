// wasi:clocks: monotonic-clock, wall-clock.
import { timer } from './io/poll.js';
import { now } from './io/sleep.js';

export const monotonicClock = {
  now,
  resolution: () => 1n,
  subscribeInstant: (when) => timer(when),
  subscribeDuration: (duration) => timer(now() + duration),
};

export const wallClock = {
  now() {
    const ms = Date.now();
    return { seconds: BigInt(Math.floor(ms / 1000)), nanoseconds: (ms % 1000) * 1e6 };
  },
  resolution: () => ({ seconds: 0n, nanoseconds: 1e6 }),
};
