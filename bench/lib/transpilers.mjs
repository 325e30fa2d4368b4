// The two CLIs that turn a benchmark component into JS, ferry's and jco's, behind one
// interface, and the benchmark components themselves (bench/components/build.sh builds them).
// Sections that measure the generated code transpile once per process through `transpiled`.
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { timeCommand } from './measure.mjs';

/** The benchmark components, smallest first: name -> what the component is. */
export const COMPONENTS = {
  add: 'small: one function of two u32s',
  calls: 'medium: every shape of call the call-cost rows measure',
  transpiler: "large: ferry's transpiler core as a component",
  'wasi-io': 'a wasi:cli/run command writing stdout and reading files',
};

/** The path of a benchmark component; throws if build.sh has not built it. */
export function componentPath(ctx, name) {
  const path = join(ctx.components, `${name}.wasm`);
  if (!existsSync(path)) throw new Error(`${path} is missing: run bash bench/components/build.sh ${ctx.components}`);
  return path;
}

/** `add (13 KB)`: a component's name and size, for a row label. */
export function componentLabel(ctx, name) {
  const kb = statSync(componentPath(ctx, name)).size / 1024;
  return `${name} (${kb >= 1024 ? `${(kb / 1024).toFixed(1)} MB` : `${Math.round(kb)} KB`})`;
}

/**
 * The command line of each transpiler for `wasm` into `outDir` with `args` (written as
 * ferry's flags, which jco shares: --instantiation, --map, --no-wasi-shim, --name).
 */
export const TRANSPILERS = {
  ferry: (ctx, wasm, outDir, args = []) => [ctx.ferry, ['transpile', wasm, '-o', outDir, '-q', ...args]],
  jco: (ctx, wasm, outDir, args = []) => [ctx.bin('jco'), ['transpile', wasm, '-o', outDir, '--quiet', ...args]],
};

/** Transpiles `wasm` into a fresh `outDir` with `tool`; returns the command's wall time and peak RSS (`timeCommand`). */
export function transpileWith(ctx, tool, wasm, outDir, args = []) {
  rmSync(outDir, { recursive: true, force: true });
  const [cmd, argv] = TRANSPILERS[tool](ctx, wasm, outDir, args);
  return timeCommand(cmd, argv);
}

const done = new Map();

/**
 * The output directory of component `name` transpiled by `tool` with `args`, under
 * ctx.work/out (transpiled once per process). The directory's `node_modules` resolves
 * `@ferry-wasm/shims` and `@bytecodealliance/preview2-shim`.
 */
export function transpiled(ctx, tool, name, args = []) {
  const key = [tool, name, ...args].join(' ');
  if (!done.has(key)) {
    const outDir = join(ctx.work, 'out', `${tool}-${name}-${done.size}`);
    transpileWith(ctx, tool, componentPath(ctx, name), outDir, args);
    linkHostPackages(ctx);
    done.set(key, outDir);
  }
  return done.get(key);
}

/** The generated module's URL in an output directory (`<name>.js`). */
export function moduleUrl(outDir, name) {
  return pathToFileURL(join(outDir, `${name}.js`)).href;
}

/** ctx.work/node_modules: the WASI hosts, for every module under ctx.work. */
function linkHostPackages(ctx) {
  const packages = { '@ferry-wasm/shims': ctx.shims, '@bytecodealliance/preview2-shim': ctx.peer('preview2Shim') };
  for (const [name, target] of Object.entries(packages)) {
    const link = join(ctx.work, 'node_modules', name);
    if (existsSync(link)) continue;
    mkdirSync(join(link, '..'), { recursive: true });
    symlinkSync(target, link, 'dir');
  }
}
