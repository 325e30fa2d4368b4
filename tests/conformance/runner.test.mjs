// Unit tests of the conformance runner's value mapping (no ferry needed):
//   node --test tests/conformance/
import assert from 'node:assert/strict';
import test from 'node:test';
import { convertArgs, expectedMatches, jsExportName, lowerCamel, mismatch, toJs } from './run.mjs';

const u32 = (n) => ({ type: 'u32', value: String(n) });
const str = (s) => ({ type: 'string', value: s });

test('names', () => {
  assert.equal(lowerCamel('get-thing'), 'getThing');
  assert.equal(lowerCamel('HTTP-get'), 'httpGet');
  assert.equal(lowerCamel('go-1'), 'go1');
  assert.equal(lowerCamel('i-to-u8'), 'iToU8');
  assert.equal(jsExportName('do-it'), 'doIt');
  assert.equal(jsExportName('enum'), 'enum$');
  assert.equal(jsExportName('delete'), 'delete$');
  assert.equal(jsExportName('new'), 'new$');
  assert.equal(jsExportName('default'), 'default$');
  assert.equal(jsExportName('list'), 'list');
});

test('scalar arguments', () => {
  assert.deepEqual(convertArgs([
    { type: 'bool', value: true }, { type: 'u8', value: '7' }, { type: 's8', value: '-8' },
    { type: 'u64', value: '18446744073709551615' }, { type: 's64', value: '-14' },
    { type: 'char', value: 'Z' }, str('!'),
  ]), [true, 7, -8, 18446744073709551615n, -14n, 'Z', '!']);
  assert.equal(toJs({ type: 'f32', value: '1084227584' }), 5);
  assert.equal(toJs({ type: 'f64', value: '4621256167635550208' }), 9);
  assert.ok(Object.is(toJs({ type: 'f32', value: '2147483648' }), -0));
  assert.ok(Number.isNaN(toJs({ type: 'f32', value: '2143289344' })));
});

test('compound arguments', () => {
  const list = toJs({ type: 'list', value: [u32(1), u32(2)] });
  assert.ok(list instanceof Uint32Array);
  assert.deepEqual(Array.from(list), [1, 2]);
  const big = toJs({ type: 'list', value: [{ type: 's64', value: '-1' }] });
  assert.ok(big instanceof BigInt64Array);
  assert.deepEqual(toJs({ type: 'list', value: [str('a'), str('b')] }), ['a', 'b']);
  assert.deepEqual(toJs({ type: 'list', value: [] }), []);
  assert.deepEqual(toJs({ type: 'tuple', value: [str('x='), u32(42)] }), ['x=', 42]);
  assert.deepEqual(toJs({ type: 'record', value: [['first-name', str('a')], ['n', u32(7)]] }),
    { firstName: 'a', n: 7 });
  assert.deepEqual(toJs({ type: 'variant', value: { case: 'not-found', payload: null } }), { tag: 'not-found' });
  assert.deepEqual(toJs({ type: 'variant', value: { case: 's', payload: str('hi') } }), { tag: 's', val: 'hi' });
  assert.equal(toJs({ type: 'enum', value: 'red' }), 'red');
  assert.deepEqual(toJs({ type: 'flags', value: ['a', 'big-c'] }), { a: true, bigC: true });
  assert.equal(toJs({ type: 'option', value: null }), undefined);
  assert.equal(toJs({ type: 'option', value: u32(5) }), 5);
  assert.deepEqual(toJs({ type: 'option', value: { type: 'option', value: null } }), { tag: 'some', val: undefined });
  assert.deepEqual(toJs({ type: 'result', value: { Ok: str('yo') } }), { tag: 'ok', val: 'yo' });
  assert.deepEqual(toJs({ type: 'result', value: { Err: null } }), { tag: 'err' });
});

test('result comparison', () => {
  assert.equal(mismatch(u32(3), 3), null);
  assert.match(mismatch(u32(3), 4), /expected u32 3, got 4/);
  assert.match(mismatch(u32(3), 3n), /got 3n/);
  assert.equal(mismatch({ type: 'u64', value: '13' }, 13n), null);
  assert.notEqual(mismatch({ type: 'u64', value: '13' }, 13), null);
  assert.equal(mismatch({ type: 'f32', value: 'nan:canonical' }, NaN), null);
  assert.equal(mismatch({ type: 'f64', value: 'nan:arithmetic' }, NaN), null);
  assert.notEqual(mismatch({ type: 'f32', value: '0' }, -0), null);
  assert.equal(mismatch({ type: 'flags', value: ['f1', 'f5'] }, { f1: true, f2: false, f5: true }), null);
  assert.match(mismatch({ type: 'flags', value: ['f1'] }, { f1: true, f2: true }), /f2: expected false/);
  assert.notEqual(mismatch({ type: 'flags', value: ['f1'] }, { f1: 1 }), null);
  const list = { type: 'list', value: [u32(1), u32(2)] };
  assert.equal(mismatch(list, Uint32Array.of(1, 2)), null);
  assert.match(mismatch(list, [1, 2]), /expected a Uint32Array/);
  assert.match(mismatch(list, Uint32Array.of(1, 3)), /result\[1\]/);
  assert.equal(mismatch({ type: 'list', value: [] }, new Uint8Array()), null);
  assert.equal(mismatch({ type: 'record', value: [['a-b', u32(1)]] }, { aB: 1 }), null);
  assert.equal(mismatch({ type: 'option', value: null }, undefined), null);
  assert.notEqual(mismatch({ type: 'option', value: null }, null), null);
  assert.equal(mismatch({ type: 'variant', value: { case: 'x', payload: null } }, { tag: 'x' }), null);
  assert.notEqual(mismatch({ type: 'variant', value: { case: 'x', payload: null } }, { tag: 'y' }), null);
  assert.equal(mismatch({ type: 'result', value: { Ok: u32(1) } }, { tag: 'ok', val: 1 }), null);
});

test('whole-function results and exceptions', () => {
  class ComponentError extends Error {
    constructor(payload) { super('err'); this.payload = payload; }
  }
  const okExpected = [{ type: 'result', value: { Ok: u32(1) } }];
  const errExpected = [{ type: 'result', value: { Err: str('bad') } }];
  assert.equal(expectedMatches(okExpected, { value: 1 }, ComponentError), null);
  assert.equal(expectedMatches(errExpected, { error: new ComponentError('bad') }, ComponentError), null);
  assert.notEqual(expectedMatches(errExpected, { value: 'bad' }, ComponentError), null);
  assert.match(expectedMatches(errExpected, { error: new TypeError('x') }, ComponentError), /threw TypeError/);
  assert.equal(expectedMatches([], { value: undefined }), null);
  assert.notEqual(expectedMatches([], { value: 0 }), null);
  assert.match(expectedMatches([u32(1)], { error: new WebAssembly.RuntimeError('unreachable') }), /threw RuntimeError/);
});
