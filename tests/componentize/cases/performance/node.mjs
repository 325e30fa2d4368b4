// expect.txt's call on Node: performance reads wasi:clocks (the shims' clocks).
import assert from 'node:assert/strict';
import { load, printsAsExpected } from '../../node-harness.mjs';

const app = await load();
assert.equal(printsAsExpected('checks()', () => app.checks()), undefined);
