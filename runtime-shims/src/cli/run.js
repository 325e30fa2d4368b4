// Runs a transpiled `wasi:cli/run` component as a program, as `wasmtime run` does, on Node
// (command.js) and in browsers (browser/command.js): the exit code is the component's
// (`wasi:cli/exit`, or 1 when `run` returns an error); a trap is reported with wasmtime's
// exit code for traps.
import { ExitError } from './interfaces.js';

/** A host `exit` that unwinds the component with its code, for `runProgram` to catch. */
export const throwExit = (code) => {
  throw new ExitError(code);
};

/**
 * `runCommand(moduleUrl, options, name)` for a platform's `config`, `configure` and
 * `outputSink` (which makes a sink of its configured stderr): configures the grants
 * (`options`, as for `configure`), imports the transpiled module at `moduleUrl` (which
 * instantiates the component) and calls its `wasi:cli/run` export, awaiting it (a component
 * transpiled for JSPI returns a Promise). Resolves to the exit code, also when the component
 * exits through `wasi:cli/exit` (unless `options.exit` handles that). `name` is how messages
 * name the program (wasmtime names the file it was given).
 */
export function commandRunner({ config, configure, outputSink }) {
  const report = (text) => outputSink(config.stderr, 'stderr').write(new TextEncoder().encode(text));
  return (moduleUrl, options = {}, name = 'component') => {
    configure({ ...options, exit: options.exit ?? throwExit });
    return runProgram(moduleUrl, name, report);
  };
}

async function runProgram(moduleUrl, name, report) {
  let module;
  try {
    module = await import(moduleUrl);
  } catch (e) {
    return fail(report, `failed to instantiate \`${name}\``, [], e);
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
    if (e instanceof ExitError) return e.code;
    if (returnedErr(e, module)) return 1;
    return fail(report, `failed to run main module \`${name}\``, ['failed to invoke `run` function'], e);
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
function fail(report, what, causes, e) {
  const { trap, message } = describeError(e);
  const all = [...causes, message];
  const lines = all.length === 1 ? [`    ${all[0]}`] : all.map((c, i) => `    ${i}: ${c}`);
  report(`Error: ${what}\n\nCaused by:\n${lines.join('\n')}\n`);
  return trap ? 134 : 1;
}
