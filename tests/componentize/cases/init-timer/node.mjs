// expect.txt's call on Node: a timer awaited at the top level ran while componentizing.
import assert from 'node:assert/strict';
import { load } from '../../node-harness.mjs';

const app = await load();
assert.equal(app.ready(), 'waited true');
