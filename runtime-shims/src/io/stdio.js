// What `configure({ stdin, stdout, stderr })` accepts on Node, made into sources and sinks.
// Wasm calls are synchronous, so stdin must be readable without returning to the event loop: a
// file descriptor, the whole input as bytes or text, or a source object. Output may go anywhere
// that takes bytes synchronously or buffers them (a Node `Writable` does).
import { fdSink, fdSource } from './fd.js';
import { functionSink, valueSource } from './sources.js';

/**
 * stdin: a file descriptor (number); a `Uint8Array` or string, the whole input; or a source,
 * `{ read(len, blocking) }` returning a `Uint8Array` or `null` at the end (and optionally
 * `pollable()`, `close()`).
 */
export function stdinSource(value) {
  if (typeof value === 'number') return fdSource(value);
  const source = valueSource(value);
  if (source) return source;
  throw new TypeError('configure: `stdin` is a file descriptor, a Uint8Array, a string or `{ read(len, blocking) }`');
}

/**
 * stdout and stderr: a file descriptor (number); a function called with each chunk (a
 * `Uint8Array` of its own); or an object with `write(chunk)`, such as a Node `Writable`
 * (given a `Buffer`).
 */
export function outputSink(value, name) {
  if (typeof value === 'number') return fdSink(value);
  if (typeof value === 'function') return functionSink(value);
  if (typeof value?.write === 'function') return { write: (bytes) => value.write(Buffer.from(bytes)) };
  throw new TypeError(`configure: \`${name}\` is a file descriptor, a function or an object with \`write(chunk)\``);
}
