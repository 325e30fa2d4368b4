// expect.txt's calls on Node: `node node.mjs <consumer.js>`, the consumer linked to the
// provider by composition or by JS imports (check.mjs).
import assert from 'node:assert/strict';
import { load } from '../../node-harness.mjs';

const dropped = 'TypeError: this Blob was dropped (disposed of, or passed on as owned)';
const calls = {
  runClass: 'true true true true 3 abcxyz 6',
  runOwnBorrow: `5 | 5 | TypeError: expected a Blob, got an object (in argument 1 of \`blobSize\`) | ${dropped} | 0 | true | 5 | true | hello | ${dropped} | 0`,
  runDispose: `1 | ${dropped} | 2`,
  runGc: '100',
  runTypes: JSON.stringify([
    { text: 'line(7) sky-blue read+writeAll', size: 7, tint: 'red', sides: [1, 1] },
    { text: 'dot red none', size: 0, tint: 'sky-blue', sides: [0, 0] },
    { text: 'named(é) red writeAll', size: 0, tint: 'sky-blue', sides: [0, 1] },
  ]),
};
for (const [name, result] of Object.entries(calls)) {
  assert.equal((await load())[name](), result, name);
}
const app = await load();
assert.deepEqual(app.echo({ tag: 'line', val: 4 }, 'sky-blue', { read: true }), {
  text: '{"tag":"line","val":4} sky-blue {"read":true,"writeAll":false}',
  size: 5,
  tint: 'sky-blue',
  sides: new Uint8Array([1, 0]),
});
assert.deepEqual(app.echo({ tag: 'named', val: 'x' }, 'red', {}), {
  text: '{"tag":"named","val":"x"} red {"read":false,"writeAll":false}',
  size: 0,
  tint: 'red',
  sides: new Uint8Array([0, 0]),
});
