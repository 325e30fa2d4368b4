// Fixed-length lists (`list<T, N>`) through a component and back (tests/components/wat/
// fixed-lists.wat): each `pass*` export hands its argument to the host's `echo-*` import and
// returns what that returned, so every value is lowered and lifted twice, flat or in memory.
// Flat, a list is straight-line code; in memory, a loop in a shared function (issue 8: an
// 8-deep `list<..., 8>` was 16.7 million elements of straight-line code). A fixed-length list
// is a plain Array of its length, whatever its element type. `bytes(at, len)` shows the
// memory the host wrote a result into (at 1024), so the layout is checked against the
// canonical ABI, not only the round trip.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './transpile.mjs';

class Res {}

const component = load('fixed-lists');

/** The component's exports, with imports that echo and record what they were given. */
async function instance(overrides = {}) {
  const seen = {};
  const echo = (name) => (x) => {
    seen[name] = x;
    return overrides[name] ? overrides[name](x) : x;
  };
  const names = ['one', 'u8x3', 'strings', 'owns', 'u32x100', 'points', 'grid', 'many-owns', 'options', 'cube'];
  const imports = { res: Res };
  for (const name of names) imports[`echo-${name}`] = echo(name);
  const exports = await (await component).instantiate(imports);
  return { exports, seen };
}

/** The bytes of `values` stored in a `Typed` array (little-endian, as Wasm memory). */
function bytesOf(Typed, values) {
  return new Uint8Array(new Typed(values).buffer);
}

describe('fixed-length lists', () => {
  test('list<u32, 1>: one flat value each way', async () => {
    const { exports, seen } = await instance();
    assert.deepStrictEqual(exports.passOne([4294967295]), [4294967295]);
    assert.deepStrictEqual(seen.one, [4294967295]);
  });

  test('list<u8, 3>: flat parameters, a result in memory', async () => {
    const { exports, seen } = await instance();
    const result = exports.passU8x3([1, 2, 255]);
    assert.ok(Array.isArray(result));
    assert.deepStrictEqual(result, [1, 2, 255]);
    assert.deepStrictEqual(seen.u8x3, [1, 2, 255]);
    assert.deepStrictEqual(exports.bytes(1024, 3), new Uint8Array([1, 2, 255]));
  });

  test('list<string, 5>: strings, flat and in memory', async () => {
    const { exports } = await instance();
    const strings = ['a', '', 'é', '🦀 crab', 'x'.repeat(100)];
    assert.deepStrictEqual(exports.passStrings(strings), strings);
  });

  test('list<u32, 100>: a loop both ways, laid out as the canonical ABI says', async () => {
    const { exports, seen } = await instance();
    const values = Array.from({ length: 100 }, (_, i) => (i * 2654435761) >>> 0);
    const result = exports.passU32x100(values);
    assert.ok(Array.isArray(result) && Array.isArray(seen.u32x100));
    assert.deepStrictEqual(result, values);
    assert.deepStrictEqual(seen.u32x100, values);
    assert.deepStrictEqual(exports.bytes(1024, 400), bytesOf(Uint32Array, values));
    // Any array-like of the right length is accepted, a typed array included.
    assert.deepStrictEqual(exports.passU32x100(new Uint32Array(values)), values);
  });

  test('list<record, 6>: records holding strings and floats', async () => {
    const { exports } = await instance();
    const points = Array.from({ length: 6 }, (_, i) => ({ a: i * 40, b: `point ${i}`.repeat(i), c: i / 3 - 1 }));
    assert.deepStrictEqual(exports.passPoints(points), points);
    // `a` of each 24-byte record, at its start.
    const bytes = exports.bytes(1024, 6 * 24);
    assert.deepStrictEqual([0, 1, 2, 3, 4, 5].map((i) => bytes[i * 24]), points.map((p) => p.a));
  });

  test('list<list<u16, 3>, 7>: short lists inside a long one', async () => {
    const { exports } = await instance();
    const grid = Array.from({ length: 7 }, (_, i) => [i, 1000 * i, 65535 - i]);
    assert.deepStrictEqual(exports.passGrid(grid), grid);
    assert.deepStrictEqual(exports.bytes(1024, 42), bytesOf(Uint16Array, grid.flat()));
  });

  test('list<option<list<s64, 20>>, 2>: options of long lists', async () => {
    const { exports } = await instance();
    const longs = Array.from({ length: 20 }, (_, i) => BigInt(i) * -(2n ** 58n) + 3n);
    for (const value of [[undefined, longs], [undefined, undefined], [longs, undefined]]) {
      assert.deepStrictEqual(exports.passOptions(value), value);
    }
    // Each option: a discriminant byte, then its list from offset 8; 168 bytes in all.
    const bytes = exports.bytes(1024, 2 * 168);
    assert.deepStrictEqual([bytes[0], bytes[168]], [1, 0], 'the discriminants of [longs, undefined]');
    assert.deepStrictEqual(bytes.slice(8, 168), bytesOf(BigInt64Array, longs));
  });

  test('list<list<list<list<u8, 8>, 8>, 8>, 8>: 4096 elements, nested loops', async () => {
    const { exports } = await instance();
    const cube = Array.from({ length: 8 }, (_, a) =>
      Array.from({ length: 8 }, (_, b) => Array.from({ length: 8 }, (_, c) => Array.from({ length: 8 }, (_, d) => (a * 512 + b * 64 + c * 8 + d) & 255))));
    assert.deepStrictEqual(exports.passCube(cube), cube);
    assert.deepStrictEqual(exports.bytes(1024, 4096), new Uint8Array(cube.flat(3)));
  });

  test('owned handles come back as the same objects, in order', async () => {
    const { exports } = await instance();
    for (const [pass, count] of [['passOwns', 5], ['passManyOwns', 20]]) {
      const objects = Array.from({ length: count }, () => new Res());
      const result = exports[pass](objects);
      assert.equal(result.length, count);
      result.forEach((object, i) => assert.equal(object, objects[i], `${pass}: element ${i}`));
    }
  });

  test('a wrong length or element is a TypeError naming the list, before the component runs', async () => {
    const { exports } = await instance();
    const rejects = (call, pattern) => assert.throws(call, (err) => err instanceof TypeError && pattern.test(err.message));
    rejects(() => exports.passU32x100(new Array(99).fill(0)), /^passU32x100: parameter "x": expected list<u32, 100>/);
    rejects(() => exports.passU32x100([...new Array(99).fill(0), -1]), /^passU32x100: parameter "x": expected u32, got -1/);
    rejects(() => exports.passU32x100(7), /expected list<u32, 100>, got 7/);
    rejects(() => exports.passU8x3([1, 2]), /^passU8x3: parameter "x": expected list<u8, 3>/);
    // Lowered flat (straight-line code), the message names the element.
    rejects(() => exports.passU8x3([1, 2, 256]), /^passU8x3: parameter "x"\[2\]: expected u8, got 256/);
    rejects(() => exports.passManyOwns([...Array.from({ length: 19 }, () => new Res()), {}]), /^passManyOwns: parameter "x": expected Res, got \[object Object\]/);
    // The instance is still usable.
    assert.deepStrictEqual(exports.passU8x3([3, 2, 1]), [3, 2, 1]);
  });

  test("a host's result of the wrong length is a TypeError naming the import", async () => {
    const { exports } = await instance({ 'u32x100': () => [1, 2, 3] });
    assert.throws(() => exports.passU32x100(new Array(100).fill(1)), (err) =>
      err instanceof TypeError && /^echo-u32x100: result: expected list<u32, 100>/.test(err.message));
  });
});
