// Row 6: `ferry componentize` (default, each --compress-memory format and --optimize speed) against
// componentize-qjs (its default and the small synchronous build) and ComponentizeJS, on two
// programs from
// bench/componentize/: a hello world and a ~200 KB app (gen-app.mjs) whose exports are the
// JSON-heavy workload (`report`) and `fib`.
//
// Each contender componentizes each program (wall time and peak RSS of its command); each
// component is then called once and its result compared with Node running the same JS, before
// anything is timed on it: a component that fails or answers wrongly has the error in its
// cells. Calls and instantiations are timed inside wasmtime-py (a process per component that
// compiled it once, bench/componentize/wasmtime_worker.py); `wasmtime run --invoke` is timed
// start to end. The workloads are also counted in wasm instructions executed (wasmtime's
// fuel, in a worker of its own), which a busy machine does not disturb.
//
// --smoke keeps to what exercises every row and every contender's command once: the app is
// built by ferry and componentize-qjs --opt-size --sync only, and ComponentizeJS's 12 MB
// component skips `wasmtime run` (compiling it takes most of a minute).
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { alternate, once, summarize, timeCommand } from '../lib/measure.mjs';
import { formatted } from '../lib/report.mjs';
import { appSource } from '../componentize/gen-app.mjs';
import { ordersJson } from '../componentize/orders.mjs';
import { startWorker } from '../componentize/wasmtime-worker.mjs';

const FIB = 27;
const ORDERS = 2000; // the JSON workload's order log: about 450 KB of JSON in, 750 KB out
// Calls inside wasmtime-py are cheap and, on a shared machine, often preempted: three times
// the rounds of the other rows.
const CALL_ROUNDS = 3;
// Issue 5's targets.
const SIZE_TARGET = 800_000;
const TIME_TARGET_MS = 1000;

const FERRY = 'ferry';
const FERRY_SMALL = 'ferry --compress-memory=small';
const FERRY_UNCOMPRESSED = 'ferry --compress-memory=none';
const FERRY_SPEED = 'ferry --optimize speed';
const QJS = 'componentize-qjs';
const QJS_SMALL = 'componentize-qjs --opt-size --sync';
const CJS = 'ComponentizeJS';
// What --smoke leaves out (see the top).
const SMOKE_SKIPS = { app: [FERRY_SMALL, FERRY_UNCOMPRESSED, QJS, CJS], invoke: [CJS] };

/** Each contender's command: (app.js, world.wit, out.wasm) -> [command, args]. */
function commands(ctx) {
  const ferry = (extra) => (js, wit, out) => [ctx.ferry, ['componentize', js, '--wit', wit, '-o', out, '--quiet', ...extra]];
  const qjs = (extra) => (js, wit, out) => [ctx.bin('componentize-qjs'), ['--wit', wit, '--js', js, '-o', out, ...extra]];
  const cjs = join(ctx.bench, 'componentize', 'componentize-js.mjs');
  return {
    [FERRY]: ferry([]),
    [FERRY_SMALL]: ferry(['--compress-memory=small']),
    [FERRY_UNCOMPRESSED]: ferry(['--compress-memory=none']),
    [FERRY_SPEED]: ferry(['--optimize', 'speed']),
    [QJS]: qjs([]),
    [QJS_SMALL]: qjs(['--opt-size', '--sync']),
    [CJS]: (js, wit, out) => [process.execPath, [cjs, js, wit, out]],
  };
}

/**
 * The programs: sources, the first call made on each component (`invoke` is the same call
 * for `wasmtime run --invoke`) and the workloads timed inside it. Their WIT export names are
 * their JS names.
 */
function programs(ctx, dir) {
  const sources = join(ctx.bench, 'componentize');
  const app = join(dir, 'app.js');
  writeFileSync(app, appSource());
  const orders = ordersJson(ORDERS);
  return [
    {
      key: 'hello',
      label: 'hello world',
      js: join(sources, 'hello', 'app.js'),
      wit: join(sources, 'hello', 'world.wit'),
      first: { func: 'hello', args: ['ferry'], invoke: 'hello("ferry")' },
      workloads: [],
    },
    {
      key: 'app',
      label: '200 KB app',
      js: app,
      wit: join(sources, 'app', 'world.wit'),
      first: { func: 'fib', args: [10], invoke: 'fib(10)' },
      workloads: [
        { key: 'fib', label: `fib(${FIB})`, func: 'fib', args: [FIB] },
        {
          key: 'report',
          label: `JSON workload: report(${ORDERS} orders, ${Math.round(orders.length / 1000)} KB)`,
          func: 'report',
          args: [orders],
        },
      ],
    },
  ];
}

/** What Node answers for `func(...args)` of the program's JS: the expected result. */
async function expected(program, func, args) {
  const module = await import(pathToFileURL(program.js));
  return module[func](...args);
}

function check(result, want, what) {
  if (result !== want) {
    const shown = (v) => JSON.stringify(v)?.slice(0, 80);
    throw new Error(`wrong result from ${what}: ${shown(result)}, expected ${shown(want)}`);
  }
}

