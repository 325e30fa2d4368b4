// wasi:clocks on Node: the monotonic clock is `process.hrtime`, to the nanosecond.
import { monotonicClockOf } from './clocks/interfaces.js';
import { timer } from './io/poll.js';
import { now } from './io/sleep.js';

export { wallClock } from './clocks/interfaces.js';

export const monotonicClock = monotonicClockOf({ now, resolution: 1n, timer });
