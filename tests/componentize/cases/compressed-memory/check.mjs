// With --compress-memory the component is smaller than without it: the memory image is
// compressed, not just carried along.
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { componentize } from '../../harness.mjs';

export default async function check(t, { dir, out, component }) {
  await t.test('smaller than without --compress-memory', () => {
    const plain = componentize(dir, ['app.js', '--wit', 'world.wit', '-o', join(out, 'plain.wasm')]);
    const [compressed, uncompressed] = [statSync(component).size, statSync(plain).size];
    assert.ok(compressed < uncompressed * 0.8, `${compressed} bytes compressed, ${uncompressed} without`);
  });
}
