// A resource defined at the root of the world (`world-res`, test:world-res): the host gives
// the class `blob` as the default export of module `blob` (or `imports.blob`, the class or
// `{ default: class }`); the component's world-level functions create, lend and take blobs.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load, transpileTo } from './transpile.mjs';

/** The host's `blob` and `note`, recording what happens. */
function makeHost() {
  const log = [];
  class Blob {
    constructor(n) {
      this.bytes = new Array(n).fill(0);
      log.push(['new', n]);
    }
    size() {
      return this.bytes.length;
    }
    push(byte) {
      this.bytes.push(byte);
    }
    static concat(a, b) {
      log.push(['concat', a, b]);
      const blob = new Blob(0);
      blob.bytes = [...a.bytes, ...b.bytes];
      return blob;
    }
    [Symbol.dispose]() {
      log.push(['dispose', this.bytes.length]);
    }
  }
  const note = (b, what) => log.push(['note', what, b]);
  return { log, Blob, note };
}

describe('a world-level resource (--instantiation async)', () => {
  async function instantiate(imports) {
    const component = await load('world-res');
    return component.instantiate(imports);
  }

  test('the constructor makes a host object the component hands back', async () => {
    const { log, Blob, note } = makeHost();
    const { make, maybe } = await instantiate({ blob: Blob, note });
    const b = make(3);
    assert.ok(b instanceof Blob);
    assert.equal(b.size(), 3);
    assert.deepEqual(log, [['new', 3]]);
    assert.ok(maybe(2) instanceof Blob);
    assert.equal(maybe(0), undefined);
  });

  test('a borrow lends the host object: methods and a world-level import see it', async () => {
    const { log, Blob, note } = makeHost();
    const { measure, grow } = await instantiate({ blob: Blob, note });
    const b = new Blob(2);
    assert.equal(measure(b), 2);
    assert.equal(log[1][0], 'note');
    assert.equal(log[1][1], 'measure');
    assert.equal(log[1][2], b, 'the import gets the same object');
    assert.equal(grow(b, 3), 5);
    assert.deepEqual(b.bytes, [0, 0, 0, 1, 2]);
    assert.ok(!log.some(([what]) => what === 'dispose'), 'a lent blob is not disposed');
  });

  test('own moves the object into the component, which disposes it when it drops it', async () => {
    const { log, Blob, note } = makeHost();
    const { consume, total } = await instantiate({ blob: Blob, note });
    assert.equal(consume(new Blob(4)), 4);
    assert.deepEqual(log.at(-1), ['dispose', 4]);
    log.length = 0;
    assert.equal(total([new Blob(1), new Blob(2)]), 3);
    assert.deepEqual(log.filter(([what]) => what === 'dispose'), [['dispose', 1], ['dispose', 2]]);
  });

  test('a static takes one blob and borrows another', async () => {
    const { log, Blob, note } = makeHost();
    const { join } = await instantiate({ blob: Blob, note });
    const a = new Blob(1);
    const b = new Blob(2);
    const joined = join(a, b);
    assert.ok(joined instanceof Blob);
    assert.equal(joined.size(), 3);
    assert.equal(b.size(), 2);
    const [, first, second] = log.find(([what]) => what === 'concat');
    assert.ok(first === a && second === b, 'the static gets the same objects');
    // `a` moved on to the static: the component disposes nothing.
    assert.ok(!log.some(([what]) => what === 'dispose'));
  });

  test('inside a world-level record the object keeps its identity', async () => {
    const { Blob, note } = makeHost();
    const { wrap, unwrap } = await instantiate({ blob: Blob, note });
    const b = new Blob(1);
    const labeled = wrap(b, 'one');
    assert.equal(labeled.label, 'one');
    assert.equal(labeled.blob, b);
    assert.equal(unwrap(labeled), b);
  });

  test('the class may be the default of a module object', async () => {
    const { Blob, note } = makeHost();
    const { make } = await instantiate({ blob: { default: Blob }, note: { default: note } });
    assert.ok(make(1) instanceof Blob);
  });

  test('a wrong object or a missing class or member is a TypeError', async () => {
    const { Blob, note } = makeHost();
    const { measure } = await instantiate({ blob: Blob, note });
    assert.throws(() => measure({ size: () => 1 }), { name: 'TypeError', message: /measure: parameter "b": expected Blob/ });
    await assert.rejects(instantiate({ note }), { name: 'TypeError', message: /missing import: import "blob" \(its default export\) must be a class/ });
    class NoSize {
      push() {}
      static concat() {}
    }
    await assert.rejects(instantiate({ blob: NoSize, note }), { name: 'TypeError', message: /the method `size` of class Blob must be a function/ });
  });
});

describe('a world-level resource (default mode)', () => {
  test('the module imports the class as the default export of its module', async () => {
    const { dir } = await load('world-res');
    const out = join(dir, 'auto');
    // Bare specifiers `blob` and `note` mapped to files beside the module.
    transpileTo('world-res', out, ['--map', 'blob=./blob.js', '--map', 'note=./note.js']);
    writeFileSync(
      join(out, 'blob.js'),
      `export const log = [];
export default class Blob {
  constructor(n) { this.n = n; }
  size() { return this.n; }
  push() { this.n++; }
  static concat(a, b) { return new Blob(a.n + b.n); }
  [Symbol.dispose]() { log.push(this.n); }
}
`,
    );
    writeFileSync(join(out, 'note.js'), 'export const notes = [];\nexport default function note(b, what) { notes.push(what); }\n');
    const component = await import(pathToFileURL(join(out, 'world-res.js')).href);
    const { default: Blob, log } = await import(pathToFileURL(join(out, 'blob.js')).href);
    const { notes } = await import(pathToFileURL(join(out, 'note.js')).href);
    const b = component.make(2);
    assert.ok(b instanceof Blob);
    assert.equal(component.measure(b), 2);
    assert.deepEqual(notes, ['measure']);
    assert.equal(component.grow(b, 2), 4);
    assert.equal(component.join(new Blob(1), b).size(), 5);
    assert.deepEqual(log, [], 'the static took the blob the component was given');
    assert.equal(component.consume(b), 4);
    assert.deepEqual(log, [4], 'the component dropped the blob it was given');
  });
});