/**
 * Componentizes `program` with each contender, alternately. Returns { time, rss } (results
 * per contender) and `components`: per contender { path, worker } of a component that
 * passed its first call, or { error }.
 */
async function componentize(ctx, program, dir) {
  const rss = {};
  const path = (name) => join(dir, `${program.key}-${name.replace(/\W+/g, '-')}.wasm`);
  const skips = (ctx.smoke && SMOKE_SKIPS[program.key]) || [];
  const contenders = Object.entries(commands(ctx)).filter(([name]) => !skips.includes(name));
  const runs = contenders.map(([name, command]) => [
    name,
    () => {
      const [cmd, args] = command(program.js, program.wit, path(name));
      const { ms, rssKb } = timeCommand(cmd, args);
      (rss[name] ??= []).push(rssKb);
      return ms;
    },
  ]);
  const time = await alternate(Object.fromEntries(runs), ctx);
  const want = await expected(program, program.first.func, program.first.args);
  const components = {};
  for (const name of Object.keys(time)) {
    if (time[name].error) {
      components[name] = { error: time[name].error };
      continue;
    }
    const worker = startWorker(ctx.python, path(name));
    try {
      const { result } = await worker.call(program.first.func, program.first.args);
      check(result, want, `${program.first.func}`);
      components[name] = { path: path(name), worker };
    } catch (e) {
      worker.close();
      components[name] = { error: e.message };
    }
  }
  const rssResults = Object.fromEntries(
    Object.keys(time).map((name) => [name, time[name].error ? time[name] : summarize(rss[name].slice(ctx.warmup))]),
  );
  return { time, rss: rssResults, components };
}

/**
 * Runs `sample(component)` (resolving to milliseconds) alternately on the working
 * components, `counts` ({ warmup, runs }) times; the others keep their error.
 */
async function measure(counts, components, sample) {
  const working = Object.entries(components).filter(([, c]) => !c.error);
  const results = await alternate(Object.fromEntries(working.map(([name, c]) => [name, () => sample(c)])), counts);
  return Object.fromEntries(Object.entries(components).map(([name, c]) => [name, c.error ? { error: c.error } : results[name]]));
}

/** A timed call through the worker, its result checked. */
function timedCall(method, func, args, want) {
  return async ({ worker }) => {
    const { ms, result } = await worker[method](func, args);
    check(result, want, func);
    return ms;
  };
}

/**
 * The wasm instructions (millions) one `func(...args)` executes in each working component,
 * counted once in a worker with fuel on (the count does not vary between runs).
 */
async function countInstructions(ctx, components, func, args, want) {
  const counts = {};
  for (const [name, c] of Object.entries(components)) {
    if (c.error) {
      counts[name] = { error: c.error };
      continue;
    }
    const worker = startWorker(ctx.python, c.path, { fuel: true });
    try {
      const { fuel, result } = await worker.call(func, args);
      check(result, want, func);
      counts[name] = once(fuel / 1e6);
    } catch (e) {
      counts[name] = { error: e.message };
    } finally {
      worker.close();
    }
  }
  return counts;
}

/** `wasmtime run --invoke`, start to end, with its compilation cache in `cacheConfig`. */
function timedInvoke(ctx, first, want, cacheConfig) {
  const printed = typeof want === 'string' ? JSON.stringify(want) : String(want);
  return ({ path }) => {
    const args = ['run', '-C', `cache-config=${cacheConfig}`, '-S', 'http', '--invoke', first.invoke, path];
    const { ms, stdout } = timeCommand(ctx.wasmtime, args);
    check(stdout.trim(), printed, `wasmtime run --invoke '${first.invoke}'`);
    return ms;
  };
}

/** wasmtime's compilation cache for this run only: filled by the warm-up runs. */
function wasmtimeCache(dir) {
  const config = join(dir, 'wasmtime-cache.toml');
  writeFileSync(config, `[cache]\ndirectory = ${JSON.stringify(join(dir, 'wasmtime-cache'))}\n`);
  return config;
}

/** A result's median, with its minimum when there are several runs. */
function measured(result, unit) {
  const median = formatted(unit, result.median);
  return result.n > 1 && result.min !== result.median ? `${median} (min ${formatted(unit, result.min)})` : median;
}

