// Loads the Wasm core (built by build.sh into dist/) once per JS realm: in Node from the
// file beside this package, in browsers with a streaming fetch relative to this module.
import * as firstGlue from '../dist/ferry_core.js';

let loading;
/** How many cores were discarded: a fresh one needs a fresh instance of the glue module. */
let discarded = 0;

/** The core's exports, once the module is instantiated. */
export function loadCore() {
  loading ??= instantiate().catch((e) => {
    loading = undefined; // a later call tries again
    throw e;
  });
  return loading;
}

/**
 * Runs `call` on the core. A trap would be a bug in ferry (every error is returned as an
 * `Error`): it becomes an `Error` saying so, and the core, whose memory may be left
 * inconsistent, is replaced by a fresh instance at the next call.
 */
export function callCore(call) {
  try {
    return call();
  } catch (e) {
    if (!(e instanceof WebAssembly.RuntimeError)) throw e;
    loading = undefined;
    discarded++;
    throw new Error(`ferry's Wasm core failed (a bug in ferry; please report it with the input): ${e.message}`, { cause: e });
  }
}

async function instantiate() {
  const glue = discarded === 0 ? firstGlue : await import(`../dist/ferry_core.js?instance=${discarded}`);
  const url = new URL('../dist/ferry_core_bg.wasm', import.meta.url);
  const source = url.protocol === 'file:' ? await (await import('node:fs/promises')).readFile(url) : url;
  await glue.default({ module_or_path: source });
  return glue;
}
