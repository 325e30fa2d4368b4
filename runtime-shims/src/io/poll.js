// wasi:io/poll on Node: pollables of its timers and worker thread, and blocking on them.
import { Pollable, useWaiting } from './pollable.js';
import { now, sleep } from './sleep.js';
import { call } from './worker.js';

export { Pollable, readyPollable } from './pollable.js';

/** A timer: ready from monotonic instant `when` (nanoseconds) on. */
export const timer = (when) => new Pollable(() => now() >= when, { deadline: when });

/** Ready when condition `id` of the worker thread holds (`watch` in io/worker-wait.js). */
export const watched = (id) => new Pollable(() => call('ready', id), { watch: id });

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

useWaiting(poll);
