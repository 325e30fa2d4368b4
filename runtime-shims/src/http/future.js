// What `future-trailers` and `future-incoming-response` share: a result the host delivers
// later, which the component polls for and takes once.
import { Pollable } from '../io/pollable.js';

export class Future {
  #poll;
  #ok;
  #cancel;
  #pollable;
  #result;
  #taken = false;

  /**
   * `poll()` returns undefined until the result is there, then `{ tag: 'ok', val }` or
   * `{ tag: 'err', val: error-code }`; `ok(val)` makes what the component gets from `val`.
   * Optional: `cancel()` runs if the component drops the future without taking the result;
   * `pollable()` makes a Pollable ready with the result (a worker's, so waiting needs no
   * polling; by default one that calls `poll`).
   */
  constructor(poll, ok, { cancel, pollable } = {}) {
    this.#poll = poll;
    this.#ok = ok;
    this.#cancel = cancel;
    this.#pollable = pollable;
  }
  #ready() {
    this.#result ??= this.#poll();
    return this.#result !== undefined;
  }
  subscribe() {
    return this.#pollable?.() ?? new Pollable(() => this.#ready());
  }
  get() {
    if (!this.#ready()) return undefined;
    if (this.#taken) return { tag: 'err' };
    this.#taken = true;
    const result = this.#result;
    return { tag: 'ok', val: result.tag === 'ok' ? { tag: 'ok', val: this.#ok(result.val) } : result };
  }
  [Symbol.dispose]() {
    if (!this.#taken) this.#cancel?.();
  }
}
