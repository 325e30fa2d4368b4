// WASI programs transpiled with `--async-mode jspi` (WASI's blocking calls async by default),
// run in this process through the Node shims, whose blocking calls return plain values: the
// suspending imports and the promising `run` must still work. Run by scripts/test.sh with
// Node 26 (JSPI on by default); with Node 20 (no JSPI) the program must refuse to start
// with a clear error.
//
// Env: FERRY_BIN, FERRY_WASI_PROGRAMS (as run.test.mjs).

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runCommand } from '../../runtime-shims/src/command.js';

const CACHE = join(homedir(), '.cache', 'ferry');
const FERRY_BIN = process.env.FERRY_BIN || join(CACHE, 'target', 'debug', 'ferry');
const PROGRAMS = process.env.FERRY_WASI_PROGRAMS || join(CACHE, 'test-out', 'wasi');
const SHIMS = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'runtime-shims');
const hasJspi = typeof WebAssembly.Suspending === 'function';

let dir;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'ferry-wasi-jspi-'));
  mkdirSync(join(dir, 'node_modules', '@ferry-wasm'), { recursive: true });
  symlinkSync(SHIMS, join(dir, 'node_modules', '@ferry-wasm', 'shims'));
  for (const program of ['clocks-random', 'stdio']) {
    const args = ['transpile', join(PROGRAMS, `${program}.wasm`), '-o', join(dir, program), '-q', '--async-mode', 'jspi'];
    const r = spawnSync(FERRY_BIN, args, { encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, `ferry ${args.join(' ')}: ${r.stderr}`);
  }
});
after(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `program` with `options`, collecting stdout and stderr; resolves to them and the code. */
async function run(program, options) {
  const out = [];
  const err = [];
  const code = await runCommand(pathToFileURL(join(dir, program, `${program}.js`)).href, {
    ...options,
    stdout: (bytes) => out.push(Buffer.from(bytes)),
    stderr: (bytes) => err.push(Buffer.from(bytes)),
  }, `${program}.wasm`);
  return { code, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') };
}

test('the blocking WASI calls are the suspending imports', () => {
  const js = readFileSync(join(dir, 'clocks-random', 'clocks-random.js'), 'utf8');
  assert.match(js, /"\[method\]pollable\.block": new WebAssembly\.Suspending\(trampoline\d+\)/);
  assert.match(js, /WebAssembly\.promising\(exports\d+\["wasi:cli\/run@0\.2\.\d+#run"\]\)/);
});

if (hasJspi) {
  test('a program that sleeps (monotonic-clock subscribe, pollable.block) runs to the end', async () => {
    const { code, stdout, stderr } = await run('clocks-random', { args: ['clocks-random.wasm'] });
    const lines = stdout.toString('utf8').trim().split('\n');
    assert.equal(code, 0, stderr);
    assert.ok(lines.includes('sleep 50ms: elapsed >= 50ms: true'), lines.join('\n'));
    assert.ok(lines.every((line) => line.endsWith(': true')), lines.join('\n'));
  });

  test('a program that copies stdin to stdout (blocking-read, blocking-write-and-flush)', async () => {
    const input = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 7) & 0xff);
    const { code, stdout, stderr } = await run('stdio', { args: ['stdio.wasm', 'copy'], stdin: input });
    assert.equal(code, 0, stderr);
    assert.ok(stdout.equals(Buffer.from(input)), 'stdout is stdin, byte for byte');
  });
} else {
  test(`without JSPI (Node ${process.version}) the program fails to start, naming what it needs`, async () => {
    const { code, stderr } = await run('clocks-random', { args: ['clocks-random.wasm'] });
    assert.notEqual(code, 0);
    assert.match(stderr, /this module needs JSPI \(WebAssembly\.Suspending and WebAssembly\.promising\)/);
  });
}
