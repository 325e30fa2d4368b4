// What counts as a finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compareCase, describeFinding } from './compare.mjs';

const c = { index: 3, wit: 'tuple<f64, string>', type: {}, value: ['nan', 'a'] };

test('both sides returning the value is no finding', () => {
  assert.equal(compareCase(c, { index: 3, value: ['nan', 'a'] }, { index: 3, value: ['nan', 'a'] }), null);
});

test('a side returning another value, or failing, is a finding that says which', () => {
  const f = compareCase(c, { index: 3, value: ['nan', 'b'] }, { index: 3, value: ['nan', 'a'] });
  assert.deepEqual(f.problems, ['ferry: returned another value']);
  assert.equal(f.agree, false);
  const both = compareCase(c, { index: 3, error: 'RuntimeError: x' }, { index: 3, error: 'RuntimeError: x' });
  assert.equal(both.agree, true);
  assert.equal(both.problems.length, 2);
  const text = describeFinding({ seed: 9, batch: 1, encoding: 'utf16' }, f);
  assert.match(text, /^seed 9 batch 1 \(utf16\) case 3: ferry: returned another value/);
  assert.match(text, /type: {5}tuple<f64, string>/);
});

test('the lent resource must reach the import as itself', () => {
  const lent = { ...c, borrow: 7 };
  const f = compareCase(lent, { index: 3, value: ['nan', 'a'], borrow: { res: 7, copy: true } }, { index: 3, value: ['nan', 'a'], borrow: 7 });
  assert.deepEqual(f.problems, ['ferry: the import saw the borrowed resource as {"res":7,"copy":true}']);
});

test('plain data must be written with the same bytes, unless it holds a NaN', () => {
  const plain = { ...c, value: ['0x0000000000000000', 'a'], layout: true };
  const side = (layout) => ({ index: 3, value: plain.value, layout });
  assert.equal(compareCase(plain, side('00ff'), side('00ff')), null);
  assert.deepEqual(compareCase(plain, side('00ff'), side('0000')).problems, ['the hosts wrote different bytes (layout)']);
  const withNan = { ...plain, value: ['nan', 'a'] };
  assert.equal(compareCase(withNan, { ...side('01'), value: withNan.value }, { ...side('02'), value: withNan.value }), null);
});

test('without strings, the hosts must call cabi_realloc alike', () => {
  const lists = { ...c, value: [[1, 2]], reallocs: true };
  const side = (reallocs) => ({ index: 3, value: lists.value, reallocs });
  assert.equal(compareCase(lists, side([0, 4, 8]), side([0, 4, 8])), null);
  assert.deepEqual(compareCase(lists, side([0, 4, 8]), side([])).problems, ['the hosts allocated differently (reallocs)']);
  assert.equal(compareCase({ ...lists, reallocs: undefined }, side([0, 1, 3]), side([0, 1, 9])), null);
});
