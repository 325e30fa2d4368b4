// Row 1: how long transpiling takes. The CLIs as a user runs them (ferry's native binary,
// `jco transpile` on Node), each run a fresh process; then the JS APIs in one Node process,
// warm: `transpile` of @ferry-wasm/ferry (the npm package in npm/, built by npm/build.sh)
// and `transpileBytes` of @bytecodealliance/jco-transpile.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { alternate } from '../lib/measure.mjs';
import { COMPONENTS, componentLabel, componentPath, transpileWith } from '../lib/transpilers.mjs';

export default {
  id: 'transpile',
  title: 'Transpile: wall time',
  async run(ctx) {
    return [await cli(ctx), await api(ctx)];
  },
};

async function cli(ctx) {
  const rows = [];
  for (const name of Object.keys(COMPONENTS)) {
    const wasm = componentPath(ctx, name);
    const run = (tool) => () => transpileWith(ctx, tool, wasm, join(ctx.work, 'transpile-cli', tool)).ms;
    rows.push({ label: componentLabel(ctx, name), results: await alternate({ ferry: run('ferry'), jco: run('jco') }, ctx) });
  }
  return {
    title: 'CLI, per component',
    unit: 'ms',
    note: '`ferry transpile C -o DIR` (native) against `jco transpile C -o DIR` (Node), default options, each run a new process: start-up included.',
    contenders: ['ferry', 'jco'],
    rows,
  };
}

async function api(ctx) {
  const ferry = await ferryApi(ctx);
  const { transpileBytes } = await import(pathToFileURL(join(ctx.peer('jcoTranspile'), 'dist', 'index.js')).href);
  const rows = [];
  for (const name of Object.keys(COMPONENTS)) {
    const bytes = readFileSync(componentPath(ctx, name));
    const timed = (transpile) => async () => {
      const start = process.hrtime.bigint();
      const out = await transpile(bytes, { name });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (!out.files[`${name}.js`]) throw new Error(`no ${name}.js among the files: ${Object.keys(out.files).join(', ')}`);
      return ms;
    };
    const contenders = {
      ferry: ferry.transpile ? timed(ferry.transpile) : () => { throw ferry.error; },
      jco: timed(transpileBytes),
    };
    rows.push({ label: componentLabel(ctx, name), results: await alternate(contenders, ctx) });
  }
  return {
    title: 'JS API in one Node process, per component',
    unit: 'ms',
    note: '`transpile(bytes, { name })` of `@ferry-wasm/ferry` against `transpileBytes(bytes, { name })` of `@bytecodealliance/jco-transpile`, both on Wasm, in the process running the benchmark; the first call (which loads each transpiler) is a warm-up run.',
    contenders: ['ferry', 'jco'],
    rows,
  };
}

/**
 * The npm package's `transpile`, imported from npm/ through its package.json, or the error
 * that says why it cannot be (`{ error }`): the package's Wasm core is built by npm/build.sh.
 */
async function ferryApi(ctx) {
  const dir = join(ctx.root, 'npm');
  const manifest = join(dir, 'package.json');
  try {
    if (!existsSync(manifest)) throw new Error(`${manifest} does not exist`);
    const entry = mainEntry(JSON.parse(readFileSync(manifest, 'utf8')));
    const { transpile } = await import(pathToFileURL(join(dir, entry)).href);
    if (typeof transpile !== 'function') throw new Error(`${entry} exports no transpile function`);
    return { transpile };
  } catch (e) {
    return { error: new Error(`npm package not built: ${e.message} (run bash npm/build.sh)`) };
  }
}

/** The file a package's `exports['.']` (or `main`) names for `import` in Node. */
function mainEntry(manifest) {
  let entry = manifest.exports?.['.'] ?? manifest.exports ?? manifest.main ?? 'index.js';
  while (typeof entry === 'object' && entry) entry = entry.node ?? entry.import ?? entry.default;
  if (typeof entry !== 'string') throw new Error("package.json's exports name no entry for Node");
  return entry;
}
