// The checker's own conversions: JSON values to JS and back, and that a JS value of the
// wrong shape never passes for the expected one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Res, camelCase, fromJs, toJs } from './values.mjs';

const record = {
  k: 'record',
  name: 'rec0',
  fields: [
    ['beta-kappa3', { k: 'u64' }],
    ['gamma1', { k: 'option', t: { k: 'option', t: { k: 'f32' } } }],
    ['tau2', { k: 'list', t: { k: 's16' } }],
  ],
};
const flags = { k: 'flags', name: 'flg0', names: ['alpha0', 'zeta-beta1'] };
const noResources = () => assert.fail('no resources here');

test('kebab-case names become lowerCamelCase', () => {
  assert.equal(camelCase('beta-kappa3'), 'betaKappa3');
  assert.equal(camelCase('gamma12'), 'gamma12');
});

test('a record goes to the JS form and back unchanged, in both lowering forms', () => {
  const v = { 'beta-kappa3': '18446744073709551615', gamma1: { tag: 'some', val: { tag: 'none' } }, tau2: [-32768, 7] };
  const js = toJs(record, v, noResources);
  assert.deepEqual(js, { betaKappa3: 18446744073709551615n, gamma1: { tag: 'some', val: undefined }, tau2: Int16Array.of(-32768, 7) });
  assert.deepEqual(fromJs(record, js, noResources), v);
  const alt = toJs(record, { ...v, gamma1: { tag: 'none' } }, noResources, true);
  assert.deepEqual(alt, { betaKappa3: 18446744073709551615n, tau2: [-32768, 7] });
});

test('floats are their bits, NaN is "nan", -0 is not 0', () => {
  const f64 = { k: 'f64' };
  assert.equal(fromJs(f64, -0, noResources), '0x8000000000000000');
  assert.equal(fromJs(f64, toJs(f64, '0x3ff0000000000000', noResources), noResources), '0x3ff0000000000000');
  assert.equal(fromJs({ k: 'f32' }, NaN, noResources), 'nan');
  assert.ok(Object.is(toJs({ k: 'f32' }, '0x80000000', noResources), -0));
});

test('flags are the names set', () => {
  assert.deepEqual(toJs(flags, ['zeta-beta1'], noResources), { alpha0: false, zetaBeta1: true });
  assert.deepEqual(fromJs(flags, { alpha0: true, zetaBeta1: false }, noResources), ['alpha0']);
});

test('a JS value of the wrong shape comes back as badJs', () => {
  for (const [ty, x] of [
    [{ k: 'u64' }, 5],
    [{ k: 'u8' }, 256],
    [{ k: 's32' }, -0],
    [{ k: 'f32' }, 0.1],
    [{ k: 'char' }, 'ab'],
    [{ k: 'list', t: { k: 'u8' } }, [1, 2]],
    [{ k: 'tuple', ts: [{ k: 'bool' }] }, [true, false]],
    [flags, { alpha0: true }],
    [{ k: 'result', ok: null, err: { k: 'string' } }, { tag: 'ok', val: 'x' }],
    [{ k: 'own' }, {}],
  ]) {
    assert.ok(JSON.stringify(fromJs(ty, x, () => ({ res: 1 }))).includes('badJs'), JSON.stringify(ty));
  }
});

test('own<res> is the host object of its id', () => {
  const object = new Res(4);
  assert.equal(toJs({ k: 'own' }, { res: 4 }, ({ res }) => res === 4 && object), object);
  assert.deepEqual(fromJs({ k: 'own' }, object, (x) => ({ res: x.id })), { res: 4 });
});
