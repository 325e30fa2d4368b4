// The programmatic form of `ferry run`: `runCommand` and `configure` from @ferry-wasm/shims,
// used in this process on components ferry transpiled (the tests/wasi programs), with stdio
// given as JS values (bytes, text, a source object, a function, a Node `Writable`) instead
// of file descriptors, and several runs with different grants in one process.
//
// Env: FERRY_BIN, FERRY_WASI_PROGRAMS (as run.test.mjs).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCommand } from '../../runtime-shims/src/command.js';

const CACHE = join(homedir(), '.cache', 'ferry');
const FERRY_BIN = process.env.FERRY_BIN || join(CACHE, 'target', 'debug', 'ferry');
const PROGRAMS = process.env.FERRY_WASI_PROGRAMS || join(CACHE, 'test-out', 'wasi');
const SHIMS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'runtime-shims');

let dir;
/** Runs counted, so that each imports a fresh instance of its module. */
let runs = 0;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-wasi-api-'));
  // The transpiled modules import @ferry-wasm/shims: this package, the one the test imports.
  mkdirSync(join(dir, 'node_modules', '@ferry-wasm'), { recursive: true });
  symlinkSync(SHIMS, join(dir, 'node_modules', '@ferry-wasm', 'shims'));
  for (const program of ['stdio', 'args-env']) {
    const r = spawnSync(FERRY_BIN, ['transpile', join(PROGRAMS, `${program}.wasm`), '-o', join(dir, program)], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `ferry transpile ${program}.wasm: ${r.stderr}`);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `program` with `options`; resolves to its exit code. */
function run(program, options) {
  const url = pathToFileURL(join(dir, program, `${program}.js`));
  url.search = `?run=${++runs}`;
  return runCommand(url.href, options, `${program}.wasm`);
}

/** A function sink and the bytes it got. */
function collector() {
  const chunks = [];
  const write = (bytes) => chunks.push(Buffer.from(bytes));
  return { write, bytes: () => Buffer.concat(chunks) };
}

/** A Node `Writable` and the text it got. */
function writable() {
  const chunks = [];
  const stream = new Writable({ write(chunk, _encoding, done) { chunks.push(chunk); done(); } });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

const binary = (n) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + (i >> 8)) & 0xff);

test('stdin from a Uint8Array, stdout to a function, stderr to a Writable', async () => {
  const input = binary(300_000);
  const out = collector();
  const err = writable();
  const code = await run('stdio', { args: ['stdio.wasm', 'copy'], stdin: input, stdout: out.write, stderr: err.stream });
  assert.equal(code, 0);
  assert.ok(out.bytes().equals(Buffer.from(input)), 'stdout is stdin, byte for byte');
  assert.match(err.text(), /^stdio: copy: 300000 bytes in, 300000 bytes out, fnv1a [0-9a-f]+\n$/);
});

test('stdin from a string; wasi:cli/exit resolves runCommand with the code instead of ending the process', async () => {
  const out = collector();
  const err = writable();
  const code = await run('stdio', { args: ['stdio.wasm', 'chunks', '3', 'ünï 🦀'], stdin: 'héllo\r\n\0 wörld', stdout: out.write, stderr: err.stream });
  assert.equal(code, 1); // wasi:cli/exit 0.2 has only ok and err
  assert.equal(out.bytes().toString('utf8'), 'héllo\r\n\0 wörld');
  assert.match(err.text(), /^stdio: chunks: 16 bytes in, 16 bytes out, fnv1a [0-9a-f]+\nünï 🦀\n$/);
});

test('stdin from a source object, read as the component asks', async () => {
  const pieces = ['one ', 'two ', 'three'].map((s) => new TextEncoder().encode(s));
  const asked = [];
  const source = { read(len) { asked.push(len); return pieces.shift() ?? null; } };
  const out = collector();
  const code = await run('stdio', { args: ['stdio.wasm', 'copy'], stdin: source, stdout: out.write, stderr: () => {} });
  assert.equal(code, 0);
  assert.equal(out.bytes().toString('utf8'), 'one two three');
  assert.ok(asked.length >= 4 && asked.every((n) => n > 0), `reads until the end: ${asked}`);
});

test('args and env as configured, then other args and env in a second run in the same process', async () => {
  for (const [args, env] of [[['a', 'b c'], [['K', 'v1']]], [['x'], [['K', 'v2'], ['L', 'é']]]]) {
    const out = collector();
    const code = await run('args-env', { args: ['args-env.wasm', ...args], env, stdout: out.write, stderr: 2 });
    assert.equal(code, 0);
    const text = out.bytes().toString('utf8');
    assert.ok(text.startsWith(`argc: ${args.length + 1}\narg[0]: "args-env.wasm"\n`), text);
    for (const [i, a] of args.entries()) assert.ok(text.includes(`arg[${i + 1}]: ${JSON.stringify(a)}\n`), text);
    const vars = env.map(([k, v]) => `  "${k}"="${v}"\n`).join('');
    assert.ok(text.includes(`environment: ${env.length} variables\n${vars}`), `the environment is exactly ${JSON.stringify(env)}:\n${text}`);
  }
});

test('a stdio value of the wrong kind is a TypeError naming the option', async () => {
  const err = collector();
  const code = await run('stdio', { args: ['stdio.wasm', 'copy'], stdin: { nope: 1 }, stdout: () => {}, stderr: err.write });
  assert.notEqual(code, 0);
  assert.match(err.bytes().toString('utf8'), /`stdin` is a file descriptor, a Uint8Array, a string or `\{ read\(len, blocking\) \}`/);
});
