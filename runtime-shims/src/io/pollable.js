// wasi:io/poll's `pollable`, the same class on every platform. A pollable only knows whether
// its event happened; how to wait for it is the platform's `poll` (io/poll.js blocks Node's
// thread; browser/io/poll.js returns a Promise), which registers itself with `useWaiting`.

import { whenReady } from './maybe-later.js';

let waitFor = () => {
  throw new Error('@ferry-wasm/shims: no platform poll module is loaded');
};

/** Makes `poll(pollables)` (the platform's) what `pollable.block` waits with. */
export function useWaiting(poll) {
  waitFor = poll;
}

/**
 * An event a component can wait for. `ready()` says whether it happened. What lets a platform
 * wait for it without checking again and again: `deadline`, for a timer, when it will happen
 * (monotonic nanoseconds); `watch`, on Node, the id of a condition of the worker thread
 * (io/worker.js); `settled()`, in browsers, a Promise that settles once it may have happened.
 */
export class Pollable {
  #ready;
  constructor(ready, { deadline, watch, settled } = {}) {
    this.#ready = ready;
    this.deadline = deadline;
    this.watch = watch;
    this.settled = settled;
  }
  ready() {
    return this.#ready();
  }
  /** Returns once the event happened; in browsers, a Promise if it has to wait. */
  block() {
    return whenReady(waitFor([this]), () => undefined);
  }
}

/** A pollable that is always ready. */
export const readyPollable = () => new Pollable(() => true);
