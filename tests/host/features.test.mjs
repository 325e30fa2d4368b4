// Component-model features seen in the wild (tests/components/wat/features.wat): two
// versions of one package side by side, a types-only import, a type export, an interface
// re-export, a core start function, names that are JS reserved words, and core modules
// imported from the host and exported to it.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { load, transpileTo } from './transpile.mjs';

describe('features', () => {
  const v1 = { version: () => 1 };
  const v2 = { version: () => 2, delete$: (n) => n + 1 };
  // (module (func (export "answer") (result i32) i32.const 7))
  const pluginBytes = new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
    0x03, 0x02, 0x01, 0x00, 0x07, 0x0a, 0x01, 0x06, 0x61, 0x6e, 0x73, 0x77, 0x65, 0x72, 0x00, 0x00,
    0x0a, 0x06, 0x01, 0x04, 0x00, 0x41, 0x07, 0x0b,
  ]);
  const plugin = new WebAssembly.Module(pluginBytes);
  const imports = { 'test:ver/api@1.0.0': v1, 'test:ver/api@2.0.0': v2, plugin };

  test('two versions of one package keep their versions as specifiers', async () => {
    const { versions } = await (await load('features')).instantiate(imports);
    assert.equal(versions(), 12);
  });

  test('a missing version is reported by its versioned specifier', async () => {
    const component = await load('features');
    await assert.rejects(component.instantiate({ 'test:ver/api@1.0.0': v1, plugin }), /missing import: import "test:ver\/api@2\.0\.0" `version`/);
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
    assert.deepEqual(Object.keys(exports).sort(), ['answer', 'api', 'delete$', 'inner', 'started', 'test:ver/api@2.0.0', 'versions']);
  });

  test('a core module from the host is instantiated inside; one is exported', async () => {
    const exports = await (await load('features')).instantiate(imports);
    assert.equal(exports.answer(), 7);
    assert.ok(exports.inner instanceof WebAssembly.Module);
    assert.deepEqual(WebAssembly.Module.exports(exports.inner).map((e) => e.name), ['started', 'versions', 'pick', 'answer']);
    const component = await load('features');
    await assert.rejects(component.instantiate({ ...imports, plugin: {} }), /missing import: import "plugin" \(its default export\) must be a WebAssembly.Module/);
  });

  test('the default mode imports each version from its own module', async () => {
    const { dir } = await load('features');
    transpileTo('features', join(dir, 'auto'));
    const js = readFileSync(join(dir, 'auto', 'features.js'), 'utf8');
    assert.match(js, /from "test:ver\/api@1\.0\.0"/);
    assert.match(js, /from "test:ver\/api@2\.0\.0"/);
    assert.doesNotMatch(js, /test:ver\/types/, 'a types-only import needs no module');
  });

  test('a mapped export name that is no identifier is imported by its string name', async () => {
    // `test:ver/*=./api.js#*` makes the two versions the exports "api@1.0.0" and "api@2.0.0".
    const { dir } = await load('features');
    const out = join(dir, 'auto');
    transpileTo('features', out, ['--map', 'test:ver/*=./api.js#*', '--map', 'plugin=./plugin.js']);
    assert.match(readFileSync(join(out, 'features.js'), 'utf8'), /import \{ "api@2\.0\.0" as import\d+ \} from "\.\/api\.js";/);
    writeFileSync(
      join(out, 'api.js'),
      `const v1 = { version: () => 1 };
const v2 = { version: () => 2, delete$: (n) => n + 1 };
export { v1 as "api@1.0.0", v2 as "api@2.0.0" };
`,
    );
    writeFileSync(join(out, 'plugin.js'), `export default new WebAssembly.Module(new Uint8Array(${JSON.stringify([...pluginBytes])}));\n`);
    const component = await import(pathToFileURL(join(out, 'features.js')).href);
    assert.equal(component.versions(), 12);
  });
});

