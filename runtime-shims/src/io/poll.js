// wasi:io/poll: pollables and blocking on them.
import { now, sleep } from './sleep.js';

/**
 * An event a component can wait for. `ready()` says whether it happened; `deadline`, for a
 * timer, is when it will (monotonic nanoseconds), so waiting needs no polling.
 */
export class Pollable {
  #ready;
  constructor(ready, deadline) {
    this.#ready = ready;
    this.deadline = deadline;
  }
  ready() {
    return this.#ready();
  }
  block() {
    poll([this]);
  }
}

/** A pollable that is always ready. */
export const readyPollable = () => new Pollable(() => true);

/** A timer: ready from monotonic instant `when` (nanoseconds) on. */
export const timer = (when) => new Pollable(() => now() >= when, when);

/** How long to wait between checks of pollables that are not timers. */
const CHECK_MS = 1;

/** The indices of the pollables that are ready, waiting until one is. */
export function poll(pollables) {
  if (pollables.length === 0) throw new RangeError('poll: no pollables to wait for');
  for (;;) {
    const ready = [];
    pollables.forEach((p, i) => p.ready() && ready.push(i));
    if (ready.length > 0) return new Uint32Array(ready);
    const deadlines = pollables.map((p) => p.deadline);
    const soonest = deadlines.reduce((a, b) => (b !== undefined && (a === undefined || b < a) ? b : a), undefined);
    const untilTimer = soonest === undefined ? Infinity : Number(soonest - now()) / 1e6;
    sleep(deadlines.includes(undefined) ? Math.min(CHECK_MS, untilTimer) : untilTimer);
  }
}
