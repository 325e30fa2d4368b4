// ferry's output in a page built by bundlers: bundlers/main.js imports a transpiled test
// component and a WASI program transpiled with `--async-mode jspi` (so `@ferry-wasm/shims`
// through its `browser` condition), as an application would. The page is built with Vite and
// with esbuild (versions pinned in tests/package.json), each build served from a loopback
// server and run in Chromium; the page reports what the component returned and what the
// program printed, which must be what `wasmtime run` prints. The builds must not warn, nor
// keep a `node:` import, and the core modules must be fetched from what the build wrote.
//
// What a user does, as README's "In a browser" says: Vite finds the core modules through
// `new URL('<file>', import.meta.url)` and emits them (small ones inlined as data URLs);
// esbuild leaves those URLs as they are, so the core modules are copied next to the bundle.
//
//   FERRY_BIN             the ferry binary (default ~/.cache/ferry/target/debug/ferry)
//   FERRY_TEST_COMPONENTS tests/components/build.sh's output
//   FERRY_WASI_PROGRAMS   tests/wasi/build.sh's output (default ~/.cache/ferry/test-out/wasi)
//   WASMTIME              the reference (default ~/.cache/ferry/venv/bin/wasmtime)
//   CHROMIUM              the browser binary (default /usr/bin/chromium)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:http';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild, createLogger } from 'vite';
import { FERRY_BIN, transpileTo } from '../host/transpile.mjs';
import { launchChromium, serveFile } from './chromium.mjs';

const CACHE = join(homedir(), '.cache', 'ferry');
const PROGRAMS = process.env.FERRY_WASI_PROGRAMS || join(CACHE, 'test-out', 'wasi');
const WASMTIME = process.env.WASMTIME || join(CACHE, 'venv', 'bin', 'wasmtime');
const HERE = dirname(fileURLToPath(import.meta.url));
const SHIMS = join(HERE, '..', '..', 'runtime-shims');

/** What the page must report: the component's answer, and the program as wasmtime runs it. */
let expected;
let project, browser;

before(async () => {
  project = mkdtempSync(join(tmpdir(), 'ferry-bundlers-'));
  for (const file of ['index.html', 'main.js']) copyFileSync(join(HERE, 'bundlers', file), join(project, file));
  transpileTo('pipeline', join(project, 'out', 'pipeline'));
  execFileSync(FERRY_BIN, ['transpile', join(PROGRAMS, 'clocks-random.wasm'), '-o', join(project, 'out', 'clocks-random'),
    '-q', '--async-mode', 'jspi'], { stdio: ['ignore', 'inherit', 'inherit'] });
  // The shims as an installed package would be.
  mkdirSync(join(project, 'node_modules', '@ferry-wasm'), { recursive: true });
  symlinkSync(SHIMS, join(project, 'node_modules', '@ferry-wasm', 'shims'));

  const wasmtime = spawnSync(WASMTIME, ['run', join(PROGRAMS, 'clocks-random.wasm')], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(wasmtime.error, undefined, `wasmtime: ${wasmtime.error}`);
  assert.match(wasmtime.stdout, /^sleep 50ms: elapsed >= 50ms: true$/m);
  expected = {
    pipeline: '[HÉLLO 🦀 STRASSE 𝄞]',
    program: { code: wasmtime.status, stdout: wasmtime.stdout, stderr: wasmtime.stderr },
  };
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (project) rmSync(project, { recursive: true, force: true });
});

/** Every file under `dir`, relative to it. */
const filesUnder = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1)).sort();

/** The core modules ferry wrote for the page (`out/*\/*.core*.wasm`). */
const coreModules = () => filesUnder(join(project, 'out')).filter((f) => f.endsWith('.wasm'));

/** No built JavaScript file names a `node:` module. */
function assertNoNodeImports(dist) {
  const scripts = filesUnder(dist).filter((f) => f.endsWith('.js'));
  assert.ok(scripts.length > 0, `no script in ${dist}`);
  for (const file of scripts) assert.doesNotMatch(readFileSync(join(dist, file), 'utf8'), /["'`]node:/, file);
}

/**
 * Serves `dist` on loopback, opens its index.html in Chromium and waits for the page's
 * results; resolves to them, the paths the page requested and what it logged as errors.
 */
async function runPage(dist) {
  const requests = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    requests.push(path);
    return serveFile(res, dist, path === '/' ? 'index.html' : path);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`console: ${m.text()}`); });
  try {
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.ferryDone === true, null, { timeout: 30_000 })
      .catch(() => assert.fail(`the page did not finish: ${errors.join('; ') || 'no error reported'}`));
    return { results: await page.evaluate(() => window.ferryResults), requests, errors };
  } finally {
    await page.close();
    server.close();
  }
}

test('Vite 7 builds the page; it runs in Chromium: the core modules emitted as assets, the shims\' browser side', { timeout: 120_000 }, async () => {
  const dist = join(project, 'dist-vite');
  const warnings = [];
  const logger = createLogger('warn');
  logger.warn = (message) => warnings.push(message);
  logger.warnOnce = logger.warn;
  await viteBuild({ root: project, configFile: false, logLevel: 'warn', customLogger: logger, build: { outDir: dist, emptyOutDir: true } });
  assert.deepEqual(warnings, []);
  assertNoNodeImports(dist);
  const emitted = filesUnder(dist).filter((f) => f.endsWith('.wasm'));
  // Each core module is an asset (`<name>-<hash>.wasm`) or, below Vite's inline limit, a data URL.
  const assetNames = new Set(emitted.map((f) => f.replace(/^assets\//, '').replace(/-[\w-]{8}\.wasm$/, '.wasm')));
  const bundle = filesUnder(dist).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dist, f), 'utf8')).join('\n');
  const inlined = bundle.match(/data:application\/wasm;base64,/g)?.length ?? 0;
  const cores = coreModules().map((f) => f.split('/').pop());
  assert.ok(emitted.length > 0, 'no core module was emitted as an asset');
  assert.deepEqual([...assetNames].filter((n) => !cores.includes(n)), []);
  assert.equal(emitted.length + inlined, cores.length);

  const { results, requests, errors } = await runPage(dist);
  assert.deepEqual(errors, []);
  assert.deepEqual(results, expected);
  for (const file of emitted) assert.ok(requests.includes(`/${file}`), `${file} was not fetched`);
});

test('esbuild bundles the page (platform browser); with the core modules copied beside it, it runs in Chromium', { timeout: 120_000 }, async () => {
  const dist = join(project, 'dist-esbuild');
  rmSync(dist, { recursive: true, force: true });
  const { errors: buildErrors, warnings } = await esbuild({
    entryPoints: [join(project, 'main.js')], bundle: true, format: 'esm', platform: 'browser', outdir: dist, logLevel: 'silent',
  });
  assert.deepEqual([...buildErrors, ...warnings], []);
  assertNoNodeImports(dist);
  copyFileSync(join(project, 'index.html'), join(dist, 'index.html'));
  // esbuild leaves `new URL('<file>', import.meta.url)` alone: the files go where the bundle is.
  const cores = coreModules();
  for (const file of cores) copyFileSync(join(project, 'out', file), join(dist, file.split('/').pop()));

  const { results, requests, errors } = await runPage(dist);
  assert.deepEqual(errors, []);
  assert.deepEqual(results, expected);
  for (const file of cores) assert.ok(requests.includes(`/${file.split('/').pop()}`), `${file} was not fetched`);
});
