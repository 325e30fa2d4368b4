// A page that imports ferry's output as an application would, built by a bundler
// (bundlers.test.mjs builds it with Vite and with esbuild): `out/pipeline/` is a test
// component (default mode: its core modules found through `new URL(..., import.meta.url)`),
// `out/clocks-random/` a WASI program transpiled with `--async-mode jspi`, whose
// `@ferry-wasm/shims` imports the bundler takes from the package's `browser` condition. What
// each gives goes to `window.ferryResults` (then `window.ferryDone`).
import { configure, ExitError } from '@ferry-wasm/shims';
import { run as pipeline } from './out/pipeline/pipeline.js';
import { run as program } from './out/clocks-random/clocks-random.js';

/** Runs the WASI program with `args`, collecting what it writes; its exit code and output. */
async function runProgram(args) {
  const [stdout, stderr] = [[], []];
  const decoder = new TextDecoder();
  configure({ args, stdout: (b) => stdout.push(decoder.decode(b)), stderr: (b) => stderr.push(decoder.decode(b)) });
  let code = 0;
  try {
    await program.run(); // a Promise: the program sleeps, suspended through JSPI
  } catch (e) {
    if (!(e instanceof ExitError)) throw e;
    code = e.code;
  }
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}

/** `fn()`'s result, or the error it threw as `{ error: 'Name: message' }`. */
async function settle(fn) {
  try {
    return await fn();
  } catch (e) {
    return { error: `${e?.name}: ${e?.message}` };
  }
}

window.ferryResults = {
  pipeline: await settle(() => pipeline('héllo 🦀 straße 𝄞')),
  program: await settle(() => runProgram(['clocks-random.wasm'])),
};
window.ferryDone = true;
