// expect.txt's calls on Node: WASI interfaces imported by app.js itself are the shims'.
import assert from 'node:assert/strict';
import { configure, load } from '../../node-harness.mjs';

// What wasmtime gives `wasmtime run --invoke ... app.wasm`, and a variable to find.
configure({ args: ['app.wasm'], env: [['FERRY_CASE', 'wasi-imports'], ['OTHER', 'x']] });
const app = await load();
assert.equal(app.env(), JSON.stringify([[['FERRY_CASE', 'wasi-imports']], ['app.wasm'], null, true]));
assert.equal(app.random(), 'Uint8Array 5 bigint');
assert.equal(app.clock(), 'bigint true Pollable function function true');
