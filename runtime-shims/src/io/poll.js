// wasi:io/poll: pollables and blocking on them.
import { now, sleep } from './sleep.js';
import { call } from './worker.js';

/**
 * An event a component can wait for. `ready()` says whether it happened; `deadline`, for a
 * timer, is when it will (monotonic nanoseconds), and `watch`, for an event of the worker
 * thread (io/worker.js), is the id of its condition there: waiting for either needs no polling.
 */
export class Pollable {
  #ready;
  constructor(ready, deadline, watch) {
    this.#ready = ready;
    this.deadline = deadline;
    this.watch = watch;
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

/** Ready when condition `id` of the worker thread holds (`watch` in io/worker-wait.js). */
export const watched = (id) => new Pollable(() => call('ready', id), undefined, id);

/** How long to wait between checks of pollables that are not timers. */
const CHECK_MS = 1;

/**
 * The indices of the pollables that are ready, waiting until one is. The worker thread's
 * pollables are checked together in one call, which also does the waiting when there are any.
 */
export function poll(pollables) {
  if (pollables.length === 0) throw new RangeError('poll: no pollables to wait for');
  const local = pollables.filter((p) => p.watch === undefined);
  const watches = pollables.filter((p) => p.watch !== undefined).map((p) => p.watch);
  for (;;) {
    const ready = new Set(local.filter((p) => p.ready()));
    const deadlines = local.map((p) => p.deadline);
    const soonest = deadlines.reduce((a, b) => (b !== undefined && (a === undefined || b < a) ? b : a), undefined);
    const untilTimer = soonest === undefined ? Infinity : Number(soonest - now()) / 1e6;
    const wait = ready.size > 0 ? 0 : deadlines.includes(undefined) ? Math.min(CHECK_MS, untilTimer) : untilTimer;
    let held = new Set();
    if (watches.length > 0) held = new Set(call('wait', watches, wait));
    else sleep(wait);
    const indices = [];
    pollables.forEach((p, i) => (ready.has(p) || held.has(p.watch)) && indices.push(i));
    if (indices.length > 0) return new Uint32Array(indices);
  }
}
