import { test } from 'node:test';
import assert from 'node:assert/strict';
import { markdown } from './report.mjs';
import { alternate, summarize } from './measure.mjs';

test('a table has a ratio column per peer, errors and missing results in their cells', () => {
  const text = markdown({
    title: 'T',
    unit: 'ms',
    contenders: ['ferry', 'jco', 'qjs'],
    rows: [
      { label: 'a', results: { ferry: summarize([1, 2, 3]), jco: summarize([4]), qjs: { error: 'boom | bang' } } },
      { label: 'b', results: { ferry: summarize([10, 30]) } },
    ],
  });
  assert.equal(text, [
    '### T', '',
    '|  | ferry | jco | qjs | ferry/jco | ferry/qjs |',
    '| --- | --- | --- | --- | --- | --- |',
    '| a | 2.00 ms (1.00 ms–3.00 ms) | 4.00 ms | error: boom \\| bang | 0.50x | – |',
    '| b | 20.0 ms (10.0 ms–30.0 ms) | n/a | n/a | – | – |',
    '',
  ].join('\n'));
});

test('a summary table prints its cells as they are', () => {
  const text = markdown({ title: 'S', note: 'n', columns: ['target', 'holds'], cells: [['< 1 s', 'yes | no']] });
  assert.equal(text, ['### S', '', 'n', '', '| target | holds |', '| --- | --- |', '| < 1 s | yes \\| no |', ''].join('\n'));
});

test('contenders alternate; one that throws is dropped and reports its error', async () => {
  const order = [];
  let n = 0;
  const results = await alternate({
    a: () => (order.push('a'), 1),
    b: () => { order.push('b'); if (++n === 2) throw new Error('second call\nmore'); return 5; },
  }, { warmup: 1, runs: 2 });
  assert.deepEqual(order, ['a', 'b', 'a', 'b', 'a']);
  assert.deepEqual(results, { a: { median: 1, min: 1, max: 1, n: 2 }, b: { error: 'second call' } });
});
