// Waiting in the worker thread (worker-thread.js): for conditions on its resources (data on a
// socket, a connection to accept, ...), re-checked whenever one of its resources has news.
// A condition has an id, which the main thread's pollables name (`watched` in poll.js).

const conditions = new Map();
let nextId = 1;
const waiters = new Set();

/** Registers `ready` (a function returning whether the condition holds); returns its id. */
export function watch(ready) {
  conditions.set(nextId, ready);
  return nextId++;
}

export function unwatch(id) {
  conditions.delete(id);
}

/** Says that some resource changed: pending waits re-check their conditions. */
export function wake() {
  for (const waiter of waiters) waiter();
}

/**
 * Resolves to the first truthy value of `check()`, checked now and on each `wake()`; or to
 * `fallback` after `ms` milliseconds.
 */
export function until(check, ms = Infinity, fallback = undefined) {
  const value = check();
  if (value || ms <= 0) return value || fallback;
  return new Promise((resolve) => {
    const done = (result) => {
      waiters.delete(waiter);
      clearTimeout(timer);
      resolve(result);
    };
    const waiter = () => {
      const result = check();
      if (result) done(result);
    };
    // setTimeout cannot wait longer than 2^31 - 1 ms; longer is forever here.
    const timer = ms < 2 ** 31 ? setTimeout(() => done(fallback), ms) : undefined;
    waiters.add(waiter);
  });
}

// A condition whose resource is gone is ready: nothing would ever change it.
const ready = (id) => conditions.get(id)?.() ?? true;

export const ops = {
  /** Whether condition `id` holds. */
  ready,
  /** The ids among `ids` whose conditions hold, waiting up to `ms` milliseconds for one. */
  wait: (ids, ms) =>
    until(
      () => {
        const held = ids.filter(ready);
        return held.length > 0 && held;
      },
      ms,
      [],
    ),
};
