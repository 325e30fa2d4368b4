// @ferry-wasm/ferry's JS API in a browser: the package's files (npm/src, npm/dist, as the
// tarball holds them) served unbundled from a loopback HTTP server to Debian's Chromium
// (playwright-core), where `transpile` and `types` must give the native CLI's files byte
// for byte, fetching the Wasm core relative to the module.
//
//   FERRY_BIN              the native ferry (default ~/.cache/ferry/target/debug/ferry)
//   FERRY_TEST_COMPONENTS  tests/components/build.sh's output (default ~/.cache/ferry/test-components)
//   CHROMIUM               the browser binary (default /usr/bin/chromium; see ../browser/chromium.mjs)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveFiles } from '../browser/chromium.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PACKAGE = join(ROOT, 'npm');
const CACHE = join(homedir(), '.cache', 'ferry');
const FERRY_BIN = process.env.FERRY_BIN || join(CACHE, 'target', 'debug', 'ferry');
const COMPONENTS = process.env.FERRY_TEST_COMPONENTS || join(CACHE, 'test-components');

const work = mkdtempSync(join(tmpdir(), 'ferry-npm-browser-'));
let server, browser;

before(async () => {
  // Only what the tarball ships (package.json's `files`), and the test's inputs.
  const shipped = JSON.parse(readFileSync(join(PACKAGE, 'package.json'), 'utf8')).files;
  server = await serveFiles((path) => {
    if (path === '/values.wasm') return join(COMPONENTS, 'values.wasm');
    if (path === '/values.wit') return join(ROOT, 'tests/components/values/wit/values.wit');
    const file = normalize(join(PACKAGE, path));
    const inside = file.slice(PACKAGE.length + 1);
    return file.startsWith(PACKAGE + sep) && shipped.some((f) => inside === f || inside.startsWith(`${f}/`)) ? file : undefined;
  });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  rmSync(work, { recursive: true, force: true });
});

/** The native CLI's output of `ferry <args> -o <dir> -q`: `{ name: base64 }`. */
function nativeFiles(name, args) {
  const dir = join(work, name);
  execFileSync(FERRY_BIN, [...args, '-o', dir, '-q']);
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f)).toString('base64')]));
}

test('transpile and types in Chromium give the native CLI\'s files', { timeout: 90_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  await page.goto(`${server.origin}/`);
  const results = await page.evaluate(async () => {
    const base64 = (bytes) => btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(''));
    const encode = (files) => Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : 1)).map(([n, b]) => [n, base64(b)]));
    const { transpile, types } = await import('/src/index.js');
    const wasm = new Uint8Array(await (await fetch('/values.wasm')).arrayBuffer());
    const transpiled = await transpile(wasm, { name: 'values', instantiation: 'async', map: { 'test:values/host': './host.js' } });
    const again = await transpile(wasm.buffer, { name: 'values', instantiation: 'async', map: { 'test:values/host': './host.js' } });
    const declared = await types(await (await fetch('/values.wit')).text(), { tlaCompat: true });
    let error;
    try {
      await transpile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    } catch (e) {
      error = `${e instanceof Error}: ${e.message}`;
    }
    return {
      transpiled: encode(transpiled.files),
      same: JSON.stringify(encode(again.files)) === JSON.stringify(encode(transpiled.files)),
      exports: transpiled.exports,
      declared: encode(declared.files),
      error,
    };
  });
  assert.deepEqual(errors, []);
  assert.deepEqual(results.transpiled, nativeFiles('values', ['transpile', join(COMPONENTS, 'values.wasm'),
    '--instantiation', 'async', '--map', 'test:values/host=./host.js']));
  assert.ok(results.same, 'a second call gives the same files');
  assert.deepEqual(results.exports.find(([name]) => name === 'iface'), ['iface', 'instance']);
  assert.deepEqual(results.declared, nativeFiles('types', ['types', join(ROOT, 'tests/components/values/wit/values.wit'), '--tla-compat']));
  // A core module is refused with the native CLI's message (after its `error: <file>: `).
  const core = join(work, 'core.wasm');
  writeFileSync(core, Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]));
  const refused = spawnSync(FERRY_BIN, ['transpile', core, '-o', join(work, 'core')], { encoding: 'utf8' });
  assert.equal(refused.status, 1);
  assert.equal(`error: ${core}: ${results.error.replace(/^true: /, '')}\n`, refused.stderr);
  assert.match(results.error, /^true: /, 'an Error');
  // The Wasm core was fetched once, from beside the module.
  assert.deepEqual(server.requests.filter((p) => p.endsWith('.wasm') && p !== '/values.wasm'), ['/dist/ferry_core_bg.wasm']);
});
