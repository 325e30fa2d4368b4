// expect.txt's calls on Node: the compressed memory image is restored by the core module's
// start function there too.
import assert from 'node:assert/strict';
import { load } from '../../node-harness.mjs';

const app = await load();
assert.equal(app.lookup('key0'), 'alpha-16254');
assert.equal(app.lookup('key4999'), 'theta-78176');
assert.equal(app.lookup('nope'), undefined);
assert.equal(app.checksum(), 3499917048);
assert.equal(app.summary(), '5000 keys, 300 accounts worth 313950, owner 299, text 20000 chars ending  ✓ ');
assert.equal(app.grow(40), 821);
