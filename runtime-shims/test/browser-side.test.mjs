// The browser side (src/browser/, the `browser` condition of package.json) checked from Node:
// what it imports, and that it offers what the Node side offers. Its behaviour is tested in
// Chromium: tests/browser/wasi.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { outputSink } from '../src/browser/io/stdio.js';
import * as browserSockets from '../src/browser/sockets.js';
import * as nodeSockets from '../src/sockets.js';

const PACKAGE = join(dirname(fileURLToPath(import.meta.url)), '..');
const { exports } = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8'));

/** The specifiers a module imports or re-exports, statically or with `import(...)`. */
function specifiers(source) {
  const found = [];
  const patterns = [/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm, /^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) found.push(match[1]);
  return found;
}

test('every browser entry point imports only the package\'s own modules, never node:', () => {
  const entries = Object.values(exports).filter((target) => typeof target === 'object').map((target) => target.browser);
  assert.equal(entries.length, Object.keys(exports).length - 1, 'each subpath but ./serve has a browser condition');
  const seen = new Set();
  const todo = entries.map((entry) => join(PACKAGE, entry));
  while (todo.length > 0) {
    const file = todo.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
      assert.ok(specifier.startsWith('./') || specifier.startsWith('../'), `${file} imports ${specifier}`);
      todo.push(join(dirname(file), specifier));
    }
  }
  // The walk did reach the shared modules.
  assert.ok(seen.has(join(PACKAGE, 'src/io/streams.js')) && seen.has(join(PACKAGE, 'src/http/fields.js')));
});

test('the browser sockets have every method of the Node sockets', () => {
  const methods = (Class) => Object.getOwnPropertyNames(Class.prototype).filter((name) => name !== 'constructor').sort();
  for (const iface of ['network', 'tcp', 'udp', 'ipNameLookup']) {
    for (const [name, value] of Object.entries(nodeSockets[iface])) {
      const browser = browserSockets[iface][name];
      if (/^[A-Z]/.test(name)) assert.deepEqual(methods(browser), methods(value), `${iface}.${name}`);
      else assert.equal(typeof browser, 'function', `${iface}.${name}`);
    }
  }
});

test('the console sink logs whole lines, a leading U+FEFF kept', async () => {
  const logged = [];
  const log = console.log;
  console.log = (line) => logged.push(line);
  try {
    const sink = outputSink(undefined, 'stdout');
    const bytes = new TextEncoder().encode('\uFEFFone\ntw');
    sink.write(bytes.subarray(0, 2)); // a character split between two writes
    sink.write(bytes.subarray(2));
    sink.write(new TextEncoder().encode('o\n'));
  } finally {
    console.log = log;
  }
  assert.deepEqual(logged, ['\uFEFFone', 'two']);
});
