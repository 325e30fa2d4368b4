// `ferry componentize` on hostile input, made at test time (some is too big to commit): each
// gives a working component or one clear error naming the file (and line:col where there is
// one), exit code 1, never a hang or a crash. Every run of ferry and wasmtime is bounded in
// time. The error cases that are small programs live in cases/ (init-syntax, init-throw,
// init-loop, init-missing-module, ...).
//
// Env: FERRY_BIN, WASMTIME, WASM_TOOLS; FERRY_COMPONENTIZE_OUT (where the inputs go).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { tools } from './harness.mjs';
import { appSource } from '../../bench/componentize/gen-app.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = join(process.env.FERRY_COMPONENTIZE_OUT ?? join(here, '.out'), 'hostile');
// Far above what any of these takes; a hang fails the test instead of stalling the run.
const TIMEOUT_MS = 240_000;
const WORLD = 'package test:hostile;\nworld w { export hello: func() -> u32; }\n';

/** Writes `files` (name -> text or bytes) into a fresh directory for test `name`. */
function project(name, files) {
  const dir = join(out, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'world.wit'), WORLD);
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  return dir;
}

/** `ferry componentize app.js` in `dir`, bounded in time. */
function componentize(dir, flags = [], wit = 'world.wit') {
  const args = ['componentize', 'app.js', '--wit', wit, '-o', 'app.wasm', '--quiet', ...flags];
  const run = spawnSync(tools.ferry, args, { cwd: dir, encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 << 20 });
  assert.notEqual(run.status, null, `ferry did not exit by itself (${run.signal}):\n${run.stderr}`);
  return run;
}

/** Asserts that componentizing fails with exit code 1 and exactly the error `expected`. */
function assertFails(dir, expected, flags) {
  const run = componentize(dir, flags);
  assert.equal(run.status, 1, `exit code; stderr:\n${run.stderr}`);
  assert.equal(run.stderr, `error: ${expected}\n`);
}

/** Asserts that componentizing works and the component's `invoke` prints `result`. */
function assertWorks(dir, invoke, result, wit = 'world.wit') {
  const run = componentize(dir, [], wit);
  assert.equal(run.status, 0, `ferry componentize failed:\n${run.stderr}`);
  const component = join(dir, 'app.wasm');
  const validate = spawnSync(tools.wasmTools, ['validate', component], { encoding: 'utf8', timeout: TIMEOUT_MS });
  assert.equal(validate.status, 0, validate.stderr);
  const call = spawnSync(tools.wasmtime, ['run', '--invoke', invoke, component], { encoding: 'utf8', timeout: TIMEOUT_MS });
  assert.equal(call.status, 0, `wasmtime failed:\n${call.stderr}`);
  assert.equal(call.stdout, `${result}\n`);
  return component;
}

const HELLO = 'export function hello() { return 1; }\n';

test('brackets nested 100,000 deep: refused where they pass the limit', () => {
  const dir = project('nested', { 'app.js': `const x = ${'['.repeat(100_000)}${']'.repeat(100_000)};\n${HELLO}` });
  assertFails(dir, 'app.js:1:20011: the code nests more than 20000 levels deep here (brackets, braces, parentheses)');
});

const OUT_OF_STACK = 'app.js: the engine ran out of stack evaluating it: the code nests or recurses too deeply';

test('parentheses nested 10,000 deep: within the parser\'s limit, past the engine\'s stack', () => {
  const dir = project('parens', { 'app.js': `const x = ${'('.repeat(10_000)}1${')'.repeat(10_000)};\n${HELLO}` });
  assertFails(dir, OUT_OF_STACK);
});

test('a top level that recurses forever: out of stack', () => {
  const dir = project('recursion', { 'app.js': `function down(n) { return down(n + 1) + 1; }\ndown(0);\n${HELLO}` });
  assertFails(dir, OUT_OF_STACK);
});

test('brackets nested 3,000 deep: a working component', () => {
  const dir = project('nested-3000', { 'app.js': `const x = ${'['.repeat(3000)}${']'.repeat(3000)};\nexport function hello() { return x.length; }\n` });
  assertWorks(dir, 'hello()', 1);
});

test('a 50 MB string literal: a working component', () => {
  const dir = project('big-string', {
    'app.js': `const s = "${'a'.repeat(50 << 20)}";\nexport function hello() { return s.length; }\n`,
  });
  assertWorks(dir, 'hello()', 50 << 20);
});

test('an endless loop inside an awaited promise: --init-timeout stops it', () => {
  const dir = project('await-loop', { 'app.js': `await Promise.resolve().then(() => { while (true) {} });\n${HELLO}` });
  assertFails(dir, "the module's top level ran for more than 1 s (--init-timeout)", ['--init-timeout', '1']);
});

test('a top level that throws a value that is not an Error: the value and the file', () => {
  for (const [name, thrown, shown] of [['throw-number', '42', '42'], ['throw-object', '{}', '[object Object]']]) {
    const dir = project(name, { 'app.js': `throw ${thrown};\n${HELLO}` });
    assertFails(dir, `evaluating the JS module failed:\nevaluating app.js threw ${shown}`);
  }
});

test('a module that imports itself, and an import cycle: working components', () => {
  const itself = project('self-import', {
    'app.js': "import { hello as again } from './app.js';\nexport function hello() { return again === hello ? 7 : 0; }\n",
  });
  assertWorks(itself, 'hello()', 7);
  const cycle = project('import-cycle', {
    'app.js': "import { b } from './b.js';\nexport const a = 2;\nexport function hello() { return a + b(); }\n",
    'b.js': "import { a } from './app.js';\nexport function b() { return a * 10; }\n",
  });
  assertWorks(cycle, 'hello()', 22);
});

test('bytes that are not UTF-8: the file and the place of the first one', () => {
  const dir = project('not-utf8', { 'app.js': Buffer.concat([Buffer.from(`${HELLO}// caf`), Buffer.from([0xe9, 0xff, 0x0a])]) });
  assertFails(dir, 'app.js:2:7: the file is not UTF-8 text');
});

test('an empty file: it does not export what the world does', () => {
  const dir = project('empty', { 'app.js': '' });
  assertFails(dir, 'evaluating the JS module failed:\napp.js does not export `hello` (the world exports function `hello`)');
});

test('a byte order mark: ignored, as Node does', () => {
  const dir = project('bom', { 'app.js': `\ufeffexport function hello() { return 7; }\n` });
  assertWorks(dir, 'hello()', 7);
});

test('a 5 MB bundle (bench/componentize/gen-app.mjs): a working component under 4.5x its size', () => {
  const source = appSource(5_000_000);
  const dir = project('big-bundle', { 'app.js': source });
  const wit = join(here, '..', '..', 'bench', 'componentize', 'app', 'world.wit');
  const component = assertWorks(dir, 'fib(20)', 6765, wit);
  // What init freed is zeroed before the snapshot (engine/src/scrub.rs): without that, the
  // component was 5.3x the source; the live heap (the functions' bytecode and their source
  // text, which Function.prototype.toString returns) is about 3x.
  const ratio = statSync(component).size / source.length;
  assert.ok(ratio < 4.5, `the component is ${ratio.toFixed(2)}x the source`);
});
