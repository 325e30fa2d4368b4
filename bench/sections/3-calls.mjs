// Row 3: what one call across the component boundary costs, in ns, through ferry's and
// jco's generated code (`--instantiation async`, so the host's import is given directly),
// beside the physical limit: the component's own core module instantiated here and its
// export called directly from JS with the same arguments in their core form.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { alternate } from '../lib/measure.mjs';
import { moduleUrl, transpiled } from '../lib/transpilers.mjs';

const SHORT = 'hello, world';
const TEXT_64K = 'The quick brown fox jumps over the lazy dog. '.repeat(1457).slice(0, 65536);
const BYTES_1M = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i * 31) & 0xff);
const BODY = { id: 7, x: 1.5, y: -2.25, z: 1e3, visible: true, weight: 0.5 };
const REAL = { tag: 'real', val: 1.5 };
/** `call-host(n)`'s loop length: one export call per this many import calls. */
const HOST_CALLS = 1000;

/**
 * One row each. `bindings` is a JS expression calling the generated module (`api`, the
 * `bench:calls/api` export, and `arg`, made by `arg(api)`); `core` calls the core export
 * directly (`c`, see `coreCalls`, and `arg`, made by `coreArg(c)`): arguments are already
 * flat (a string or list is memory the guest's `cabi_realloc` gives, of the right length)
 * and results stay flat (a pointer into memory, then `cabi_post_*` where there is one).
 * `crossings` is how many boundary crossings one evaluation makes.
 */
const CASES = [
  { label: 'add(u32, u32)', bindings: 'api.add(1, 2)', expect: 3, core: 'c.add(1, 2)' },
  {
    label: `echo-string, ${SHORT.length} chars`,
    arg: () => SHORT, bindings: 'api.echoString(arg)', expect: SHORT,
    coreArg: () => SHORT.length, core: 'c.postEchoString(c.echoString(c.realloc(0, 0, 1, arg), arg))',
  },
  {
    label: 'echo-string, 64 KB',
    arg: () => TEXT_64K, bindings: 'api.echoString(arg)', expect: TEXT_64K,
    coreArg: () => TEXT_64K.length, core: 'c.postEchoString(c.echoString(c.realloc(0, 0, 1, arg), arg))',
  },
  {
    label: 'echo-bytes, list<u8> of 1 MB',
    arg: () => BYTES_1M, bindings: 'api.echoBytes(arg)', expect: BYTES_1M,
    coreArg: () => BYTES_1M.length, core: 'c.postEchoBytes(c.echoBytes(c.realloc(0, 0, 1, arg), arg))',
  },
  {
    label: 'echo-body, record of 6 fields',
    arg: () => BODY, bindings: 'api.echoBody(arg)', expect: BODY,
    core: 'c.echoBody(7, 1.5, -2.25, 1e3, 1, 0.5)',
  },
  {
    label: 'echo-value, variant (real(f64))',
    arg: () => REAL, bindings: 'api.echoValue(arg)', expect: REAL,
    coreArg: () => new BigInt64Array(new Float64Array([REAL.val]).buffer)[0], // f64 joined into i64
    core: 'c.postEchoValue(c.echoValue(2, arg, 0))',
  },
  {
    label: 'resource method counter.add(u32)',
    arg: (api) => new api.Counter(0), bindings: 'arg.add(1)',
    coreArg: (c) => c.newCounter(0), core: 'c.counterAdd(arg, 1)',
  },
  {
    label: 'guest→host import noop(u32) -> u32',
    bindings: `api.callHost(${HOST_CALLS})`, expect: HOST_CALLS - 1, crossings: HOST_CALLS,
    core: `c.callHost(${HOST_CALLS})`,
  },
];

