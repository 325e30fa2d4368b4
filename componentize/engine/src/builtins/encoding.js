// `TextEncoder` and `TextDecoder` (UTF-8 only, as the Encoding Standard): the classes here,
// the transcoding in Rust (`native.encode`, `native.encodeInto`, `native.decode`).
(function (native) {
  'use strict';

  // The Encoding Standard's labels of UTF-8.
  const LABELS = ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8'];

  // The bytes of an `AllowSharedBufferSource`, as a `Uint8Array` over the same memory.
  function bytesOf(input) {
    if (input === undefined) return new Uint8Array(0);
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (input instanceof ArrayBuffer || input instanceof SharedArrayBuffer) return new Uint8Array(input);
    throw new TypeError('The "input" argument must be an ArrayBuffer, a typed array or a DataView');
  }

  class TextEncoder {
    get encoding() {
      return 'utf-8';
    }

    // Lone surrogates become U+FFFD.
    encode(input = '') {
      return native.encode(`${input}`);
    }

    encodeInto(source, destination) {
      if (!(destination instanceof Uint8Array)) {
        throw new TypeError('The "destination" argument must be a Uint8Array');
      }
      return native.encodeInto(`${source}`, destination);
    }
  }

  class TextDecoder {
    #fatal;
    #ignoreBOM;
    // The bytes of an incomplete sequence that ended the last `{ stream: true }` call.
    #pending = null;
    // Whether the stream's first code point has been decoded (and a BOM stripped).
    #started = false;

    constructor(label = 'utf-8', options = {}) {
      const name = `${label}`.trim().toLowerCase();
      if (!LABELS.includes(name)) throw new RangeError(`The "${label}" encoding is not supported`);
      this.#fatal = Boolean(options?.fatal);
      this.#ignoreBOM = Boolean(options?.ignoreBOM);
    }

    get encoding() {
      return 'utf-8';
    }

    get fatal() {
      return this.#fatal;
    }

    get ignoreBOM() {
      return this.#ignoreBOM;
    }

    // Malformed sequences become U+FFFD (one per maximal subpart), or throw a TypeError if
    // `fatal`; with `{ stream: true }` an incomplete sequence at the end waits for the next
    // call.
    decode(input, options = {}) {
      const stream = Boolean(options?.stream);
      let bytes = bytesOf(input);
      if (this.#pending !== null) {
        const joined = new Uint8Array(this.#pending.length + bytes.length);
        joined.set(this.#pending);
        joined.set(bytes, this.#pending.length);
        bytes = joined;
        this.#pending = null;
      }
      let text;
      let used;
      try {
        [text, used] = native.decode(bytes, this.#fatal, stream);
      } catch (error) {
        this.#started = false;
        throw error;
      }
      if (used < bytes.length) this.#pending = bytes.slice(used);
      if (!this.#started && text.length > 0) {
        if (!this.#ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        this.#started = true;
      }
      if (!stream) this.#started = false;
      return text;
    }
  }

  for (const [name, value] of [['TextEncoder', TextEncoder], ['TextDecoder', TextDecoder]]) {
    Object.defineProperty(value.prototype, Symbol.toStringTag, { value: name, configurable: true });
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  }
})
