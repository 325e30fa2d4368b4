// `setTimeout`, `setInterval`, their `clear*` (one id space, numbers from 1) and
// `queueMicrotask`. The engine's event loop calls `runNext` (through `timers::run_next`)
// when no job is left: it waits for the earliest timer and runs it. Times are in
// milliseconds on `native.now`'s clock (the monotonic clock, restarted at run time).
// `internal.timers` is for `pollables.js`, which waits for timers and pollables together.
(function (native, internal) {
  'use strict';

  const timers = new Map();
  let nextId = 1;

  function schedule(name, callback, delay, args, repeat) {
    const why = native.unavailable.timers;
    if (why !== undefined) throw new Error(internal.unavailableMessage(name, why));
    if (typeof callback !== 'function') {
      throw new TypeError(`The "callback" argument of ${name} must be a function`);
    }
    // WebIDL `long`, then at least 0.
    delay = Math.max(0, delay | 0);
    const id = nextId++;
    timers.set(id, { id, callback, args, delay, repeat, due: native.now() + delay });
    return id;
  }

  function clear(id) {
    timers.delete(id);
  }

  // The timer due first (the earliest set among equals), if any.
  function earliest() {
    let next;
    for (const timer of timers.values()) {
      if (next === undefined || timer.due < next.due) next = timer;
    }
    return next;
  }

  // How long until `timer` is due: at most its own delay, as a timer set before the snapshot
  // may be due at a time that means nothing on the run time's clock.
  function untilDue(timer) {
    return Math.min(timer.due - native.now(), timer.delay);
  }

  // Runs `timer` (set again if an interval). An exception it throws is uncaught.
  function fire(timer) {
    if (timer.repeat) timer.due = native.now() + timer.delay;
    else timers.delete(timer.id);
    try {
      timer.callback(...timer.args);
    } catch (error) {
      internal.uncaught(error);
    }
  }

  // Runs the timer due first, after waiting for it; false if there is none.
  function runNext() {
    const next = earliest();
    if (next === undefined) return false;
    const wait = untilDue(next);
    if (wait > 0) native.sleep(wait);
    fire(next);
    return true;
  }

  internal.timers = { runNext, earliest, untilDue, fire };

  const resolved = Promise.resolve();

  const globals = {
    setTimeout: (callback, delay, ...args) => schedule('setTimeout', callback, delay, args, false),
    setInterval: (callback, delay, ...args) => schedule('setInterval', callback, delay, args, true),
    clearTimeout: clear,
    clearInterval: clear,
    // A promise job; an exception it throws is uncaught, not a rejection.
    queueMicrotask(callback) {
      if (typeof callback !== 'function') {
        throw new TypeError('The "callback" argument of queueMicrotask must be a function');
      }
      resolved.then(() => {
        try {
          callback();
        } catch (error) {
          internal.uncaught(error);
        }
      });
    },
  };
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  }
  return runNext;
})
