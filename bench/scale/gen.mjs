// Generates the scale section's components (issue 8, point 4) into a directory:
//   many-funcs.wasm  10,000 exported functions, each calling its own one of 10,000 imports
//   deep-types.wasm  types nested 95 deep, the most the validator allows there (list, option,
//                    record, variant), echoed
//   big-data.wasm    a core module with a 100 MB data segment and a function that reads it
// Each is a WIT world and a core module (WAT, or bytes written here for the data segment)
// made into a component by `wasm-tools component embed` and `component new`.
//
//   node bench/scale/gen.mjs OUT_DIR [name...]   (WASM_TOOLS: the wasm-tools binary)
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FUNCS = 10_000;
/**
 * How deep the deepest types are, as the component model's validator counts (a `u32` is 1, a
 * `list<u32>` 2): the most a type in an exported interface can have, since the validator's
 * limit of 100 (wasmparser's MAX_WASM_COMPONENT_TYPE_DEPTH) also counts the instance and
 * component types that wit-component's encoding puts around it.
 */
export const DEPTH = 95;
export const DATA_BYTES = 100 * 1024 * 1024;
/** Where the data segment starts in linear memory. */
const DATA_AT = 1024;

/** The byte at index `i` of the data segment: no runs, so nothing can shrink it. */
export const dataByte = (i) => (Math.imul(i, 2654435761) >>> 24) & 255;

/** What each component is, for the section's rows. */
export const SCALE_COMPONENTS = {
  'many-funcs': `${FUNCS.toLocaleString('en-US')} exported functions, each calling one of ${FUNCS.toLocaleString('en-US')} imports`,
  'deep-types': `list, option, record and variant types nested ${DEPTH} deep`,
  'big-data': `a ${DATA_BYTES / 2 ** 20} MB data segment`,
};

// ---- many-funcs ----

function manyFuncs() {
  const wit = [
    'package test:scale;',
    'interface host {',
    ...Array.from({ length: FUNCS }, (_, i) => `  h${i}: func(x: u32) -> u32;`),
    '}',
    'world many {',
    '  import host;',
    ...Array.from({ length: FUNCS }, (_, i) => `  export e${i}: func(x: u32) -> u32;`),
    '}',
  ].join('\n');
  // e<i>(x) = h<i>(x) + 1 (names of one letter and a number: `f32`, `u8` are WIT keywords)
  const wat = [
    '(module',
    ...Array.from({ length: FUNCS }, (_, i) => `  (import "test:scale/host" "h${i}" (func $h${i} (param i32) (result i32)))`),
    ...Array.from({ length: FUNCS }, (_, i) => `  (func (export "e${i}") (param i32) (result i32) (i32.add (call $h${i} (local.get 0)) (i32.const 1)))`),
    ')',
  ].join('\n');
  return { wit, world: 'many', core: { wat } };
}

// ---- deep-types ----

function deepTypes() {
  // DEPTH - 1 types around the u32 at the bottom.
  const chain = (prefix, first, next) => Array.from({ length: DEPTH - 1 }, (_, i) => `  ${i === 0 ? first(prefix) : next(prefix, i)}`);
  const top = DEPTH - 2;
  const wit = [
    'package test:scale;',
    'interface deep {',
    ...chain('l', (p) => `type ${p}0 = list<u32>;`, (p, i) => `type ${p}${i} = list<${p}${i - 1}>;`),
    ...chain('o', (p) => `type ${p}0 = option<u32>;`, (p, i) => `type ${p}${i} = option<${p}${i - 1}>;`),
    ...chain('r', (p) => `record ${p}0 { leaf: u32 }`, (p, i) => `record ${p}${i} { inner: ${p}${i - 1} }`),
    ...chain('v', (p) => `variant ${p}0 { leaf(u32), empty }`, (p, i) => `variant ${p}${i} { node(${p}${i - 1}), empty }`),
    `  echo-list: func(x: l${top}) -> l${top};`,
    `  echo-option: func(x: o${top}) -> o${top};`,
    `  echo-record: func(x: r${top}) -> r${top};`,
    `  echo-variant: func(x: v${top}) -> v${top};`,
    '}',
    'world deep-types {',
    '  export deep;',
    '}',
  ].join('\n');
  // A list's (ptr, len) goes back through a return area; an option or variant this deep is
  // passed and returned in memory (more than 16 flat values), so the pointer is the echo; a
  // record of records of one u32 is one flat value.
  const wat = `(module
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 1024))
  (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
    (local $ptr i32) (local $end i32)
    (local.set $ptr (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get $align))))
    (local.set $end (i32.add (local.get $ptr) (local.get $size)))
    (if (i32.gt_u (local.get $end) (i32.mul (memory.size) (i32.const 65536)))
      (then (if (i32.eq (memory.grow (i32.add (i32.shr_u (i32.sub (local.get $end) (i32.mul (memory.size) (i32.const 65536))) (i32.const 16)) (i32.const 1))) (i32.const -1))
        (then unreachable))))
    (global.set $heap (local.get $end))
    (if (local.get $old_size) (then (memory.copy (local.get $ptr) (local.get $old) (local.get $old_size))))
    (local.get $ptr))
  (func (export "test:scale/deep#echo-list") (param i32 i32) (result i32)
    (i32.store (i32.const 8) (local.get 0))
    (i32.store (i32.const 12) (local.get 1))
    (i32.const 8))
  (func (export "test:scale/deep#echo-option") (param i32) (result i32) (local.get 0))
  (func (export "test:scale/deep#echo-record") (param i32) (result i32) (local.get 0))
  (func (export "test:scale/deep#echo-variant") (param i32) (result i32) (local.get 0))
)`;
  return { wit, world: 'deep-types', core: { wat } };
}

