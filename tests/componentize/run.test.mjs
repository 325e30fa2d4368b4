// `ferry componentize` end to end: each folder of cases/ is a JS module (`app.js` or
// `app.ts`, with the modules it imports) and a WIT world (`world.wit`). The test
// componentizes it, validates the component with wasm-tools, runs every invocation of
// `expect.txt` on wasmtime 49, and, when the case has a `node.mjs`, transpiles the component
// with `ferry transpile` and runs that script on Node with the module's path.
//
// expect.txt:
//   # flags: --disable random     extra `ferry componentize` arguments
//   !init <text>                  componentize must fail, its stderr containing each such line
//   $ <invocation>                a `wasmtime run --invoke` expression (WAVE syntax), then
//   <line>                        the exact stdout lines it must print (console output, then
//                                 the result), and
//   2> <line>                     the exact stderr lines of a call that succeeds, or
//   ! <text>                      stderr lines it must contain, in order: the call traps
//
// Env: FERRY_BIN, WASMTIME, WASM_TOOLS; FERRY_COMPONENTIZE_OUT (where components go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const casesDir = join(here, 'cases');
const ferry = process.env.FERRY_BIN ?? 'ferry';
const wasmtime = process.env.WASMTIME ?? 'wasmtime';
const wasmTools = process.env.WASM_TOOLS ?? 'wasm-tools';
const out = process.env.FERRY_COMPONENTIZE_OUT ?? join(here, '.out');

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
function containsInOrder(text, parts, what) {
  let at = 0;
  for (const part of parts) {
    const found = text.indexOf(part, at);
    assert.ok(found >= 0, `${what} lacks ${JSON.stringify(part)} (after offset ${at}):\n${text}`);
    at = found + part.length;
  }
}

const cases = readdirSync(casesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
// The transpiled modules import the WASI host package: this repo's.
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'node_modules', '@ferry-wasm'), { recursive: true });
symlinkSync(join(here, '..', '..', 'runtime-shims'), join(out, 'node_modules', '@ferry-wasm', 'shims'));

for (const name of cases) {
  const dir = join(casesDir, name);
  const expect = parseExpect(readFileSync(join(dir, 'expect.txt'), 'utf8'));
  const entry = existsSync(join(dir, 'app.ts')) ? 'app.ts' : 'app.js';
  const component = join(out, `${name}.wasm`);

  test(`componentize ${name}`, async (t) => {
    rmSync(component, { force: true });
    const wit = existsSync(join(dir, 'wit')) ? 'wit' : 'world.wit';
    const run = spawnSync(ferry, ['componentize', entry, '--wit', wit, '-o', component, '--quiet', ...expect.flags], {
      cwd: dir,
      encoding: 'utf8',
    });
    if (expect.init.length > 0) {
      assert.notEqual(run.status, 0, `componentize should fail; stdout:\n${run.stdout}`);
      containsInOrder(run.stderr, expect.init, 'ferry componentize stderr');
      assert.ok(!existsSync(component), 'no component is written when componentize fails');
      return;
    }
    assert.equal(run.status, 0, `ferry componentize failed:\n${run.stderr}`);
    execFileSync(wasmTools, ['validate', component]);

    for (const call of expect.calls) {
      await t.test(`wasmtime: ${call.invoke}`, () => {
        const r = spawnSync(wasmtime, ['run', '--invoke', call.invoke, component], { encoding: 'utf8', timeout: 60_000 });
        const stdout = r.stdout.split('\n');
        while (stdout.at(-1) === '') stdout.pop();
        if (call.stderr.length > 0) {
          assert.notEqual(r.status, 0, `the call should trap; stdout:\n${r.stdout}`);
          assert.deepEqual(stdout, call.stdout, `stdout; stderr:\n${r.stderr}`);
          containsInOrder(r.stderr, call.stderr, 'stderr');
        } else {
          assert.equal(r.status, 0, `wasmtime failed:\n${r.stderr}`);
          assert.deepEqual(stdout, call.stdout, `stdout; stderr:\n${r.stderr}`);
          const stderr = r.stderr.split('\n');
          while (stderr.at(-1) === '') stderr.pop();
          assert.deepEqual(stderr, call.stderrLines, 'stderr');
        }
      });
    }

    if (existsSync(join(dir, 'node.mjs'))) {
      await t.test('node, through ferry transpile', () => {
        const js = join(out, `${name}-js`);
        rmSync(js, { recursive: true, force: true });
        execFileSync(ferry, ['transpile', component, '-o', js, '--name', 'app']);
        const r = spawnSync(process.execPath, [join(dir, 'node.mjs'), join(js, 'app.js')], { encoding: 'utf8', timeout: 60_000 });
        assert.equal(r.status, 0, `node.mjs failed:\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      });
    }
  });
}
