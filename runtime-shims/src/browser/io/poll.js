// wasi:io/poll in browsers. Nothing may block the page, so a wait is a Promise that settles
// when it is over, which a component transpiled with `--async-mode jspi` suspends on (the
// JSPI contract, runtime-shims/README.md); called without waiting, `poll` answers at once.
import { Pollable, useWaiting } from '../../io/pollable.js';

/** The monotonic clock in nanoseconds: `performance.now()`. */
export const now = () => BigInt(Math.round(performance.now() * 1e6));

/** A timer: ready from monotonic instant `when` (nanoseconds) on. */
export const timer = (when) => new Pollable(() => now() >= when, { deadline: when });

/** How long to wait between checks of a pollable that says neither when nor how it becomes ready. */
const CHECK_MS = 1;

/** A Promise that settles once `pollable` may be ready. */
function settles(pollable) {
  if (pollable.settled) return pollable.settled();
  const ms = pollable.deadline === undefined ? CHECK_MS : Number(pollable.deadline - now()) / 1e6;
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, Math.ceil(ms))));
}

const readyIndices = (pollables) => pollables.flatMap((p, i) => (p.ready() ? [i] : []));

async function waitForAny(pollables) {
  for (;;) {
    await Promise.race(pollables.map(settles));
    const indices = readyIndices(pollables);
    if (indices.length > 0) return new Uint32Array(indices);
  }
}

/** The indices of the pollables that are ready; a Promise of them if none is yet. */
export function poll(pollables) {
  if (pollables.length === 0) throw new RangeError('poll: no pollables to wait for');
  const indices = readyIndices(pollables);
  return indices.length > 0 ? new Uint32Array(indices) : waitForAny(pollables);
}

useWaiting(poll);
