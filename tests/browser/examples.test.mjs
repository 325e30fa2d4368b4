// The examples' pages in headless Chromium: examples/browser (markdown rendered by a Rust
// component that ferry transpiled; the test saves its screenshot as docs/browser-example.png,
// which README shows).
//
//   FERRY_BIN                 the native ferry (default ~/.cache/ferry/target/debug/ferry)
//   FERRY_EXAMPLE_COMPONENTS  where examples/browser/build.sh put markdown.wasm
//                             (default ~/.cache/ferry/example-components)
//   CHROMIUM                  the browser binary (default /usr/bin/chromium; see chromium.mjs)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveFiles } from './chromium.mjs';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CACHE = join(homedir(), '.cache', 'ferry');
const FERRY_BIN = process.env.FERRY_BIN || join(CACHE, 'target', 'debug', 'ferry');
const EXAMPLES = process.env.FERRY_EXAMPLE_COMPONENTS || join(CACHE, 'example-components');
const SCREENSHOT = join(ROOT, 'docs', 'browser-example.png');

let work, browser;

before(async () => {
  work = mkdtempSync(join(tmpdir(), 'ferry-examples-'));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** `path` under `dir`, or undefined when it leads outside. */
function under(dir, path) {
  const file = normalize(join(dir, path));
  return file.startsWith(dir + sep) ? file : undefined;
}

/** A new page that fails the test on any page error or console error. */
async function openPage(url) {
  const page = await browser.newPage({ viewport: { width: 1100, height: 620 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`console: ${m.text()}`); });
  await page.goto(url);
  return { page, errors };
}

test('examples/browser renders markdown with the transpiled Rust component', { timeout: 60_000 }, async () => {
  const wasm = join(EXAMPLES, 'markdown.wasm');
  assert.ok(existsSync(wasm), `${wasm} is missing: run examples/browser/build.sh ${EXAMPLES}`);
  const out = join(work, 'browser-out');
  execFileSync(FERRY_BIN, ['transpile', wasm, '-o', out, '-q'], { stdio: ['ignore', 'inherit', 'inherit'] });

  const example = join(ROOT, 'examples', 'browser');
  const pageFiles = { '/index.html': join(example, 'index.html'), '/main.js': join(example, 'main.js') };
  const server = await serveFiles((path) => pageFiles[path]
    ?? (path.startsWith('/out/') ? under(out, path.slice('/out/'.length)) : undefined));
  try {
    const { page, errors } = await openPage(`${server.origin}/index.html`);
    const preview = page.locator('#preview');
    await preview.locator('h1').waitFor({ timeout: 30_000 })
      .catch(() => assert.fail(`nothing rendered: ${errors.join('; ') || 'no error reported'}`));

    // The sample text, as pulldown-cmark renders it: heading, emphasis, code, a table, task list.
    assert.equal(await preview.locator('h1').textContent(), 'Hello from Rust');
    assert.equal(await preview.locator('p strong').first().textContent(), 'markdown');
    assert.equal(await preview.locator('p em').first().textContent(), 'pulldown-cmark');
    assert.equal(await preview.locator('p code').first().textContent(), 'ferry transpile');
    assert.deepEqual(await preview.locator('table th').allTextContents(), ['crate', 'runs in']);
    assert.deepEqual(await preview.locator('table td').allTextContents(),
      ['pulldown-cmark', 'your browser', 'ferry', 'the build']);
    assert.deepEqual(await preview.locator('li input[type=checkbox]').evaluateAll((boxes) => boxes.map((b) => b.checked)),
      [true, true, false]);
    assert.equal(await preview.locator('li del').textContent(), 'write a parser in JS');
    assert.match(await page.locator('#status').textContent(), /^\d+ characters of markdown, \d+ of HTML$/);
    await page.screenshot({ path: SCREENSHOT });

    // Typing renders again: the component is called on every edit.
    await page.locator('#source').fill('## Edited\n\n1. one\n2. *two*\n\n```\nx < y\n```\n');
    assert.equal(await preview.locator('h2').textContent(), 'Edited');
    assert.deepEqual(await preview.locator('ol li').allTextContents(), ['one', 'two']);
    assert.equal(await preview.locator('pre code').textContent(), 'x < y\n');
    assert.equal(await preview.locator('h1').count(), 0);
    assert.deepEqual(errors, []);
    // The core module came from out/, beside the generated module.
    assert.ok(server.requests.includes('/out/markdown.core.wasm'));
  } finally {
    server.close();
  }
});
