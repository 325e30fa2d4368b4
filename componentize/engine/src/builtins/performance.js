// `performance.now()` and `performance.timeOrigin`: milliseconds on the monotonic clock from
// the time origin, the first reading at run time (a reading taken while the engine is
// pre-initialised would mean nothing to the running component).
(function (native, internal) {
  'use strict';

  function check(name) {
    const why = native.unavailable.monotonicClock;
    if (why !== undefined) throw new Error(internal.unavailableMessage(name, why));
  }

  const performance = {
    now() {
      check('performance.now');
      return native.now();
    },
    get timeOrigin() {
      check('performance.timeOrigin');
      return native.timeOrigin();
    },
    toJSON() {
      return { timeOrigin: this.timeOrigin };
    },
  };
  Object.defineProperty(globalThis, 'performance', { value: performance, writable: true, configurable: true });
})
