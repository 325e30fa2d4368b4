// Transpiled components in a real browser: Debian's Chromium, driven by playwright-core.
// The output of `ferry transpile` is served unbundled from a loopback HTTP server and
// imported by page.mjs, which runs the checks and reports them back.
//
//   CHROMIUM  the browser binary (default /usr/bin/chromium; see chromium.mjs)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { transpileTo } from '../host/transpile.mjs';
import { launchChromium, serveFiles } from './chromium.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));

let root, server, browser;

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'ferry-browser-'));
  transpileTo('pipeline', join(root, 'pipeline'));
  transpileTo('values', join(root, 'values'), ['--instantiation', 'async']);
  transpileTo('strings-compact', join(root, 'strings'), ['--tla-compat', '--base64-cutoff', '10000000']);
  transpileTo('jspi', join(root, 'jspi'), ['--instantiation', 'async', '--async-mode', 'jspi',
    '--async-imports', 'sleep-then-echo,fetch-list,fallible,test:jspi/gates#[method]gate.pass']);

  const files = { '/page.mjs': join(HERE, 'page.mjs') };
  const inRoot = (path) => {
    const file = normalize(join(root, path));
    return file.startsWith(root + sep) ? file : undefined;
  };
  server = await serveFiles((path) => files[path] ?? inRoot(path), '<script type="module" src="/page.mjs"></script>');
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('transpiled components run unbundled in Chromium', { timeout: 60_000 }, async () => {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(`${server.origin}/`);
  await page.waitForFunction(() => window.ferryDone === true, null, { timeout: 30_000 })
    .catch(() => assert.fail(`page did not finish: ${errors.join('; ') || 'no error reported'}`));
  const results = await page.evaluate(() => window.ferryResults);
  assert.deepEqual(errors, []);
  assert.equal(results.length, 4);
  for (const [name, error] of results) assert.equal(error, null, name);

  // Default mode fetched its core modules itself; the inlined one fetched none.
  for (const core of ['pipeline.core.wasm', 'pipeline.core2.wasm', 'pipeline.core3.wasm', 'pipeline.core4.wasm']) {
    assert.ok(server.requests.includes(`/pipeline/${core}`), `${core} was not fetched`);
  }
  assert.ok(!server.requests.some((p) => p.startsWith('/strings/') && p.endsWith('.wasm')));
});
