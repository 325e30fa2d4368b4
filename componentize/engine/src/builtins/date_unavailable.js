// `Date` when the wall clock is unavailable (`--disable clocks`, or a world without
// wasi:clocks/wall-clock): asking for the current time (`Date.now()`, `new Date()`, `Date()`)
// throws why, rather than give 1970; dates from a given time work as ever.
(function (native, internal) {
  'use strict';

  const why = native.unavailable.wallClock;
  const WallDate = Date;
  const fail = (name) => {
    throw new Error(internal.unavailableMessage(name, why));
  };
  function ClocklessDate(...args) {
    if (new.target === undefined) fail('Date()');
    if (args.length === 0) fail('new Date()');
    return Reflect.construct(WallDate, args, new.target);
  }
  Object.defineProperty(ClocklessDate, 'name', { value: 'Date' });
  Object.defineProperty(ClocklessDate, 'length', { value: 7 });
  Object.defineProperty(ClocklessDate, 'prototype', { value: WallDate.prototype });
  Object.defineProperty(WallDate.prototype, 'constructor', { value: ClocklessDate, writable: true, configurable: true });
  ClocklessDate.parse = WallDate.parse;
  ClocklessDate.UTC = WallDate.UTC;
  ClocklessDate.now = function now() {
    return fail('Date.now');
  };
  Object.defineProperty(globalThis, 'Date', { value: ClocklessDate, writable: true, configurable: true });
})
