// `ferry transpile --async-mode jspi` (test:jspi, tests/components/jspi): imports the host
// implements as async functions suspend the component through JSPI, and the exports return
// Promises (also across composed components: jspi-adapter; and WASI's blocking calls by
// default: jspi-poll). Run by scripts/test.sh with Node 26 (JSPI on by default), where the
// JSPI cases run, and with Node 20 (no JSPI), where the module must refuse to instantiate with
// a clear error. Both runs check that sync mode refuses a Promise from a blocking WASI call.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { transpile, transpileTo } from './transpile.mjs';

const ASYNC_IMPORTS = 'sleep-then-echo,fetch-list,fallible,test:jspi/gates#[method]gate.pass';
const hasJspi = typeof WebAssembly.Suspending === 'function';

/** Transpiles test:jspi with `args` (after `--instantiation async`) and imports it. */
async function load(args = ['--async-mode', 'jspi', '--async-imports', ASYNC_IMPORTS]) {
  const dir = transpile('jspi', args);
  const module = await import(pathToFileURL(join(dir, 'jspi.js')).href);
  const getCoreModule = (file) => WebAssembly.compile(readFileSync(join(dir, file)));
  return { module, instantiate: (imports) => module.instantiate(getCoreModule, imports) };
}

/** Lets the event loop turn until `condition()` holds (at most 1000 turns). */
async function until(condition) {
  for (let turn = 0; turn < 1000 && !condition(); turn++) await new Promise((resolve) => setImmediate(resolve));
  assert.ok(condition(), `still waiting for ${condition}`);
}

/**
 * The host: every async import records its call and waits for the test to settle it through
 * `pending` (no timing), except where a test replaces it.
 */
function makeHost() {
  const log = [];
  const pending = [];
  const wait = (what, value) => new Promise((resolve, reject) => pending.push({ what, resolve: () => resolve(value), reject }));
  const disposed = [];
  class Gate {
    constructor(label) {
      this.label = label;
      this.passes = 0;
    }
    pass(n) {
      log.push(`pass ${this.label}`);
      return wait('pass', n + ++this.passes);
    }
    [Symbol.dispose]() {
      disposed.push(this.label);
    }
  }
  const imports = {
    'sleep-then-echo': (s) => {
      log.push(`host ${s}`);
      return wait('echo', `${s}!`);
    },
    'fetch-list': (n) => wait('list', Array.from({ length: n }, (_, i) => i + 1)),
    fallible: (fail) => (fail ? Promise.reject('nope') : wait('fallible', 'fine')),
    tick: () => log.push('tick'),
    'test:jspi/gates': { Gate },
  };
  /** Settles the oldest pending call once the component has made it. */
  const settle = async () => {
    await until(() => pending.length > 0);
    pending.shift().resolve();
  };
  return { log, pending, imports, disposed, settle };
}

/** Transpiles jspi-poll (blocks on a `wasi:io/poll` pollable the host gives) with `args`. */
async function loadPoll(args) {
  const dir = transpile('jspi-poll', ['--no-wasi-shim', ...args]);
  const module = await import(pathToFileURL(join(dir, 'jspi-poll.js')).href);
  return (Pollable) => module.instantiate((file) => WebAssembly.compile(readFileSync(join(dir, file))), { 'wasi:io/poll': { Pollable } });
}

/** A pollable whose `block()` returns a Promise, as a browser host's does when it must wait. */
function waitingPollable() {
  const log = [];
  let release;
  class Pollable {
    block() {
      log.push('block');
      return new Promise((resolve) => { release = resolve; });
    }
  }
  return { Pollable, log, release: () => release() };
}

test('sync mode: a blocking WASI call that returns a Promise traps, saying to use --async-mode jspi', async () => {
  const { Pollable, log } = waitingPollable();
  const { waitOn } = await (await loadPoll([]))(Pollable);
  assert.throws(() => waitOn(new Pollable()), {
    name: 'RuntimeError',
    message: 'wasi:io/poll#[method]pollable.block returned a Promise: transpile with --async-mode jspi to let it block',
  });
  assert.deepEqual(log, ['block']);
});

