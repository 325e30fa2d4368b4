// expect.txt's calls on Node: console's output reaches stdout and stderr through wasi:cli.
import assert from 'node:assert/strict';
import { load, printsAsExpected } from '../../node-harness.mjs';

const app = await load();
for (const name of ['values', 'formats', 'errors', 'streams']) {
  assert.equal(printsAsExpected(`${name}()`, () => app[name]()), undefined);
}
