// Shared by the host tests: transpiles a test component with ferry and instantiates it.
//
//   FERRY_BIN              the ferry binary (default ~/.cache/ferry/target/debug/ferry)
//   FERRY_TEST_COMPONENTS  where tests/components/build.sh put the components
//                          (default ~/.cache/ferry/test-components)
//   FERRY_KEEP_OUT=1       keep the transpiled output (its directory is printed)

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const FERRY_BIN = process.env.FERRY_BIN || join(homedir(), '.cache/ferry/target/debug/ferry');
export const COMPONENTS = process.env.FERRY_TEST_COMPONENTS || join(homedir(), '.cache/ferry/test-components');

const outDirs = [];
process.on('exit', () => {
  for (const dir of outDirs) {
    if (process.env.FERRY_KEEP_OUT) console.error(`transpiled output kept in ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
});

/** Runs `ferry transpile <name>.wasm -o <dir> -q ...extraArgs`. */
export function transpileTo(name, dir, extraArgs = []) {
  const wasm = join(COMPONENTS, `${name}.wasm`);
  if (!existsSync(wasm)) {
    throw new Error(`${wasm} is missing: run tests/components/build.sh ${COMPONENTS}`);
  }
  execFileSync(FERRY_BIN, ['transpile', wasm, '-o', dir, '-q', ...extraArgs], {
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Transpiles `name` with `--instantiation async` into a new temporary directory; returns it. */
export function transpile(name, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), `ferry-${name}-`));
  outDirs.push(dir);
  transpileTo(name, dir, ['--instantiation', 'async', ...extraArgs]);
  return dir;
}

/**
 * Transpiles component `name` and imports the generated module. `instantiate(imports)`
 * makes a fresh instance (imports keyed by import specifier) and resolves to its exports.
 */
export async function load(name) {
  const dir = transpile(name);
  const module = await import(pathToFileURL(join(dir, `${name}.js`)).href);
  const getCoreModule = (file) => WebAssembly.compile(readFileSync(join(dir, file)));
  return {
    dir,
    module,
    instantiate: (imports = {}) => module.instantiate(getCoreModule, imports),
  };
}

/**
 * Makes a value comparable with deepStrictEqual whatever way the generated code
 * spells "absent": object keys whose value is undefined are dropped (a variant case
 * without payload may have `val` absent or undefined; an option field may be absent).
 * Typed arrays, bigints and everything else are kept as they are, type included.
 */
export function norm(value) {
  if (Array.isArray(value)) return value.map(norm);
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const out = {};
  for (const [k, v] of Object.entries(value)) {
    if (v !== undefined) out[k] = norm(v);
  }
  return out;
}
