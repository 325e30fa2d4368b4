// The component is a command: `wasmtime run app.wasm ARGS` and `ferry run app.wasm ARGS`
// (on Node) must print the same lines and exit with the same code; `fail` makes it exit 1.
// The same program built from the standard `wasi:cli/command` world must behave the same.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { componentize, lines, tools } from '../../harness.mjs';

const runs = [
  { args: ['one', 'two words'], status: 0, stdout: ['hi from app.wasm, 2 argument(s)', '- one', '- two words'], stderr: [] },
  { args: [], status: 0, stdout: ['hi from app.wasm, 0 argument(s)'], stderr: [] },
  { args: ['fail'], status: 1, stdout: ['hi from app.wasm, 1 argument(s)', '- fail'], stderr: ['failing, as asked', 'Error: asked to fail', '    at run (app.js:14:17)'] },
];

const hosts = {
  wasmtime: (component, args) => [tools.wasmtime, ['run', '--env', 'GREETING=hi', component, ...args]],
  'ferry run': (component, args) => [tools.ferry, ['run', '--env', 'GREETING=hi', component, ...args]],
};

export default async function check(t, { dir, out, component }) {
  // Named app.wasm too: the program's name (its first argument) is the file's.
  mkdirSync(join(out, 'full-command'));
  const full = componentize(dir, ['app.js', '--wit', 'wit', '--world', 'full-command', '-o', join(out, 'full-command', 'app.wasm')]);
  for (const [world, wasm] of [['command', component], ['full-command', full]]) {
    for (const [host, command] of Object.entries(hosts)) {
      for (const run of runs) {
        await t.test(`${world}, ${host}: app.wasm ${run.args.join(' ')}`, () => {
          const [program, args] = command(wasm, run.args);
          const r = spawnSync(program, args, { encoding: 'utf8', timeout: 60_000 });
          assert.equal(r.status, run.status, `exit code; stderr:\n${r.stderr}`);
          assert.deepEqual(lines(r.stdout), run.stdout, 'stdout');
          assert.deepEqual(lines(r.stderr), run.stderr, 'stderr');
        });
      }
    }
  }
}
