// The JS API of @ferry-wasm/ferry: `transpile` and `types`, as `ferry transpile` and `ferry
// types` do them (the same Wasm-compiled core, so the same files byte for byte), without I/O.
// Options are the CLI's flags in lowerCamelCase; see index.d.ts and README.md.
import { callCore, loadCore } from './core.js';

const MODULE_OPTIONS = ['instantiation', 'map', 'noNamespacedExports', 'tlaCompat', 'noWasiShim'];
const TRANSPILE_OPTIONS = new Set(['name', 'base64Cutoff', ...MODULE_OPTIONS]);
const TYPES_OPTIONS = new Set(['name', 'world', 'features', 'allFeatures', 'witPath', ...MODULE_OPTIONS]);

/**
 * Transpiles a component binary: resolves to `{ files, imports, exports, warnings }`, or
 * rejects with an `Error` carrying the CLI's message (`not a component ... (at byte offset 0x8)`).
 */
export async function transpile(bytes, options = {}) {
  checkKeys('transpile', options, TRANSPILE_OPTIONS);
  const binary = toBytes(bytes);
  const name = optional(options, 'name', 'string') ?? 'component';
  const base64Cutoff = optional(options, 'base64Cutoff', 'number') ?? 0;
  if (!Number.isInteger(base64Cutoff) || base64Cutoff < 0 || base64Cutoff > 0xffff_ffff) {
    throw new TypeError(`transpile: option \`base64Cutoff\` must be a whole number of bytes, got ${base64Cutoff}`);
  }
  const core = await loadCore();
  const transpiled = withModuleOptions(core, 'transpile', options, (module) =>
    callCore(() => core.transpile(binary, name, base64Cutoff, module)));
  try {
    const names = transpiled.exportNames();
    const kinds = transpiled.exportKinds();
    return {
      files: filesObject(transpiled.takeFiles()),
      imports: transpiled.imports(),
      exports: names.map((name, i) => [name, kinds[i]]),
      warnings: transpiled.warnings(),
    };
  } finally {
    transpiled.free();
  }
}

/**
 * The declarations `ferry types` writes for a WIT world: resolves to `{ files }`. `witSource`
 * is one WIT file's text, or a package's files by path (`*.wit`, `deps/<pkg>.wit`,
 * `deps/<pkg>/*.wit`), as a directory holds them.
 */
export async function types(witSource, options = {}) {
  checkKeys('types', options, TYPES_OPTIONS);
  const world = optional(options, 'world', 'string');
  const name = optional(options, 'name', 'string');
  const features = optional(options, 'features', 'object') ?? [];
  if (!Array.isArray(features) || features.some((f) => typeof f !== 'string')) {
    throw new TypeError('types: option `features` must be an array of strings');
  }
  const allFeatures = optional(options, 'allFeatures', 'boolean') ?? false;
  const witPath = optional(options, 'witPath', 'string');
  const packages = witPackages(witSource, witPath);
  const core = await loadCore();
  const sources = new core.WitSources();
  try {
    packages.forEach((files, index) => {
      for (const [path, text] of files) sources.add(index, path, text);
    });
    const label = witPath ?? (typeof witSource === 'string' ? 'world.wit' : '.');
    const files = withModuleOptions(core, 'types', options, (module) =>
      callCore(() => core.types(sources, label, world, features, allFeatures, name, module)));
    return { files: filesObject(files) };
  } finally {
    sources.free();
  }
}

/**
 * The WIT as packages of `[path, text]` files, the main package first, then each dependency
 * in the order of its name (as `ferry types` reads a directory). Paths are shown in errors,
 * under `witPath` when given.
 */
function witPackages(witSource, witPath) {
  if (typeof witSource === 'string') return [[[witPath ?? 'world.wit', witSource]]];
  if (witSource === null || typeof witSource !== 'object') {
    throw new TypeError('types: `witSource` must be a WIT string or an object of WIT files by path');
  }
  const main = [];
  const deps = new Map();
  for (const [key, text] of Object.entries(witSource)) {
    if (typeof text !== 'string') throw new TypeError(`types: WIT file \`${key}\` must be a string`);
    const parts = key.split('/');
    const shown = witPath === undefined ? key : `${witPath.replace(/\/+$/, '')}/${key}`;
    const dep = parts[0] === 'deps' && parts.length === 3 ? parts[1]
      : parts[0] === 'deps' && parts.length === 2 ? parts[1] : undefined;
    if (!key.endsWith('.wit') || (parts.length > 1 && dep === undefined)) {
      throw new TypeError(`types: WIT file \`${key}\` is neither \`<file>.wit\` nor \`deps/<pkg>.wit\` nor \`deps/<pkg>/<file>.wit\``);
    }
    if (dep === undefined) main.push([shown, text]);
    else deps.set(dep, [...(deps.get(dep) ?? []), [shown, text]]);
  }
  if (main.length === 0) throw new TypeError('types: no `<file>.wit` at the top of the WIT files');
  return [main, ...[...deps.keys()].sort().map((dep) => deps.get(dep))];
}

/** Runs `use` with the core's `ModuleOptions` for `options`, freed afterwards. */
function withModuleOptions(core, fn, options, use) {
  const instantiation = optional(options, 'instantiation', 'string');
  const map = mapPairs(fn, options.map);
  const module = new core.ModuleOptions(
    instantiation,
    map.flat(),
    !(optional(options, 'noNamespacedExports', 'boolean') ?? false),
    optional(options, 'tlaCompat', 'boolean') ?? false,
    !(optional(options, 'noWasiShim', 'boolean') ?? false),
  );
  try {
    return use(module);
  } finally {
    module.free();
  }
}

/** `map` as `[spec, target]` pairs in order: from an object or an iterable of pairs. */
function mapPairs(fn, map) {
  if (map === undefined) return [];
  const pairs = map !== null && typeof map === 'object' && !(Symbol.iterator in map) ? Object.entries(map) : [...(map ?? [])];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2 || pair.some((s) => typeof s !== 'string' || s === '')) {
      throw new TypeError(`${fn}: option \`map\` must map specifiers to targets (non-empty strings)`);
    }
  }
  return pairs;
}

function checkKeys(fn, options, known) {
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object`);
  for (const key of Object.keys(options)) {
    if (!known.has(key)) throw new TypeError(`${fn}: unknown option \`${key}\``);
  }
}

function optional(options, key, type) {
  const value = options[key];
  if (value !== undefined && typeof value !== type) {
    throw new TypeError(`option \`${key}\` must be a ${type}, got ${typeof value}`);
  }
  return value;
}

function toBytes(bytes) {
  if (bytes instanceof Uint8Array) return bytes;
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw new TypeError('transpile: `bytes` must be a Uint8Array, an ArrayBuffer or an ArrayBufferView');
}

/** The core's `Files` as `{ [name]: Uint8Array }`, in the CLI's order, and frees them. */
function filesObject(files) {
  try {
    const out = {};
    files.names().forEach((name, i) => {
      out[name] = files.contents(i);
    });
    return out;
  } finally {
    files.free();
  }
}
