// expect.txt's calls on Node: crypto's builtins draw from wasi:random (the shims' host random).
import assert from 'node:assert/strict';
import { load, printsAsExpected } from '../../node-harness.mjs';

const app = await load();
assert.equal(printsAsExpected('checks()', () => app.checks()), undefined);
assert.equal(app.uuid(), '36');
