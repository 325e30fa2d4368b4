// expect.txt's call on Node: builtins of groups left out with --disable say so.
import assert from 'node:assert/strict';
import { load, printsAsExpected } from '../../node-harness.mjs';

const app = await load();
assert.equal(printsAsExpected('checks()', () => app.checks()), 'done');
