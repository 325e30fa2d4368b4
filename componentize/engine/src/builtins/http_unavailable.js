// The http group's globals when wasi:http is unavailable (`--disable http`, or a world without
// wasi:http/outgoing-handler): each only throws why, whether called or constructed. (The
// real ones, `headers.js` and `fetch.js`, would cost every other program's snapshot.)
(function (native, internal) {
  'use strict';

  for (const name of ['fetch', 'Request', 'Response', 'Headers']) {
    const unavailable = function () {
      throw new Error(internal.unavailableMessage(name, native.unavailable.http));
    };
    Object.defineProperty(unavailable, 'name', { value: name });
    Object.defineProperty(globalThis, name, { value: unavailable, writable: true, configurable: true });
  }
})
