// The three memory formats: `small` (this case's flag) is smaller than `fast` (the default),
// which is much smaller than `none` (data segments); each restores the same state (the same
// checksum of the top level's 200 KB).
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';

import { checkCalls, componentize } from '../../harness.mjs';

export default async function check(t, { dir, out, component, expect }) {
  const built = { small: component };
  for (const format of ['fast', 'none']) {
    built[format] = componentize(dir, ['app.js', '--wit', 'world.wit', '-o', join(out, `${format}.wasm`), `--compress-memory=${format}`]);
  }
  const size = Object.fromEntries(Object.entries(built).map(([format, path]) => [format, statSync(path).size]));
  await t.test('small < fast < 0.8 none', () => {
    assert.ok(size.small < size.fast && size.fast < size.none * 0.8, JSON.stringify(size));
  });
  const checksum = expect.calls.filter((call) => call.invoke === 'checksum()');
  for (const format of ['fast', 'none']) {
    await t.test(`--compress-memory=${format}`, (t) => checkCalls(t, checksum, () => built[format]));
  }
}