// ---- big-data ----

function bigData() {
  const wit = 'package test:scale;\nworld big {\n  /// The byte at `offset` of the data segment.\n  export probe: func(offset: u32) -> u32;\n}\n';
  return { wit, world: 'big', core: { bytes: bigDataModule() } };
}

/** The core module: memory holding the segment at DATA_AT, `probe(i)` = its byte i. */
function bigDataModule() {
  const data = new Uint8Array(DATA_BYTES);
  for (let i = 0; i < DATA_BYTES; i++) data[i] = dataByte(i);
  const pages = Math.ceil((DATA_AT + DATA_BYTES) / 65536);
  const section = (id, ...parts) => {
    const body = concat(parts);
    return concat([[id], leb(body.length), body]);
  };
  const name = (s) => concat([leb(s.length), new TextEncoder().encode(s)]);
  // probe: local.get 0; i32.load8_u offset=DATA_AT align=0; end
  const code = concat([[0x00, 0x20, 0x00, 0x2d, 0x00], leb(DATA_AT), [0x0b]]);
  return concat([
    [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    section(1, [1, 0x60, 1, 0x7f, 1, 0x7f]), // type: (i32) -> i32
    section(3, [1, 0]), // function 0 has type 0
    section(5, [1, 0x00], leb(pages)), // memory: min pages, no max
    section(7, [1], name('probe'), [0x00, 0]), // export "probe" = func 0
    section(10, [1], leb(code.length), code),
    section(11, [1, 0x00, 0x41], sleb(DATA_AT), [0x0b], leb(data.length), data), // active, memory 0
  ]);
}

function leb(n) {
  const out = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n) byte |= 0x80;
    out.push(byte);
  } while (n);
  return out;
}

function sleb(n) {
  const out = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && !(byte & 0x40)) || (n === -1 && byte & 0x40)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

function concat(parts) {
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    bytes.set(p, at);
    at += p.length;
  }
  return bytes;
}

const GENERATORS = { 'many-funcs': manyFuncs, 'deep-types': deepTypes, 'big-data': bigData };

/** Writes `<name>.wasm` into `outDir` for each of `names`; returns their paths by name. */
export function generate(outDir, wasmTools, names = Object.keys(GENERATORS)) {
  mkdirSync(outDir, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), 'ferry-scale-'));
  const paths = {};
  try {
    for (const name of names) {
      const { wit, world, core } = GENERATORS[name]();
      const witFile = join(tmp, `${name}.wit`);
      const coreFile = join(tmp, `${name}.core.${core.wat ? 'wat' : 'wasm'}`);
      writeFileSync(witFile, wit);
      writeFileSync(coreFile, core.wat ?? core.bytes);
      const embedded = join(tmp, `${name}.embedded.wasm`);
      const run = (args) => {
        try {
          execFileSync(wasmTools, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
        } catch (e) {
          throw new Error(`generating ${name}: wasm-tools ${args[0]} ${args[1]} failed: ${e.stderr?.trim() || e.message}`);
        }
      };
      run(['component', 'embed', witFile, coreFile, '--world', world, '-o', embedded]);
      paths[name] = join(outDir, `${name}.wasm`);
      run(['component', 'new', embedded, '-o', paths[name]]);
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return paths;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [outDir, ...names] = process.argv.slice(2);
  if (!outDir) throw new Error('usage: node bench/scale/gen.mjs OUT_DIR [name...]');
  const wasmTools = process.env.WASM_TOOLS || 'wasm-tools';
  for (const [name, path] of Object.entries(generate(outDir, wasmTools, names.length ? names : undefined))) console.log(`${name}: ${path}`);
}
