// The examples' pages in headless Chromium: examples/browser (markdown rendered by a Rust
// component that ferry transpiled; the test saves its screenshot as docs/browser-example.png,
// which README shows) and examples/playground (@ferry-wasm/ferry's `transpile` in the page on a
// component the user chooses, then a call of its export; needs npm/build.sh's npm/dist/).
//
//   FERRY_BIN                 the native ferry (default ~/.cache/ferry/target/debug/ferry)
//   FERRY_EXAMPLE_COMPONENTS  where examples/browser/build.sh put markdown.wasm
//                             (default ~/.cache/ferry/example-components)
//   CHROMIUM                  the browser binary (default /usr/bin/chromium; see chromium.mjs)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, serveFiles } from './chromium.mjs';

const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
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

test('examples/playground transpiles a chosen component in the page and calls its export', { timeout: 90_000 }, async () => {
  // The page's import map names these directories from the repository's root.
  const served = ['examples/playground/', 'npm/src/', 'npm/dist/', 'runtime-shims/src/'];
  const server = await serveFiles((path) => {
    const file = under(ROOT, path.slice(1));
    return served.some((dir) => path.startsWith(`/${dir}`)) ? file : undefined;
  });
  try {
    const { page, errors } = await openPage(`${server.origin}/examples/playground/index.html`);
    const add = join(ROOT, 'examples', 'add', 'add.wasm');
    await page.locator('#component').setInputFiles(add);
    await page.locator('#output').waitFor({ timeout: 60_000 })
      .catch(async () => assert.fail(`no output: ${await page.locator('#error').textContent()} ${errors.join('; ')}`));

    // The files listed are the native CLI's, name for name and size for size.
    const native = join(work, 'add-native');
    execFileSync(FERRY_BIN, ['transpile', add, '-o', native, '-q', '--instantiation', 'async']);
    const rows = await page.locator('#files tr').evaluateAll((trs) => trs.map((tr) =>
      [tr.cells[0].textContent, Number(tr.cells[1].textContent)]));
    assert.deepEqual(rows.toSorted(), readdirSync(native).sort().map((f) => [f, statSync(join(native, f)).size]));
    assert.deepEqual(await page.locator('#exports li').allTextContents(), ['add (function)']);
    assert.equal(await page.locator('#export').inputValue(), 'add');

    await page.locator('#args').fill('[2, 3]');
    await page.locator('#call button').click();
    await page.locator('#result', { hasText: /./ }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#result').textContent(), '5');

    // A value the export refuses, and a name it does not have, are reported, not thrown.
    await page.locator('#args').fill('[-1, 3]');
    await page.locator('#call button').click();
    await page.locator('#error', { hasText: /./ }).waitFor({ timeout: 10_000 });
    assert.match(await page.locator('#error').textContent(), /^add: add: parameter "a": expected u32, got -1/);
    await page.locator('#export').fill('sub');
    await page.locator('#call button').click();
    await page.locator('#error', { hasText: 'sub:' }).waitFor({ timeout: 10_000 });
    assert.equal(await page.locator('#error').textContent(), 'sub: no exported function `sub`');

    // A file that is not a component: the transpiler's message, nothing listed.
    await page.locator('#component').setInputFiles({ name: 'core.wasm', mimeType: 'application/wasm',
      buffer: Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]) });
    await page.locator('#error', { hasText: 'core.wasm:' }).waitFor({ timeout: 30_000 });
    assert.match(await page.locator('#error').textContent(), /^core\.wasm: .*offset/);
    assert.equal(await page.locator('#output').isHidden(), true);
    assert.deepEqual(errors, []);
  } finally {
    server.close();
  }
});
