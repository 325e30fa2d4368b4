// A composed component: pipeline-run (utf8, wit-bindgen) with pipeline-upper (utf16, by
// hand) plugged into its `test:pipeline/text` import by `wac plug`. Calls between the two
// transcode utf8 <-> utf16 inside the composition. The parts are also tested alone.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './transpile.mjs';

describe('pipeline (composed)', () => {
  test('run: shout through the inner component', async () => {
    const p = await (await load('pipeline')).instantiate({});
    assert.equal(p.run('hello'), '[HELLO]');
    assert.equal(p.run(''), '[]');
    assert.equal(p.run('héllo 🦀 straße 𝄞'), '[HÉLLO 🦀 STRASSE 𝄞]');
    assert.equal(p.run('ÿ'.repeat(1000)), `[${'Ÿ'.repeat(1000)}]`);
  });

  test('run-summary: list<string> in, record out', async () => {
    const p = await (await load('pipeline')).instantiate({});
    assert.equal(p.runSummary('a bb 🦀🦀🦀 ccc'), "4 words, longest '🦀🦀🦀', lengths 1,2,3,3");
    assert.equal(p.runSummary('é'), "1 words, longest 'é', lengths 1");
    assert.equal(p.runSummary(''), "0 words, longest '', lengths ");
  });
});

describe('pipeline-upper alone (utf16 exports)', () => {
  test('text interface', async () => {
    const { text } = await (await load('pipeline-upper')).instantiate({});
    assert.equal(text.shout('abc é 🦀'), 'ABC É 🦀');
    assert.deepStrictEqual(text.summarize(['ab', '🦀🦀🦀', 'xyz', '']), { count: 4, longest: '🦀🦀🦀', lengths: new Uint32Array([2, 3, 3, 0]) });
    assert.deepStrictEqual(text.summarize([]), { count: 0, longest: '', lengths: new Uint32Array([]) });
  });
});

describe('pipeline-run alone (JS implements the import)', () => {
  test('run and run-summary call the host', async () => {
    const calls = [];
    const p = await (await load('pipeline-run')).instantiate({
      'test:pipeline/text': {
        shout(s) {
          calls.push(['shout', s]);
          return s.toUpperCase() + '!';
        },
        summarize(words) {
          calls.push(['summarize', words]);
          // Lowering a list<u32> accepts a plain array.
          return { count: words.length, longest: words[0] ?? '', lengths: words.map((w) => [...w].length) };
        },
      },
    });
    assert.equal(p.run('hé🦀'), '[HÉ🦀!]');
    assert.equal(p.runSummary('🦀 ab'), "2 words, longest '🦀', lengths 1,2");
    assert.deepStrictEqual(calls, [['shout', 'hé🦀'], ['summarize', ['🦀', 'ab']]]);
  });
});
