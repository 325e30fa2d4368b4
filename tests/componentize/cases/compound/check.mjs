// The same calls with `ferry componentize --optimize speed`: the speed engine (QuickJS's C at
// -O2) in place of the default size engine, on wasmtime and, transpiled, on Node.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { checkCalls, componentize, runNodeScript, transpile } from '../../harness.mjs';

export default async function check(t, { dir, out, component, expect }) {
  await t.test('--optimize speed', async (t) => {
    const speed = componentize(dir, ['app.js', '--wit', 'world.wit', '-o', join(out, 'speed.wasm'), '--optimize', 'speed']);
    // The flag's engine is in it: the speed engine is ~390 KB larger than the size engine.
    const [fast, small] = [statSync(speed).size, statSync(component).size];
    assert.ok(fast > small + 200_000, `${fast} bytes with --optimize speed, ${small} without`);
    await checkCalls(t, expect.calls, () => speed);
    await t.test('node, through ferry transpile', () => {
      runNodeScript(join(dir, 'node.mjs'), [transpile(speed, join(out, 'speed-js'))]);
    });
  });
}
