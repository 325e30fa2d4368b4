// Transpiled components in a real browser: Debian's Chromium, driven by playwright-core.
// The output of `ferry transpile` is served unbundled from a loopback HTTP server and
// imported by page.mjs, which runs the checks and reports them back.
//
//   CHROMIUM  the browser binary (default /usr/bin/chromium)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { launchChromium, serveFile } from './harness.mjs';
import { transpileTo } from '../host/transpile.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));

let root, server, origin, browser;
const requests = [];

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'ferry-browser-'));
  transpileTo('pipeline', join(root, 'pipeline'));
  transpileTo('values', join(root, 'values'), ['--instantiation', 'async']);
  transpileTo('strings-compact', join(root, 'strings'), ['--tla-compat', '--base64-cutoff', '10000000']);
  transpileTo('jspi', join(root, 'jspi'), ['--instantiation', 'async', '--async-mode', 'jspi',
    '--async-imports', 'sleep-then-echo,fetch-list,fallible,test:jspi/gates#[method]gate.pass']);

  server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    requests.push(path);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/page.mjs"></script>');
      return;
    }
    return path === '/page.mjs' ? serveFile(res, HERE, 'page.mjs') : serveFile(res, root, path);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;

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
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.ferryDone === true, null, { timeout: 30_000 })
    .catch(() => assert.fail(`page did not finish: ${errors.join('; ') || 'no error reported'}`));
  const results = await page.evaluate(() => window.ferryResults);
  assert.deepEqual(errors, []);
  assert.equal(results.length, 4);
  for (const [name, error] of results) assert.equal(error, null, name);

  // Default mode fetched its core modules itself; the inlined one fetched none.
  for (const core of ['pipeline.core.wasm', 'pipeline.core2.wasm', 'pipeline.core3.wasm', 'pipeline.core4.wasm']) {
    assert.ok(requests.includes(`/pipeline/${core}`), `${core} was not fetched`);
  }
  assert.ok(!requests.some((p) => p.startsWith('/strings/') && p.endsWith('.wasm')));
});
