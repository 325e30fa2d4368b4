// Strings in the three canonical-ABI encodings: the same `test:strings` exports, by hand,
// in components whose core modules use utf8, utf16 and latin1+utf16.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './transpile.mjs';

const ENCODINGS = [
  ['strings-utf8', 'utf8'],
  ['strings-utf16', 'utf16'],
  ['strings-compact', 'latin1+utf16'],
];

const SAMPLES = ['', 'a', 'hello', 'héllo', 'ÿ', 'café ÿ ±', 'Ā', '\0', '🦀', 'é ❤ 🦀 𝄞', 'a🦀b𝄞c',
  '\u{10ffff}', '\u{ffff}', 'x'.repeat(5000) + '🦀', 'ÿ'.repeat(3000), 'Ω'.repeat(3001),
  // Either side of the hand copy's limit (32 units), and non-ASCII after an ASCII run.
  'x'.repeat(31) + 'é', 'x'.repeat(33) + 'é', 'x'.repeat(40) + '🦀' + 'y'.repeat(40) + 'é',
  // A leading U+FEFF is a character like any other, not a byte order mark to drop.
  '\ufeff', '\ufeffº£', '\ufeff'.repeat(2) + 'x'.repeat(40)];

const utf16Units = (s) => Uint16Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
const utf8Units = (s) => Uint16Array.from(new TextEncoder().encode(s));

for (const [name, encoding] of ENCODINGS) {
  describe(name, () => {
    let s;
    before(async () => {
      s = await (await load(name)).instantiate({});
    });

    test('encoding', () => {
      assert.equal(s.encoding(), encoding);
    });

    test('echo', () => {
      for (const x of SAMPLES) assert.equal(s.echo(x), x);
    });

    test('length in code units', () => {
      for (const x of SAMPLES) {
        const expected = encoding === 'utf8' ? new TextEncoder().encode(x).length : x.length;
        assert.equal(s.length(x), expected, JSON.stringify(x.slice(0, 20)));
      }
    });

    test('code units the component received', () => {
      for (const x of SAMPLES) {
        const expected = encoding === 'utf8' ? utf8Units(x) : utf16Units(x);
        assert.deepStrictEqual(s.codeUnits(x), expected, JSON.stringify(x.slice(0, 20)));
      }
    });

    test('strings the component makes', () => {
      assert.equal(s.nonBmp(), 'é ❤ 🦀 𝄞');
      assert.equal(s.nonBmp().length, 9);
      assert.equal(s.latin1Text(), 'café ÿ ±');
    });

    test('list<string>', () => {
      assert.equal(s.concat([]), '');
      assert.equal(s.concat(['a', '', 'é', '🦀', 'ÿ', '𝄞']), 'aé🦀ÿ𝄞');
      assert.equal(s.concat(SAMPLES), SAMPLES.join(''));
    });

    test('not a string', () => {
      assert.throws(() => s.echo(42), TypeError);
      assert.throws(() => s.concat(['a', 1]), TypeError);
    });
  });
}
