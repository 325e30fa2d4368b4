// Component-model features seen in the wild (tests/components/wat/features.wat): two
// versions of one package side by side, a types-only import, a type export, an interface
// re-export, a core start function and names that are JS reserved words.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, transpileTo } from './transpile.mjs';

describe('features', () => {
  const v1 = { version: () => 1 };
  const v2 = { version: () => 2, delete$: (n) => n + 1 };
  const imports = { 'test:ver/api@1.0.0': v1, 'test:ver/api@2.0.0': v2 };

  test('two versions of one package keep their versions as specifiers', async () => {
    const { versions } = await (await load('features')).instantiate(imports);
    assert.equal(versions(), 12);
  });

  test('a missing version is reported by its versioned specifier', async () => {
    const component = await load('features');
    await assert.rejects(component.instantiate({ 'test:ver/api@1.0.0': v1 }), /missing import: import "test:ver\/api@2\.0\.0" `version`/);
  });

  test('the core start function ran at instantiation', async () => {
    const { started } = await (await load('features')).instantiate(imports);
    assert.equal(started(), 42);
  });

  test('reserved words are suffixed with $', async () => {
    const exports = await (await load('features')).instantiate(imports);
    assert.equal(exports.delete$('green'), 'green');
    assert.throws(() => exports.delete$('blue'), { name: 'TypeError', message: /delete\$: parameter "class": expected enum \{ red, green \}/ });
  });

  test('a re-exported import is the host function itself', async () => {
    const exports = await (await load('features')).instantiate(imports);
    assert.equal(exports.api.version, v2.version);
    assert.equal(exports.api.delete$, v2.delete$);
    assert.equal(exports['test:ver/api@2.0.0'], exports.api);
    assert.deepEqual(Object.keys(exports).sort(), ['api', 'delete$', 'started', 'test:ver/api@2.0.0', 'versions']);
  });

  test('the default mode imports each version from its own module', async () => {
    const { dir } = await load('features');
    transpileTo('features', join(dir, 'auto'));
    const js = readFileSync(join(dir, 'auto', 'features.js'), 'utf8');
    assert.match(js, /from "test:ver\/api@1\.0\.0"/);
    assert.match(js, /from "test:ver\/api@2\.0\.0"/);
    assert.doesNotMatch(js, /test:ver\/types/, 'a types-only import needs no module');
  });
});
