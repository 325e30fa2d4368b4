// expect.txt's calls on Node: timers run while the promise an export returns is pending,
// waiting on wasi:clocks pollables (the shims block with Atomics.wait).
import assert from 'node:assert/strict';
import { load, trapsAsExpected } from '../../node-harness.mjs';

const app = await load();
assert.equal(
  app.order(),
  'sync, microtask, promise, timeout, timeout -5, interval 1, interval 2, interval 3, timeout 100 x y',
);
assert.equal(app.elapsed(), 'performance: true, Date: true');
assert.equal(app.ids(), 'number true TypeError: The "callback" argument of setTimeout must be a function');

await trapsAsExpected('throws()', (i) => i.throws());
