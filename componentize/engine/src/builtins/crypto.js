// `crypto.getRandomValues` and `crypto.randomUUID`, from `native.randomFill` (WASI random).
(function (native, internal) {
  'use strict';

  const typedArrayTag = Object.getOwnPropertyDescriptor(
    Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
  const INTEGER_ARRAYS = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'BigInt64Array', 'BigUint64Array'];
  // The Web Crypto limit of one call.
  const MAX_BYTES = 65536;

  function fill(name, bytes) {
    const why = native.unavailable.random;
    if (why !== undefined) throw new Error(internal.unavailableMessage(name, why));
    native.randomFill(bytes);
  }

  const crypto = {
    getRandomValues(array) {
      if (!INTEGER_ARRAYS.includes(typedArrayTag.call(array))) {
        const error = new TypeError('The "array" argument must be an integer-type typed array');
        error.name = 'TypeMismatchError';
        throw error;
      }
      if (array.byteLength > MAX_BYTES) {
        const error = new Error(
          `The ArrayBufferView's byte length (${array.byteLength}) exceeds the number of bytes of entropy available via this API (${MAX_BYTES})`);
        error.name = 'QuotaExceededError';
        throw error;
      }
      fill('crypto.getRandomValues', new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
      return array;
    },

    // A version 4 UUID.
    randomUUID() {
      const bytes = new Uint8Array(16);
      fill('crypto.randomUUID', bytes);
      bytes[6] = (bytes[6] & 0x0f) | 0x40;
      bytes[8] = (bytes[8] & 0x3f) | 0x80;
      const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
  Object.defineProperty(globalThis, 'crypto', { value: crypto, writable: true, configurable: true });
})
