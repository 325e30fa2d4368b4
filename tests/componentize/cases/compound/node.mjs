// expect.txt's calls on Node: compound values round trip as js-conventions.md maps them, and
// a value the component returns that does not fit its type traps with the engine's message.
import assert from 'node:assert/strict';
import { load, trapsAsExpected } from '../../node-harness.mjs';

const app = await load();
assert.deepEqual(app.idPoint({ x: 1, y: -2, label: 'p' }), { x: 1, y: -2, label: 'p' });
assert.deepEqual(app.idPoint({ x: 1, y: -2 }), { x: 1, y: -2, label: undefined });
assert.deepEqual(app.idShape({ tag: 'circle', val: 1.5 }), { tag: 'circle', val: 1.5 });
assert.deepEqual(app.idShape({ tag: 'rect', val: { x: 3, y: 4 } }), { tag: 'rect', val: { x: 3, y: 4, label: undefined } });
// wasmtime's WAVE parser reads `none` as an option (expect.txt checks that error); JS has no such clash.
assert.deepEqual(app.idShape({ tag: 'none' }), { tag: 'none' });
assert.deepEqual(app.idShape({ tag: 'named', val: 'n' }), { tag: 'named', val: 'n' });
assert.equal(app.idColor('dark-blue'), 'dark-blue');
assert.deepEqual(app.idSmall({ a: true, c: true }), { a: true, b: false, c: true });
assert.deepEqual(app.idSmall({}), { a: false, b: false, c: false });
const flags = (prefix, count, set) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`${prefix}${i}`, set.includes(i)]));
assert.deepEqual(app.idMedium({ m0: true, m9: true }), flags('m', 10, [0, 9]));
assert.deepEqual(app.idLarge({ l0: true, l17: true, l31: true }), flags('l', 32, [0, 17, 31]));
assert.deepEqual(app.idTuple([7, 'x', 2.5]), [7, 'x', 2.5]);
assert.deepEqual(app.idBytes([1, 2, 255]), new Uint8Array([1, 2, 255]));
assert.deepEqual(app.idBytes([]), new Uint8Array([]));
assert.deepEqual(app.idF64s([1.5, -2.0]), new Float64Array([1.5, -2]));
assert.deepEqual(app.idS64s([-1n, 9223372036854775807n]), new BigInt64Array([-1n, 9223372036854775807n]));
assert.deepEqual(app.idStrings(['a', '', 'ü']), ['a', '', 'ü']);
assert.deepEqual(app.idPoints([{ x: 1, y: 2 }, { x: 3, y: 4, label: 'q' }]), [
  { x: 1, y: 2, label: undefined },
  { x: 3, y: 4, label: 'q' },
]);
assert.equal(app.idOpt(5), 5);
assert.equal(app.idOpt(undefined), undefined);
assert.deepEqual(app.idOptOpt({ tag: 'some', val: 5 }), { tag: 'some', val: 5 });
assert.deepEqual(app.idOptOpt({ tag: 'some', val: undefined }), { tag: 'some', val: undefined });
// The outer option of a nested one is tagged when lifted; lowering also takes `undefined`.
assert.deepEqual(app.idOptOpt({ tag: 'none' }), { tag: 'none' });
assert.deepEqual(app.idOptOpt(undefined), { tag: 'none' });
assert.equal(app.idRes({ tag: 'ok', val: 'fine' }), 'fine');
assert.throws(() => app.idRes({ tag: 'err', val: 3 }), (error) => error instanceof app.ComponentError && error.payload === 3);
assert.deepEqual(app.idListRes([{ tag: 'ok' }, { tag: 'err', val: 'e' }]), [
  { tag: 'ok', val: undefined },
  { tag: 'err', val: 'e' },
]);
assert.deepEqual(app.idNested([[['a', true], undefined], []]), [[['a', true], undefined], []]);
assert.equal(
  app.kinds([1], [1.5], ['s'], { x: 1, y: 2 }, { tag: 'rect', val: { x: 1, y: 2, label: 'l' } }, 'green', { b: true }, [1, 2]),
  'Uint8Array Float32Array Array {"x":1,"y":2} {"tag":"rect","val":{"x":1,"y":2,"label":"l"}} green {"a":false,"b":true,"c":false} [1,2]',
);
assert.equal(app.many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 'seventeen'), '1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,seventeen');
assert.equal(app.exactly16(1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n, 10n, 11n, 12n, 13n, 14n, 15n, 0.5), 120.5);
assert.deepEqual(app.makeBytes(), new Uint8Array([1, 2, 3]));
assert.deepEqual(app.makeBytesFromArray(), new Uint8Array([9, 8]));
assert.deepEqual(app.makeShape('circle'), { tag: 'circle', val: 2.5 });
assert.deepEqual(app.makeShape('none'), { tag: 'none' });
assert.deepEqual(app.makeShape('named'), { tag: 'named', val: 'n' });

await trapsAsExpected('make-shape("square")', (i) => i.makeShape('square'));
await trapsAsExpected('bad-color()', (i) => i.badColor());
await trapsAsExpected('record-missing-field()', (i) => i.recordMissingField());
await trapsAsExpected('bad-nested()', (i) => i.badNested());
