// Runs in Chromium, loaded by browser.test.mjs from a page served on loopback. Imports
// the transpiled modules unbundled, calls their exports and reports each check as
// [name, error message or null] in `window.ferryResults` (then `window.ferryDone`).

const results = [];

async function check(name, fn) {
  try {
    await fn();
    results.push([name, null]);
  } catch (e) {
    results.push([name, `${e?.name}: ${e?.message}`]);
  }
}

function equal(actual, expected) {
  const a = JSON.stringify(actual, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  const b = JSON.stringify(expected, (_, v) => (typeof v === 'bigint' ? `${v}n` : v));
  if (a !== b) throw new Error(`expected ${b}, got ${a}`);
}

async function throws(fn, test) {
  try {
    await fn();
  } catch (e) {
    if (!test(e)) throw new Error(`wrong error: ${e?.name}: ${e?.message}`);
    return;
  }
  throw new Error('did not throw');
}

// Default mode: top-level await compiles the four core modules with compileStreaming
// from URLs relative to import.meta.url.
await check('pipeline: composed component, default mode', async () => {
  const { run, runSummary } = await import('./pipeline/pipeline.js');
  equal(run('héllo 🦀 straße 𝄞'), '[HÉLLO 🦀 STRASSE 𝄞]');
  equal(runSummary('a bb 🦀🦀🦀'), "3 words, longest '🦀🦀🦀', lengths 1,2,3");
});

// --instantiation async: the page compiles the core modules and gives the imports.
await check('values: async instantiation, host imports', async () => {
  const { instantiate, ComponentError } = await import('./values/values.js');
  const base = new URL('./values/', import.meta.url);
  const getCoreModule = (file) => WebAssembly.compileStreaming(fetch(new URL(file, base)));
  const host = new Proxy({}, {
    get: (_, name) => (name === 'checkedDivide'
      ? (a, b) => { if (b === 0) throw new Error('division by zero'); return Math.floor(a / b); }
      : (x) => x),
  });
  const { iface, version } = await instantiate(getCoreModule, { 'test:values/host': host });
  equal(version(), 'values-1');
  equal(iface.echoU64(2n ** 64n - 1n), 2n ** 64n - 1n);
  equal(iface.echoF32(0.1), Math.fround(0.1));
  equal(iface.echoChar('🦀'), '🦀');
  equal(iface.roundtripString('héllo 🦀'), 'héllo 🦀');
  equal([...iface.roundtripListU16([1, 65535])], [1, 65535]);
  const person = { firstName: 'Ada', ageYears: 36, nickName: 'ada', isAdmin: true, favoriteColor: 'green-blue' };
  equal(iface.roundtripPerson(person), person);
  equal(iface.roundtripMixed({ tag: 'pair', val: [7, 2.5] }), { tag: 'pair', val: [7, 2.5] });
  equal(iface.roundtripSmallFlags({ read: true, write: false, execNow: true }),
    { read: true, write: false, execNow: true });
  await throws(() => iface.echoU8(256), (e) => e instanceof RangeError || e instanceof TypeError);
  await throws(() => iface.echoResult({ tag: 'err', val: 7 }), (e) => e instanceof ComponentError && e.payload === 7);
});

// --tla-compat with every core module inlined as base64: no fetch at all.
await check('strings-compact: --tla-compat, inlined core module', async () => {
  const m = await import('./strings/strings-compact.js');
  await m.$init;
  equal(m.encoding(), 'latin1+utf16');
  equal(m.echo('é ❤ 🦀 𝄞'), 'é ❤ 🦀 𝄞');
  equal(m.latin1Text(), 'café ÿ ±');
  equal(m.concat(['a', 'ÿ', '🦀']), 'aÿ🦀');
});

// --async-mode jspi: the page's async imports wait on timers; the component suspends through
// JSPI meanwhile, and its exports return Promises.
await check('jspi: async imports suspend the component, exports return Promises', async () => {
  const { instantiate, ComponentError } = await import('./jspi/jspi.js');
  const base = new URL('./jspi/', import.meta.url);
  const getCoreModule = (file) => WebAssembly.compileStreaming(fetch(new URL(file, base)));
  const log = [];
  const later = (value) => new Promise((resolve) => setTimeout(() => resolve(value), 1));
  class Gate {
    constructor(label) { this.label = label; }
    pass(n) { return later(n + this.label.length); }
  }
  const { echo, doubled, attempt, throughGate, plain } = await instantiate(getCoreModule, {
    'sleep-then-echo': (s) => { log.push(`host ${s}`); return later(`${s}!`); },
    'fetch-list': (n) => later(Array.from({ length: n }, (_, i) => i)),
    fallible: (fail) => (fail ? later().then(() => { throw 'refused'; }) : later('ok')),
    tick: () => log.push('tick'),
    'test:jspi/gates': { Gate },
  });
  const result = echo('hi');
  if (!(result instanceof Promise)) throw new Error('echo did not return a Promise');
  log.push('echo returned');
  setTimeout(() => log.push('timer'), 0);
  await throws(() => plain(1), (e) => e instanceof WebAssembly.RuntimeError && /re-entrance/.test(e.message));
  equal(await result, 'hi!|hi!!');
  equal(log, ['host hi', 'echo returned', 'timer', 'tick', 'host hi!']);
  equal([...await doubled(3)], [0, 2, 4]);
  equal(await attempt(false), 'OK');
  await throws(() => attempt(true), (e) => e instanceof ComponentError && e.payload === 'refused');
  equal(await throughGate('gate', 1), 5);
  equal(await plain(1), 2);
});

window.ferryResults = results;
window.ferryDone = true;
