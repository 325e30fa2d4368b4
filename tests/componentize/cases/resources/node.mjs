// expect.txt's calls on Node: `node node.mjs <consumer.js> <top.js>`, the consumer and top
// worlds linked to the provider (and top to middle), by composition or by JS imports
// (check.mjs). Resources cross both ways: the provider's `Blob` class reaches the others as
// an imported resource.
import assert from 'node:assert/strict';
import { load, trapsAsExpected } from '../../node-harness.mjs';

const [consumer, top] = process.argv.slice(2);
// Linked by JS imports, one provider serves every instance (composed, each has its own), so
// the order matters: `runNoConstructor` reads the provider's count of live Blobs first, as
// the Blob `runMoved` hands back to the provider stays live there (its own object again).
const calls = {
  runNoConstructor: '7 true 0 TypeError: Token has no constructor: its instances come from the functions that return them',
  runBlob: 'true true 3 abc abcxyz 6 true',
  runDispose: '2 TypeError: this Blob was dropped (disposed of, or passed on as owned)',
  runMoved: '5 0 TypeError: this Blob was dropped (disposed of, or passed on as owned)',
  runEcho: JSON.stringify([
    [{ tag: 'pair', val: ['-5n', 7] }, { read: true, write: false, exec: true }, { count: 3, names: ['x', 'y'] }, { tag: 'some' }, 'f32[1.5,2]', 'é', '18446744073709551615n'],
    [{ tag: 'nothing' }, { read: false, write: false, exec: false }, { count: 0, names: [] }, null, 'f32[0.25]', 'x', '3n'],
  ]),
  runErrors: 'checked | true | ComponentError | [object Object] (see error.payload) | {"count":2,"names":["a","b"]} | 5 | true | ',
  runMany: '1+2+3+4+5+6+7+8+9+10+11+12+13+14+15+16+end',
  runWrongClass: 'TypeError: expected a Blob, got an object (in argument 1 of `Blob.take`)',
  runRoundTrip: '3 3 0 1',
  runGc: '100',
};
for (const [name, result] of Object.entries(calls)) {
  assert.equal((await load(consumer))[name](), result, name);
}
assert.equal((await load(top)).runVisit(), '4 4 1004 4 0 4 1 TypeError');
// Last: the provider traps, and a provider linked by JS imports cannot be entered again.
await trapsAsExpected('run-bad-blob()', (i) => i.runBadBlob(), consumer);
