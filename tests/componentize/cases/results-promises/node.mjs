// expect.txt's calls on Node: a `result` returned or thrown, exceptions and promises that
// never settle as traps with the engine's message, async exports awaited inside the call.
import assert from 'node:assert/strict';
import { load, trapsAsExpected } from '../../node-harness.mjs';

const app = await load();
const componentError = (payload) => (error) => error instanceof app.ComponentError && Object.is(error.payload, payload);
assert.equal(app.parse('12'), 12);
assert.throws(() => app.parse('x'), componentError('not a number: x'));
assert.equal(app.later(21), 42);
assert.equal(app.sleepy(), 'slept');
assert.equal(app.resultAsync(false), 'fine');
assert.throws(() => app.customPayload(), componentError(7));
assert.throws(() => app.unitErr(true), componentError(undefined));
assert.equal(app.unitErr(false), undefined);
assert.equal(app.thenable(), 'from a thenable');

await trapsAsExpected('boom()', (i) => i.boom());
await trapsAsExpected('never()', (i) => i.never());
await trapsAsExpected('rejects()', (i) => i.rejects());
await trapsAsExpected('result-async(true)', (i) => i.resultAsync(true));
await trapsAsExpected('result-bad-err()', (i) => i.resultBadErr());