describe('--async-mode jspi', () => {
  if (!hasJspi) {
    test(`without JSPI (Node ${process.version}) the module refuses to instantiate, naming what it needs`, async () => {
      const { instantiate } = await load();
      await assert.rejects(instantiate(makeHost().imports), {
        message: /^this module needs JSPI \(WebAssembly\.Suspending and WebAssembly\.promising\): it was transpiled with --async-mode jspi/,
      });
    });
    return;
  }

  test('an export returns a Promise; JS runs while the component waits; the result is right', async () => {
    const host = makeHost();
    const { echo } = await (await load()).instantiate(host.imports);
    const result = echo('hi');
    host.log.push('echo returned');
    assert.ok(result instanceof Promise);
    // The component made the first call synchronously, then suspended.
    assert.deepEqual(host.log, ['host hi', 'echo returned']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    host.log.push('a timer ran');
    await host.settle();
    await host.settle();
    assert.equal(await result, 'hi!|hi!!');
    assert.deepEqual(host.log, ['host hi', 'echo returned', 'a timer ran', 'tick', 'host hi!']);
  });

  test('an import may also return a plain value', async () => {
    const host = makeHost();
    const { echo, doubled } = await (await load()).instantiate({
      ...host.imports,
      'sleep-then-echo': (s) => s.toUpperCase(),
      'fetch-list': (n) => [n, n],
    });
    assert.equal(await echo('ab'), 'AB|AB');
    assert.deepEqual(await doubled(7), new Uint32Array([14, 14]));
  });

  test('a list the host resolves later is lowered into memory and lifted back', async () => {
    const host = makeHost();
    const { doubled } = await (await load()).instantiate(host.imports);
    const result = doubled(4);
    await host.settle();
    assert.deepEqual(await result, new Uint32Array([2, 4, 6, 8]));
  });

  test("a rejection of an import returning `result` is its error: the export throws the WIT's error", async () => {
    const host = makeHost();
    const { module, instantiate } = await load();
    const { attempt } = await instantiate(host.imports);
    await assert.rejects(attempt(true), (e) => e instanceof module.ComponentError && e.payload === 'nope');
    const ok = attempt(false);
    await host.settle();
    assert.equal(await ok, 'FINE');
  });

  test("a host resource's async method: the borrow ends when it settles, then the gate is dropped", async () => {
    const host = makeHost();
    const { throughGate } = await (await load()).instantiate(host.imports);
    const result = throughGate('g', 10);
    await until(() => host.log.includes('pass g'));
    assert.deepEqual(host.disposed, []);
    await host.settle();
    assert.equal(await result, 11);
    assert.deepEqual(host.disposed, ['g']);
  });

  test('re-entering the instance while it is suspended is refused; it works once the call ends', async () => {
    const host = makeHost();
    const { echo, plain, doubled } = await (await load()).instantiate(host.imports);
    const result = echo('x');
    await assert.rejects(plain(1), { name: 'RuntimeError', message: /already running \(re-entrance\)/ });
    await assert.rejects(doubled(1), { name: 'RuntimeError', message: /already running \(re-entrance\)/ });
    await host.settle();
    await host.settle();
    assert.equal(await result, 'x!|x!!');
    assert.equal(await plain(1), 2);
  });

  test('an import rejecting with no `result` to carry it traps the instance', async () => {
    const host = makeHost();
    const { echo, plain } = await (await load()).instantiate(host.imports);
    const result = echo('x');
    await until(() => host.pending.length > 0);
    host.pending.shift().reject(new Error('lost'));
    await assert.rejects(result, { message: 'lost' });
    await assert.rejects(plain(1), { message: /it trapped earlier/ });
  });

  test('--async-exports: only the listed exports return Promises', async () => {
    const host = makeHost();
    const args = ['--async-mode', 'jspi', '--async-imports', 'sleep-then-echo', '--async-exports', 'echo'];
    const { echo, plain, doubled } = await (await load(args)).instantiate({ ...host.imports, 'fetch-list': (n) => [n] });
    assert.equal(plain(1), 2);
    assert.deepEqual(doubled(3), new Uint32Array([6]));
    const result = echo('s');
    await host.settle();
    await host.settle();
    assert.equal(await result, 's!|s!!');
  });

  test('an async import behind an adapter between inner components suspends both', async () => {
    const dir = transpile('jspi-adapter', ['--async-mode', 'jspi', '--async-imports', 'wait']);
    const module = await import(pathToFileURL(join(dir, 'jspi-adapter.js')).href);
    const pending = [];
    const wait = (x) => new Promise((resolve) => pending.push(() => resolve(x * 10)));
    const { run, f } = await module.instantiate((file) => WebAssembly.compile(readFileSync(join(dir, file))), { wait });
    const result = run(4);
    await until(() => pending.length === 1);
    // Both instances are inside the call: the outer one (`run`) and the inner one (`f`).
    await assert.rejects(run(1), { message: /already running \(re-entrance\)/ });
    await assert.rejects(f(1), { message: /already running \(re-entrance\)/ });
    pending.shift()();
    assert.equal(await result, (4 * 10 + 1) * 2);
    const direct = f(2);
    await until(() => pending.length === 1);
    pending.shift()();
    assert.equal(await direct, 21);
  });

  test("by default WASI's blocking calls are async: pollable.block may return a Promise", async () => {
    const { Pollable, log, release } = waitingPollable();
    const { waitOn } = await (await loadPoll(['--async-mode', 'jspi']))(Pollable);
    const result = waitOn(new Pollable());
    log.push('waitOn returned');
    await new Promise((resolve) => setTimeout(resolve, 0));
    log.push('a timer ran');
    release();
    assert.equal(await result, 1);
    assert.deepEqual(log, ['block', 'waitOn returned', 'a timer ran']);
  });

  test("a component's resource classes: methods and statics return Promises, constructors do not", async () => {
    const dir = transpile('resources', ['--async-mode', 'jspi', '--async-imports', 'test:resources/host-types#[method]counter.get']);
    const module = await import(pathToFileURL(join(dir, 'resources.js')).href);
    class Counter {
      constructor(start) { this.value = start; }
      get() { return new Promise((resolve) => setImmediate(() => resolve(this.value))); }
      add(n) { this.value += n; }
      static max(a, b) { return Math.max(a.value, b.value); }
    }
    class Thing {
      name() { return 'thing'; }
      static merge(a) { return a; }
    }
    const imports = { 'test:resources/host-types': { Counter }, 'test:resources/things': { Thing } };
    const { shapes } = await module.instantiate((file) => WebAssembly.compile(readFileSync(join(dir, file))), imports);
    // `bump` lends the counter, adds to it, then awaits its `get`.
    const counter = new Counter(5);
    const bumped = shapes.bump(counter, 3);
    assert.ok(bumped instanceof Promise);
    assert.equal(await bumped, 8);
    const point = new shapes.Point(3, 4);
    assert.ok(point instanceof shapes.Point);
    const x = point.x();
    assert.ok(x instanceof Promise);
    assert.equal(await x, 3);
    assert.equal(await shapes.Point.distance(point, new shapes.Point(0, 0)), 5);
  });

  test('--instantiation sync works with JSPI', async () => {
    const host = makeHost();
    const dir = mkdtempSync(join(tmpdir(), 'ferry-jspi-sync-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    transpileTo('jspi', dir, ['--async-mode', 'jspi', '--async-imports', ASYNC_IMPORTS, '--instantiation', 'sync']);
    const module = await import(pathToFileURL(join(dir, 'jspi.js')).href);
    const { echo } = module.instantiate((file) => new WebAssembly.Module(readFileSync(join(dir, file))), host.imports);
    const result = echo('s');
    await host.settle();
    await host.settle();
    assert.equal(await result, 's!|s!!');
  });
});
