// Runs a transpiled `wasi:cli/run` component as a program, as `wasmtime run` does: the exit
// code is the component's (`wasi:cli/exit`, or 1 when `run` returns an error); a trap is
// reported on stderr, with wasmtime's exit code for traps.
import { Worker } from 'node:worker_threads';
import { config, configure } from './config.js';
import { outputSink } from './io/stdio.js';

/** Writes a report to the configured stderr. */
const report = (text) => outputSink(config.stderr, 'stderr').write(new TextEncoder().encode(text));

/** Thrown by `wasi:cli/exit` during `runCommand` to unwind the component with its code. */
class Exit {
  constructor(code) {
    this.code = code;
  }
}

/**
 * Configures the grants (`options`, as for `configure`), imports the transpiled module at
 * `moduleUrl` (which instantiates the component) and calls its `wasi:cli/run` export.
 * Resolves to the exit code, also when the component exits through `wasi:cli/exit` (unless
 * `options.exit` handles that). `name` is how messages name the program (wasmtime names the
 * file it was given).
 */
export async function runCommand(moduleUrl, options = {}, name = 'component') {
  configure({ ...options, exit: options.exit ?? ((code) => { throw new Exit(code); }) });
  let module;
  try {
    module = await import(moduleUrl);
  } catch (e) {
    return fail(`failed to instantiate \`${name}\``, [], e);
  }
  const run = Object.entries(module).find(([key]) => /^wasi:cli\/run(@|$)/.test(key))?.[1] ?? module.run;
  if (typeof run?.run !== 'function') {
    report(`Error: \`${name}\` does not export \`wasi:cli/run\`\n`);
    return 1;
  }
  try {
    await run.run();
    return 0;
  } catch (e) {
    if (e instanceof Exit) return e.code;
    if (returnedErr(e, module)) return 1;
    return fail(`failed to run main module \`${name}\``, ['failed to invoke `run` function'], e);
  }
}

/**
 * Whether `run` returned `err`, going by what `run` threw: ferry's output throws its
 * `ComponentError`; jco's throws the error's payload itself, `undefined` for `run`'s bare
 * `result`.
 */
function returnedErr(e, module) {
  return e === undefined || (typeof module.ComponentError === 'function' && e instanceof module.ComponentError);
}

/** V8's trap messages in wasmtime's words. */
const TRAPS = {
  unreachable: 'wasm `unreachable` instruction executed',
  'memory access out of bounds': 'out of bounds memory access',
  'divide by zero': 'integer divide by zero',
  'remainder by zero': 'integer divide by zero',
  'integer overflow': 'integer overflow',
  'float unrepresentable in integer range': 'invalid conversion to integer',
  'table index is out of bounds': 'undefined element: out of bounds table access',
  'null function or function signature mismatch': 'indirect call type mismatch',
  'Maximum call stack size exceeded': 'call stack exhausted',
};

/** Whether `e` is a trap, and what wasmtime says of it (`wasm trap: ...`) or of another error. */
export function describeError(e) {
  const trap = e instanceof WebAssembly.RuntimeError || e instanceof RangeError;
  const message = String(e?.message ?? e);
  return { trap, message: trap ? `wasm trap: ${TRAPS[message] ?? message}` : message };
}

/** Reports an error as wasmtime does (its causes numbered); a trap exits with 134. */
function fail(what, causes, e) {
  const { trap, message } = describeError(e);
  const all = [...causes, message];
  const lines = all.length === 1 ? [`    ${all[0]}`] : all.map((c, i) => `    ${i}: ${c}`);
  report(`Error: ${what}\n\nCaused by:\n${lines.join('\n')}\n`);
  return trap ? 134 : 1;
}

/**
 * Ends this process when the process that started it ends: `ferry run` and `ferry serve` run
 * Node as their child, and killing ferry must not leave Node running. A worker thread
 * watches, as the main thread may be blocked in Wasm.
 */
export function exitWithParent() {
  const watch = `
    const { workerData: parent } = require('node:worker_threads');
    setInterval(() => { if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM'); }, 250);
  `;
  new Worker(watch, { eval: true, workerData: process.ppid }).unref();
}
