// `internal.whenReady(pollable)`: a promise that resolves when a wasi:io pollable is ready
// (fetch waits for its futures and streams with it). Installed with fetch only, it takes over
// the event loop's wait step from `timers.js` (its `runNext` is called through
// `timers::run_next` when no job is left): with no pollable waited for, that is the timers'
// own; otherwise one wasi:io/poll `poll` waits for every pollable waited for and, when a
// timer is pending, a clock pollable ready when it is due; then the ready pollables'
// promises resolve, and the timer runs if it is due.
(function (native, internal) {
  'use strict';

  const timers = internal.timers;
  // The pollables waited for, each with its promise's `resolve`.
  const waiting = [];
  // `{ poll, subscribeDuration }` from the world's imports, found at the first wait.
  let io;

  internal.whenReady = (pollable) =>
    new Promise((resolve) => {
      io ??= native.pollImports();
      waiting.push({ pollable, resolve });
    });

  return function runNext() {
    if (waiting.length === 0) return timers.runNext();
    const next = timers.earliest();
    const pollables = waiting.map((w) => w.pollable);
    let clock;
    if (next !== undefined) {
      clock = io.subscribeDuration(BigInt(Math.ceil(Math.max(0, timers.untilDue(next)) * 1e6)));
      pollables.push(clock);
    }
    let ready;
    try {
      ready = io.poll(pollables);
    } finally {
      clock?.[Symbol.dispose]();
    }
    const waited = waiting.splice(0);
    for (const [i, w] of waited.entries()) {
      if (ready.includes(i)) w.resolve();
      else waiting.push(w);
    }
    if (clock !== undefined && ready.includes(waited.length)) timers.fire(next);
    return true;
  };
})
