// `ferry componentize` end to end: each folder of cases/ is a JS module (`app.js` or
// `app.ts`, with the modules it imports) and a WIT world (`world.wit`, or `wit/`). The test
// componentizes it, validates the component with wasm-tools, runs every invocation of
// `expect.txt` (format: harness.mjs) on wasmtime 49, then transpiles the component with
// `ferry transpile` and runs the case's `node.mjs` (which a case with calls must have) on
// Node with the module's path. A case with a `check.mjs` runs it last: its default export is called with
// the test and { dir, out, component, expect } (`component` is undefined when the case has
// no app.js/app.ts, and builds its own components).
//
// Env: FERRY_BIN, WASMTIME, WASM_TOOLS, WAC; FERRY_COMPONENTIZE_OUT (where components go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { checkCalls, componentize, containsInOrder, parseExpect, runNodeScript, tools, transpile } from './harness.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const casesDir = join(here, 'cases');
const out = process.env.FERRY_COMPONENTIZE_OUT ?? join(here, '.out');

const cases = readdirSync(casesDir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
// The transpiled modules import the WASI host package: this repo's.
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'node_modules', '@ferry-wasm'), { recursive: true });
symlinkSync(join(here, '..', '..', 'runtime-shims'), join(out, 'node_modules', '@ferry-wasm', 'shims'));

for (const name of cases) {
  const dir = join(casesDir, name);
  const expect = parseExpect(readFileSync(join(dir, 'expect.txt'), 'utf8'));
  const entry = ['app.ts', 'app.js'].find((f) => existsSync(join(dir, f)));
  const caseOut = join(out, name);

  test(`componentize ${name}`, async (t) => {
    rmSync(caseOut, { recursive: true, force: true });
    mkdirSync(caseOut, { recursive: true });
    let component;
    if (entry !== undefined) {
      component = join(caseOut, 'app.wasm');
      const wit = existsSync(join(dir, 'wit')) ? 'wit' : 'world.wit';
      const args = [entry, '--wit', wit, '-o', component, ...expect.flags];
      if (expect.init.length > 0) {
        // Bounded: a top level that never ends must be stopped by ferry (--init-timeout).
        const run = spawnSync(tools.ferry, ['componentize', ...args, '--quiet'], { cwd: dir, encoding: 'utf8', timeout: 240_000 });
        assert.equal(run.status, 1, `componentize should fail with exit code 1; stdout:\n${run.stdout}\nstderr:\n${run.stderr}`);
        containsInOrder(run.stderr, expect.init, 'ferry componentize stderr');
        assert.ok(!existsSync(component), 'no component is written when componentize fails');
        return;
      }
      componentize(dir, args);
      await checkCalls(t, expect.calls, () => component);
      // A case without calls (a command, a server) runs on Node from its check.mjs.
      if (expect.calls.length > 0) {
        await t.test('node, through ferry transpile', () => {
          const script = join(dir, 'node.mjs');
          assert.ok(existsSync(script), `${name} has no node.mjs: every component runs on Node too (cases/README.md)`);
          runNodeScript(script, [transpile(component, join(caseOut, 'js'))]);
        });
      }
    }
    if (existsSync(join(dir, 'check.mjs'))) {
      const { default: check } = await import(pathToFileURL(join(dir, 'check.mjs')).href);
      await check(t, { dir, out: caseOut, component, expect });
    }
  });
}
