// expect.txt's call on Node: a builtin whose WASI import the world lacks says so.
import assert from 'node:assert/strict';
import { load } from '../../node-harness.mjs';

const app = await load();
assert.equal(app.checks(), 'crypto.randomUUID needs wasi:random/random, which this component does not import');
