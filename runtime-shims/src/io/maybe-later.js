// A result now, or in browsers a Promise of it when the call has to wait (the JSPI contract,
// runtime-shims/README.md): what follows it is applied either way.

/** `then(value)`, at once, or once `value` (a Promise) settles. */
export const whenReady = (value, then) => (typeof value?.then === 'function' ? value.then(then) : then(value));
