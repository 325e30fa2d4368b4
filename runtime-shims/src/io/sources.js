// Stream sources and sinks from JS values, the same on every platform (io/stdio.js on Node,
// browser/io/stdio.js in browsers add their own kinds).

/** A source reading `bytes` and then ending. */
function bytesSource(bytes) {
  let at = 0;
  return {
    read(len) {
      if (at >= bytes.length) return null;
      const chunk = bytes.slice(at, at + len);
      at += chunk.length;
      return chunk;
    },
  };
}

/**
 * The source of stdin given as a `Uint8Array` or string (the whole input) or as a source
 * `{ read(len, blocking) }` (returning a `Uint8Array` or `null` at the end; optionally
 * `pollable()`, `close()`); undefined for any other value.
 */
export function valueSource(value) {
  if (typeof value === 'string') return bytesSource(new TextEncoder().encode(value));
  if (value instanceof Uint8Array) return bytesSource(value);
  if (typeof value?.read === 'function') return value;
  return undefined;
}

/** A sink calling `write` with each chunk (a `Uint8Array` of its own). */
export const functionSink = (write) => ({ write: (bytes) => write(bytes.slice()) });
