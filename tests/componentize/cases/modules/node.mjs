// expect.txt's calls on Node: the modules app.js imports, evaluated at componentize time.
import assert from 'node:assert/strict';
import { load } from '../../node-harness.mjs';

const app = await load();
assert.equal(app.hello(), 'hello modules! awaited');
assert.equal(app.count(), 2);
// The module's state lives on in the instance.
assert.equal(app.count(), 3);