export default {
  id: 'calls',
  title: 'Call cost: host ↔ guest',
  async run(ctx) {
    const targetMs = ctx.smoke ? 1 : 100;
    const apis = { ferry: await bindings(ctx, 'ferry'), jco: await bindings(ctx, 'jco') };
    const c = await coreCalls(transpiled(ctx, 'ferry', 'calls', ['--instantiation', 'async']));
    const rows = [];
    for (const spec of CASES) {
      const contenders = {};
      for (const [tool, api] of Object.entries(apis)) contenders[tool] = measured(spec, spec.bindings, api, spec.arg?.(api), targetMs, true);
      contenders.core = measured(spec, spec.core, c, spec.coreArg?.(c), targetMs, false);
      rows.push({ label: spec.label, results: await alternate(contenders, ctx) });
    }
    return [{
      title: 'ns per call, `bench:calls` component',
      unit: 'ns',
      note: [
        'ferry and jco: the generated module (`--instantiation async`), called from JS with JS values; the host import is `(x) => x`.',
        "core: the physical limit, the component's core module called directly with arguments in their core form: it includes the guest's `cabi_realloc` for a string or list and its `cabi_post_*`, but no copying between JS values and linear memory and no checks (that is the canonical ABI's work).",
        `The strings are ASCII text. Each run repeats the call for ${targetMs} ms; the guest→host row times \`call-host(${HOST_CALLS})\`, which calls the import ${HOST_CALLS} times, per import call.`,
      ].join(' '),
      contenders: ['ferry', 'jco', 'core'],
      rows,
    }];
  },
};

/** The `bench:calls/api` export of the component transpiled by `tool`, instantiated. */
async function bindings(ctx, tool) {
  const dir = transpiled(ctx, tool, 'calls', ['--instantiation', 'async']);
  const { instantiate } = await import(moduleUrl(dir, 'calls'));
  const compile = (file) => WebAssembly.compile(readFileSync(join(dir, file)));
  const exports = await instantiate(compile, { 'bench:calls/host': { noop: (x) => x } });
  return exports.api;
}

/**
 * The component's main core module (the one with the memory, among the core modules ferry
 * wrote), instantiated with the host import and an identity handle table for the resource
 * (a handle is its rep), and its exports under short names.
 */
async function coreCalls(dir) {
  const modules = readdirSync(dir).filter((f) => /\.core\d*\.wasm$/.test(f))
    .map((f) => new WebAssembly.Module(readFileSync(join(dir, f))));
  const main = modules.find((m) => WebAssembly.Module.exports(m).some((e) => e.name === 'memory'));
  const builtins = {
    'bench:calls/host': { noop: (x) => x },
    '[export]bench:calls/api': { '[resource-new]counter': (rep) => rep, '[resource-drop]counter': () => {} },
  };
  const { exports: e } = await WebAssembly.instantiate(main, builtins);
  const api = (name) => e[`bench:calls/api#${name}`];
  return {
    memory: e.memory,
    realloc: e.cabi_realloc,
    add: api('add'),
    echoString: api('echo-string'),
    postEchoString: e['cabi_post_bench:calls/api#echo-string'],
    echoBytes: api('echo-bytes'),
    postEchoBytes: e['cabi_post_bench:calls/api#echo-bytes'],
    echoBody: api('echo-body'),
    echoValue: api('echo-value'),
    postEchoValue: e['cabi_post_bench:calls/api#echo-value'],
    newCounter: api('[constructor]counter'),
    counterAdd: api('[method]counter.add'),
    callHost: api('call-host'),
  };
}

/**
 * A contender's sample for one case: checks one call's result (with `expect`, for the
 * bindings), then returns ns per crossing over a loop of about `targetMs`.
 */
function measured(spec, expression, target, arg, targetMs, check) {
  // A loop compiled for this contender alone, so its call site sees one callee (a shared
  // loop would be megamorphic and add a slow call to every contender alike).
  const loop = new Function('api', 'c', 'arg', 'n', `let r; for (let i = 0; i < n; i++) r = ${expression}; return r;`);
  return () => {
    const result = loop(target, target, arg, 1);
    if (check && 'expect' in spec && !isDeepStrictEqual(result, spec.expect)) {
      throw new Error(`${spec.label} returned ${String(result).slice(0, 60)}`);
    }
    return nsPerIteration(loop, target, arg, targetMs) / (spec.crossings ?? 1);
  };
}

/** Runs `loop` for longer and longer counts until a run takes `targetMs`; ns per iteration. */
function nsPerIteration(loop, target, arg, targetMs) {
  for (let n = 1; ;) {
    const start = process.hrtime.bigint();
    loop(target, target, arg, n);
    const ns = Number(process.hrtime.bigint() - start);
    if (ns >= targetMs * 1e6) return ns / n;
    n = Math.ceil(n * Math.min(10, (targetMs * 1.2e6) / Math.max(ns, 1000)));
  }
}
