// What the componentize tests share: the expect.txt format, componentizing, and checking
// `wasmtime run --invoke` calls against their expected output. Used by run.test.mjs and by
// the cases' own `check.mjs` scripts.
//
// expect.txt:
//   # flags: --disable random     extra `ferry componentize` arguments
//   !init <text>                  componentize must fail (exit code 1), its stderr containing
//                                 each such line, in order
//   $ <invocation>                a `wasmtime run --invoke` expression (WAVE syntax), then
//   <line>                        the exact stdout lines it must print (console output, then
//                                 the result), and
//   2> <line>                     the exact stderr lines of a call that succeeds, or
//   ! <text>                      stderr lines it must contain, in order: the call traps
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';

export const tools = {
  ferry: process.env.FERRY_BIN ?? 'ferry',
  wasmtime: process.env.WASMTIME ?? 'wasmtime',
  wasmTools: process.env.WASM_TOOLS ?? 'wasm-tools',
  wac: process.env.WAC ?? 'wac',
};

/** Parses expect.txt into flags, init expectations and invocations. */
export function parseExpect(text) {
  const expect = { flags: [], init: [], calls: [] };
  for (const line of text.split('\n')) {
    if (line.startsWith('# flags:')) expect.flags.push(...line.slice('# flags:'.length).trim().split(/\s+/));
    else if (line.startsWith('#')) continue;
    else if (line.startsWith('!init ')) expect.init.push(line.slice('!init '.length));
    else if (line.startsWith('$ ')) expect.calls.push({ invoke: line.slice(2), stdout: [], stderr: [], stderrLines: [] });
    else if (expect.calls.length === 0) {
      if (line.trim() !== '') throw new Error(`expect.txt: a line before the first "$ ": ${line}`);
    } else if (line.startsWith('! ')) expect.calls.at(-1).stderr.push(line.slice(2));
    else if (line.startsWith('2> ')) expect.calls.at(-1).stderrLines.push(line.slice(3));
    else expect.calls.at(-1).stdout.push(line);
  }
  for (const call of expect.calls) {
    while (call.stdout.at(-1) === '') call.stdout.pop();
  }
  return expect;
}

/** Checks that `text` contains each of `parts`, in order. */
export function containsInOrder(text, parts, what) {
  let at = 0;
  for (const part of parts) {
    const found = text.indexOf(part, at);
    assert.ok(found >= 0, `${what} lacks ${JSON.stringify(part)} (after offset ${at}):\n${text}`);
    at = found + part.length;
  }
}

/** The lines of `text`, without the trailing empty ones. */
export function lines(text) {
  const all = text.split('\n');
  while (all.at(-1) === '') all.pop();
  return all;
}

/** `ferry componentize` in `cwd`; asserts success and validates the component. */
export function componentize(cwd, args) {
  const run = spawnSync(tools.ferry, ['componentize', ...args, '--quiet'], { cwd, encoding: 'utf8' });
  assert.equal(run.status, 0, `ferry componentize ${args.join(' ')} failed:\n${run.stderr}`);
  const component = args[args.indexOf('-o') + 1];
  execFileSync(tools.wasmTools, ['validate', component]);
  return component;
}

/** Runs `command` without blocking the event loop (a check script may be serving it over
 *  HTTP meanwhile), for at most a minute; resolves with its exit `status` (null if it did not
 *  exit by itself), `stdout` and `stderr`. */
export function run(command, args) {
  return new Promise((resolve) => {
    execFile(command, args, { encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const status = error ? (typeof error.code === 'number' ? error.code : null) : 0;
      resolve({ status, stdout, stderr: status === null ? `${stderr}\n${error.message}` : stderr });
    });
  });
}

/** Runs each call on wasmtime (`--invoke`, a fresh instance each) as a subtest of `t`;
 *  `componentFor(call)` names the component to call; `wasmtimeArgs` go before `--invoke`
 *  (`-S http`). */
export async function checkCalls(t, calls, componentFor, { wasmtimeArgs = [] } = {}) {
  for (const call of calls) {
    await t.test(`wasmtime: ${call.invoke}`, async () => {
      const r = await run(tools.wasmtime, ['run', ...wasmtimeArgs, '--invoke', call.invoke, componentFor(call)]);
      if (call.stderr.length > 0) {
        assert.notEqual(r.status, 0, `the call should trap; stdout:\n${r.stdout}`);
        assert.deepEqual(lines(r.stdout), call.stdout, `stdout; stderr:\n${r.stderr}`);
        containsInOrder(r.stderr, call.stderr, 'stderr');
      } else {
        assert.equal(r.status, 0, `wasmtime failed:\n${r.stderr}`);
        assert.deepEqual(lines(r.stdout), call.stdout, `stdout; stderr:\n${r.stderr}`);
        assert.deepEqual(lines(r.stderr), call.stderrLines, 'stderr');
      }
    });
  }
}

/** Transpiles `component` into `dir` as `<name>.js`, with `ferry transpile --map` for each
 *  `[spec, target]` of `map`; returns the module's path. */
export function transpile(component, dir, { name = 'app', map = [] } = {}) {
  const maps = map.flatMap(([spec, target]) => ['--map', `${spec}=${target}`]);
  execFileSync(tools.ferry, ['transpile', component, '-o', dir, '--name', name, '--quiet', ...maps]);
  return `${dir}/${name}.js`;
}

/** Runs a case's `node.mjs` on Node with the transpiled modules' paths; asserts it exits 0. */
export function runNodeScript(script, modules) {
  const r = spawnSync(process.execPath, [script, ...modules], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, `node ${script} ${modules.join(' ')} failed:\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
}
