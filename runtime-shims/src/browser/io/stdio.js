// What `configure({ stdin, stdout, stderr })` accepts in browsers, made into sources and sinks.
// By default stdin is empty and stdout and stderr go to the console, a line at a time.
import { functionSink, valueSource } from '../../io/sources.js';

/**
 * stdin: undefined (empty); a `Uint8Array` or string, the whole input; or a source
 * `{ read(len, blocking) }` returning a `Uint8Array`, `null` at the end, or (when `blocking`
 * and nothing is there yet) a Promise of either, which a component transpiled with
 * `--async-mode jspi` waits for.
 */
export function stdinSource(value) {
  const source = valueSource(value ?? '');
  if (source) return source;
  throw new TypeError('configure: `stdin` is a Uint8Array, a string or `{ read(len, blocking) }`');
}

/**
 * A sink writing whole lines (UTF-8, without the `\n`) to `log`. A line's start written
 * without its end is logged once control returns to the event loop: pieces written in one
 * run of the component (as Rust's unbuffered stderr writes them) make one line.
 */
function consoleSink(log) {
  // `ignoreBOM`: a U+FEFF the program writes first is text, not a byte-order mark to drop.
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  let pending = '';
  let scheduled = false;
  const logRest = () => {
    scheduled = false;
    if (pending !== '') log(pending);
    pending = '';
  };
  return {
    write(bytes) {
      const lines = (pending + decoder.decode(bytes, { stream: true })).split('\n');
      pending = lines.pop();
      for (const line of lines) log(line);
      if (pending !== '' && !scheduled) {
        scheduled = true;
        queueMicrotask(logRest);
      }
    },
  };
}

/**
 * stdout and stderr: undefined, the console (`console.log`, `console.error`) a line at a time;
 * or a function called with each chunk (a `Uint8Array` of its own).
 */
export function outputSink(value, name) {
  if (value === undefined) return consoleSink((line) => (name === 'stderr' ? console.error(line) : console.log(line)));
  if (typeof value === 'function') return functionSink(value);
  throw new TypeError(`configure: \`${name}\` is undefined (the console) or a function given each chunk`);
}
