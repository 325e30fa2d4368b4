// expect.txt's calls on Node: the TypeScript module's exports, its stack at the .ts line.
import assert from 'node:assert/strict';
import { load, printsAsExpected } from '../../node-harness.mjs';

const app = await load();
assert.equal(app.shapes.area({ tag: 'circle', val: 2 }), 12.566370614359172);
const triangle = [{ x: 0, y: 0 }, { x: 4, y: 0 }, { x: 4, y: 3 }];
assert.equal(app.shapes.area({ tag: 'polygon', val: triangle }), 6);
assert.equal(printsAsExpected('describe(polygon([]))', () => app.shapes.describe({ tag: 'polygon', val: [] })), 'a polygon of 0 points');
assert.equal(printsAsExpected('describe(circle(1.0))', () => app.shapes.describe({ tag: 'circle', val: 1 })), 'a circle');
assert.equal(app.stackTop(['a', 'b']), 'b');
assert.equal(app.stackTop([]), undefined);
assert.equal(app.throwsAt(), 'at throwsAt (app.ts:68:21)');