/** Issue 5's targets, read off the measured `hello` and `app` (see measureProgram). */
function targets(hello, app) {
  const verdict = (result, holds, unit) => {
    if (!result) return 'n/a';
    if (result.error) return `error: ${result.error}`;
    return `${measured(result, unit)}: ${holds(result.median) ? 'yes' : 'no'}`;
  };
  const ours = [FERRY, FERRY_SMALL, FERRY_UNCOMPRESSED, FERRY_SPEED];
  const row = (target, results, holds, unit) => [target, ...ours.map((n) => verdict(results[n], holds, unit))];
  const notAbove = (results, unit, what) =>
    [QJS, QJS_SMALL].map((name) => {
      const theirs = results[name];
      const shown = !theirs ? 'n/a' : theirs.error ?? measured(theirs, unit);
      return row(`${what} ≤ ${name}: ${shown}`, results, (v) => theirs?.median !== undefined && v <= theirs.median, unit);
    });
  const rows = [
    row(`hello world < ${formatted('bytes', SIZE_TARGET)}`, hello.size, (v) => v < SIZE_TARGET, 'bytes'),
    ...[hello, app].map((m) => row(`componentize ${m.label} < 1 s`, m.time, (v) => v < TIME_TARGET_MS, 'ms')),
    ...notAbove(app.workloads.fib, 'ms', `fib(${FIB})`),
    ...notAbove(app.instructions.fib, 'Minstr', `(not a target: fib(${FIB}) in wasm instructions)`),
  ];
  return {
    title: "Componentize: issue 5's targets",
    note: 'From the tables above: each verdict compares medians; the minimum is beside them, as the least disturbed run. The instruction counts do not depend on the load of the machine, the times do.',
    columns: ['target', ...ours],
    cells: rows,
  };
}

/**
 * Everything measured on one program: its componentize results (size, time, rss: per
 * contender), and rows of timed calls, `inside` (its workloads) and `start` (instantiate +
 * first call); `workloads` maps each workload's key to its results.
 */
async function measureProgram(ctx, program, dir, cacheConfig) {
  console.error(`bench: componentize ${program.label}`);
  const { time, rss, components } = await componentize(ctx, program, dir);
  const calls = { warmup: ctx.warmup, runs: ctx.smoke ? ctx.runs : ctx.runs * CALL_ROUNDS };
  try {
    const size = Object.fromEntries(
      Object.entries(components).map(([name, c]) => [name, c.error ? c : once(statSync(c.path).size)]),
    );
    const workloads = {};
    const instructions = {};
    const inside = [];
    const counted = [];
    for (const { key, label, func, args } of program.workloads) {
      const want = await expected(program, func, args);
      workloads[key] = await measure(calls, components, timedCall('call', func, args, want));
      inside.push({ label, results: workloads[key] });
      instructions[key] = await countInstructions(ctx, components, func, args, want);
      counted.push({ label, results: instructions[key] });
    }
    const { func, args, invoke } = program.first;
    const want = await expected(program, func, args);
    const invoked = Object.fromEntries(
      Object.entries(components).filter(([name]) => !(ctx.smoke && SMOKE_SKIPS.invoke.includes(name))),
    );
    const start = [
      {
        label: `${program.label}: wasmtime-py, new Store + instantiate + ${invoke}`,
        results: await measure(calls, components, timedCall('fresh', func, args, want)),
      },
      {
        label: `${program.label}: wasmtime run --invoke '${invoke}'`,
        results: await measure(ctx, invoked, timedInvoke(ctx, program.first, want, cacheConfig)),
      },
    ];
    return { size, time, rss, inside, counted, start, workloads, instructions };
  } finally {
    for (const c of Object.values(components)) c.worker?.close();
  }
}

export default {
  id: 'componentize',
  title: 'Componentize: JS to a component (ferry, componentize-qjs 0.4.5, ComponentizeJS 0.23)',
  async run(ctx) {
    const dir = join(ctx.work, 'componentize');
    mkdirSync(dir, { recursive: true });
    const cacheConfig = wasmtimeCache(dir);
    const measured = {};
    for (const program of programs(ctx, dir)) {
      measured[program.key] = { label: program.label, ...(await measureProgram(ctx, program, dir, cacheConfig)) };
    }
    const { hello, app } = measured;
    const contenders = Object.keys(commands(ctx));
    const table = (title, unit, note, rows) => ({ title, unit, note, contenders, rows });
    const perProgram = (key) => [hello, app].map((m) => ({ label: m.label, results: m[key] }));
    return [
      table('Componentize: output size', 'bytes', null, perProgram('size')),
      table(
        'Componentize: wall time',
        'ms',
        'The command from start to end; ComponentizeJS through its JS API in a Node process (`bench/componentize/componentize-js.mjs`: its 0.23.0 CLI cannot read a WIT file next to preview2-shim 0.26).',
        perProgram('time'),
      ),
      table('Componentize: peak RSS', 'kb', null, perProgram('rss')),
      table(
        'Inside the component: one call (wasmtime-py, instance reused)',
        'ms',
        `The call alone, in a long-lived instance of the 200 KB app; its result checked against Node running the same JS. ${CALL_ROUNDS} times as many runs as the other rows.`,
        app.inside,
      ),
      table(
        'Inside the component: wasm instructions executed by one call (millions)',
        'Minstr',
        "The same calls counted by wasmtime's fuel (about one per wasm instruction), in an instance of their own: what the code does, whatever the load of the machine.",
        app.counted,
      ),
      table(
        'Instantiate + first call',
        'ms',
        `wasmtime-py: the component compiled once, a new Store each time (${CALL_ROUNDS} times as many runs as the other rows). \`wasmtime run -S http --invoke\`: the whole command, its compilation cache warm (the warm-up runs fill it).`,
        [...hello.start, ...app.start],
      ),
      targets(hello, app),
    ];
  },
};
