// Loads the Wasm core (built by build.sh into dist/) once per JS realm: in Node from the
// file beside this package, in browsers with a streaming fetch relative to this module.
import init, * as core from '../dist/ferry_core.js';

let loading;

/** The core's exports, once the module is instantiated. */
export function loadCore() {
  loading ??= instantiate().catch((e) => {
    loading = undefined; // a later call tries again
    throw e;
  });
  return loading;
}

async function instantiate() {
  const url = new URL('../dist/ferry_core_bg.wasm', import.meta.url);
  const source = url.protocol === 'file:' ? await (await import('node:fs/promises')).readFile(url) : url;
  await init({ module_or_path: source });
  return core;
}
