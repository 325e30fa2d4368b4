// wasi:clocks in browsers: the monotonic clock is `performance.now()`, the wall clock `Date.now()`.
import { monotonicClockOf } from '../clocks/interfaces.js';
import { now, timer } from './io/poll.js';

export { wallClock } from '../clocks/interfaces.js';

/**
 * `performance.now()` is coarsened to 100 µs, or to 5 µs where the page is cross-origin
 * isolated (High Resolution Time, "coarsen time").
 */
const resolution = globalThis.crossOriginIsolated ? 5_000n : 100_000n;

export const monotonicClock = monotonicClockOf({ now, resolution, timer });
