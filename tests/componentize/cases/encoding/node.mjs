// expect.txt's calls on Node: TextEncoder and TextDecoder, and strings and bytes across.
import assert from 'node:assert/strict';
import { load, printsAsExpected } from '../../node-harness.mjs';

const app = await load();
assert.equal(printsAsExpected('checks()', () => app.checks()), undefined);
assert.deepEqual(app.encode('h\u{e9}llo \u{1f600}'), new Uint8Array([104, 195, 169, 108, 108, 111, 32, 240, 159, 152, 128]));
assert.equal(app.decode([104, 195, 169, 255]), 'hé\u{fffd}');
