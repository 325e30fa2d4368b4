// WASI in a real browser: the browser side of @ferry-wasm/shims (runtime-shims/src/browser/,
// the `browser` condition of its package.json) in Debian's Chromium, driven by playwright-core.
// A loopback server serves the shims unbundled, the WASI test programs (tests/wasi) as
// `ferry transpile` made them, and endpoints for fetch; the page's import map sends every
// `@ferry-wasm/shims` subpath where the package's `browser` condition says. wasi-page.mjs does
// each check's browser half. Programs run as `wasmtime run` runs them must print the same.
//
// Whole programs run in sync mode (the default), and those that wait again transpiled with
// `--async-mode jspi`, suspending on the shims' Promises through JSPI: `clocks-random`'s
// sleeps (a blocking poll), `stdio` reading stdin that the page's source gets from a streamed
// fetch (blocking-read), and `http-client` (tests/wasi-http) fetching from a second loopback
// server, of another origin, answering with CORS headers. The waits are also driven from page
// JS (a fetch, a body that comes in pieces, a timer), and from a hand-written core module.
//
//   FERRY_BIN            the ferry binary (default ~/.cache/ferry/target/debug/ferry)
//   FERRY_WASI_PROGRAMS  tests/wasi/build.sh's output (default ~/.cache/ferry/test-out/wasi)
//   WASMTIME             the reference (default ~/.cache/ferry/venv/bin/wasmtime)
//   WASM_TOOLS           builds jspi-wait.wat (default ~/.cache/ferry/venv/bin/wasm-tools)
//   CHROMIUM             the browser binary (default /usr/bin/chromium)

import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { httpClientServer } from '../wasi-http/client-server.mjs';
import { launchChromium, serveFile } from './chromium.mjs';
import { noise } from '../wasi/noise.mjs';

const CACHE = join(homedir(), '.cache', 'ferry');
const FERRY_BIN = process.env.FERRY_BIN || join(CACHE, 'target', 'debug', 'ferry');
const PROGRAMS = process.env.FERRY_WASI_PROGRAMS || join(CACHE, 'test-out', 'wasi');
const WASMTIME = process.env.WASMTIME || join(CACHE, 'venv', 'bin', 'wasmtime');
const WASM_TOOLS = process.env.WASM_TOOLS || join(CACHE, 'venv', 'bin', 'wasm-tools');
const HERE = dirname(fileURLToPath(import.meta.url));
const SHIMS = join(HERE, '..', '..', 'runtime-shims');
const TRANSPILED = ['args-env', 'stdio', 'exit-codes', 'fs', 'clocks-random'];
/** The programs that wait, transpiled again with `--async-mode jspi` (into `jspi/`). */
const TRANSPILED_JSPI = ['clocks-random', 'stdio', 'http-client'];

let root, server, origin, closedPort, browser, page, clientServer;
/** What `/stdin/<key>` sends: `{ bytes, pieces, delayMs }` (see `streamStdin`). */
const stdinBodies = new Map();
/** What the page logged: [type, text]. */
const consoleMessages = [];

/** The import map of the shims: each subpath of package.json's `exports`, to its `browser` file. */
function importMap() {
  const { exports } = JSON.parse(readFileSync(join(SHIMS, 'package.json'), 'utf8'));
  const imports = {};
  for (const [subpath, target] of Object.entries(exports)) {
    if (typeof target === 'object') imports[`@ferry-wasm/shims${subpath.slice(1)}`] = `/shims/${target.browser.slice(2)}`;
  }
  return { imports };
}

/** Echoes a request as JSON, with an `x-echo` header. */
function echo(req, res) {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.stringify({ method: req.method, url: req.url, header: req.headers['x-ferry'] ?? null, body: Buffer.concat(chunks).toString() });
    res.writeHead(200, { 'content-type': 'application/json', 'x-echo': 'from the server' }).end(body);
  });
}

/** Sends `bytes` in `pieces` pieces (about equal), each `delayMs` after the one before. */
function streamStdin(res, { bytes, pieces, delayMs }) {
  res.writeHead(200, { 'content-type': 'application/octet-stream' });
  const size = Math.ceil(bytes.length / pieces);
  let at = 0;
  const next = () => {
    if (at >= bytes.length) return res.end();
    res.write(bytes.subarray(at, at + size));
    at += size;
    setTimeout(next, delayMs);
  };
  setTimeout(next, delayMs);
}

/** A body in three pieces, 50 ms apart. */
function drip(res) {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const pieces = ['one,', 'two,', 'three'];
  const next = () => {
    res.write(pieces.shift());
    if (pieces.length > 0) setTimeout(next, 50);
    else res.end();
  };
  setTimeout(next, 50);
}

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'ferry-browser-wasi-'));
  for (const name of TRANSPILED) {
    execFileSync(FERRY_BIN, ['transpile', join(PROGRAMS, `${name}.wasm`), '-o', join(root, name), '-q'], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  for (const name of TRANSPILED_JSPI) {
    execFileSync(FERRY_BIN, ['transpile', join(PROGRAMS, `${name}.wasm`), '-o', join(root, 'jspi', name), '-q', '--async-mode', 'jspi'],
      { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  execFileSync(WASM_TOOLS, ['parse', join(HERE, 'jspi-wait.wat'), '-o', join(root, 'jspi-wait.wasm')]);
  const html = `<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">` +
    `<script type="importmap">${JSON.stringify(importMap())}</script>`;
  server = createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    if (path === '/') return res.writeHead(200, { 'content-type': 'text/html' }).end(html);
    if (path === '/wasi-page.mjs') return serveFile(res, HERE, path);
    if (path === '/jspi-wait.wasm') return serveFile(res, root, path);
    if (path.startsWith('/shims/')) return serveFile(res, SHIMS, path.slice('/shims/'.length));
    if (path.startsWith('/programs/')) return serveFile(res, root, path.slice('/programs/'.length));
    if (path === '/echo') return echo(req, res);
    if (path === '/drip') return drip(res);
    if (path.startsWith('/stdin/') && stdinBodies.has(path.slice('/stdin/'.length))) return streamStdin(res, stdinBodies.get(path.slice('/stdin/'.length)));
    res.writeHead(404).end();
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${server.address().port}`;
  // A port that was just free: fetches to it are refused.
  const closed = createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  closedPort = closed.address().port;
  await new Promise((resolve) => closed.close(resolve));
  clientServer = await httpClientServer();

  browser = await launchChromium();
  page = await browser.newPage();
  page.on('console', (m) => consoleMessages.push([m.type(), m.text()]));
  page.on('pageerror', (e) => consoleMessages.push(['pageerror', e.message]));
  await page.goto(`${origin}/?closed=${closedPort}`);
});

after(async () => {
  await browser?.close();
  server?.close();
  clientServer?.close();
  if (root) rmSync(root, { recursive: true, force: true });
});

/** Calls export `name` of wasi-page.mjs in the page with `args`. */
const inPage = (name, ...args) =>
  page.evaluate(async ([name, args]) => (await import('/wasi-page.mjs'))[name](...args), [name, args]);

/**
 * `wasmtime run` of program `name` with `flags` and `args`, `input` (a string or Buffer) on
 * stdin: code, stdout and stderr as text, and the SHA-256 of stdout (hex) if `digest`. Not
 * spawnSync: the servers the program may request run in this process.
 */
function wasmtime(name, args, { flags = [], input = '', digest = false } = {}) {
  const child = spawn(WASMTIME, ['run', ...flags, join(PROGRAMS, `${name}.wasm`), ...args]);
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  const [out, err] = [[], []];
  child.stdout.on('data', (c) => out.push(c));
  child.stderr.on('data', (c) => err.push(c));
  child.stdin.on('error', () => {}); // it may end without reading all of its stdin
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== null) return reject(new Error(`wasmtime ${name}: killed by ${signal}`));
      const stdout = Buffer.concat(out);
      const result = { code, stdout: stdout.toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
      resolve(digest ? { ...result, stdoutSha256: createHash('sha256').update(stdout).digest('hex') } : result);
    });
  });
}

test('every browser module loads in Chromium, with the interface objects of the Node side', { timeout: 60_000 }, async () => {
  const map = importMap().imports;
  const interfaces = ['cli', 'clocks', 'filesystem', 'http', 'io', 'random', 'sockets'].map((s) => `@ferry-wasm/shims/${s}`);
  const browserShapes = await inPage('exportShapes', Object.keys(map));
  for (const specifier of interfaces) {
    const node = await import(join(SHIMS, 'src', `${specifier.split('/').pop()}.js`));
    const nodeShape = Object.fromEntries(
      Object.entries(node).map(([name, value]) => [name, typeof value === 'object' ? Object.keys(value).sort() : typeof value]),
    );
    assert.deepEqual(browserShapes[specifier], nodeShape, specifier);
  }
  assert.deepEqual(Object.keys(browserShapes['@ferry-wasm/shims']).sort(), ['ExitError', 'configure', 'files', 'readFile', 'writeFile']);
  assert.deepEqual(Object.keys(browserShapes['@ferry-wasm/shims/command']), ['runCommand']);
});

test('args and environment set by the page, as wasmtime gives them', { timeout: 60_000 }, async () => {
  const args = ['one', 'two words', '--flag', 'var:A', 'var:MISSING'];
  const got = await inPage('runProgram', 'args-env', {
    args: ['args-env.wasm', ...args], env: [['A', '1'], ['B', 'x y'], ['A', '2']],
  });
  const want = await wasmtime('args-env', args, { flags: ['--env', 'A=1', '--env', 'B=x y', '--env', 'A=2'] });
  assert.deepEqual(got.stderr, want.stderr);
  assert.deepEqual(got.stdout, want.stdout);
  assert.equal(got.code, want.code);
});

test('stdin from a string, stdout and stderr to page callbacks, the exit code', { timeout: 60_000 }, async () => {
  const input = 'héllo\r\n\0 wörld';
  const args = ['chunks', '3', 'ünï 🦀'];
  const got = await inPage('runProgram', 'stdio', { args: ['stdio.wasm', ...args], stdin: input });
  const want = await wasmtime('stdio', args, { input });
  assert.deepEqual({ code: got.code, stdout: got.stdout, stderr: got.stderr }, want);
  assert.equal(got.code, 1); // wasi:cli/exit 0.2 has only ok and err
});

test('stdout and stderr to the console by default, a line at a time', { timeout: 60_000 }, async () => {
  consoleMessages.length = 0;
  const out = await inPage('runProgram', 'args-env', { console: true, args: ['args-env.wasm', 'x'], env: [] });
  const err = await inPage('runProgram', 'stdio', { console: true, args: ['stdio.wasm', 'none', '0', 'a line'], stdin: '' });
  assert.equal(out.code, 0);
  assert.equal(err.code, 0);
  const logged = consoleMessages.filter(([type]) => type === 'log').map(([, t]) => t);
  const errors = consoleMessages.filter(([type]) => type === 'error').map(([, t]) => t);
  assert.deepEqual(logged, (await wasmtime('args-env', ['x'])).stdout.split('\n').slice(0, -1));
  // eprintln! writes a line in several pieces: the console still gets whole lines.
  assert.deepEqual(errors, (await wasmtime('stdio', ['none', '0', 'a line'])).stderr.split('\n').slice(0, -1));
  assert.deepEqual(consoleMessages.filter(([type]) => type !== 'log' && type !== 'error'), []);
});

test('wasi:cli/exit throws an ExitError the page catches, with the code', { timeout: 60_000 }, async () => {
  assert.deepEqual(await inPage('exitChecks'), {
    direct: { isExitError: true, code: 7 },
    fromRun: { isExitError: true, code: 1 }, // `exit 3`: wasi:cli/exit 0.2 has only ok and err
  });
  const got = await inPage('runProgram', 'exit-codes', { args: ['exit-codes.wasm', 'exit', '3'] });
  assert.deepEqual({ code: got.code, stdout: got.stdout, stderr: got.stderr }, await wasmtime('exit-codes', ['exit', '3']));
});

test('clocks: performance.now() in nanoseconds with its real resolution, Date.now() for the wall clock', { timeout: 60_000 }, async () => {
  const got = await inPage('runProgram', 'clocks-random', { args: ['clocks-random.wasm', 'no-sleep'] });
  assert.deepEqual({ code: got.code, stdout: got.stdout, stderr: got.stderr }, await wasmtime('clocks-random', ['no-sleep']));
  const { seen, ...checks } = await inPage('clockChecks');
  // The resolution said is the one seen (float rounding aside): no step is smaller.
  assert.ok(seen.steps >= 5 && BigInt(seen.smallest) >= 99_000n, `steps seen: ${JSON.stringify(seen)}`);
  assert.deepEqual(checks, {
    crossOriginIsolated: false,
    resolution: '100000', // 100 µs: what High Resolution Time coarsens to without isolation
    nowIsBigint: true,
    monotonic: true,
    nowMatchesPerformance: true,
    wallWithinASecond: true,
    wallResolution: { seconds: '0', nanoseconds: 1e6 },
  });
});

test('random: crypto.getRandomValues, more than 64 KiB at once', { timeout: 60_000 }, async () => {
  assert.deepEqual(await inPage('randomChecks'), {
    length: 200_000,
    piecesNonZero: [true, true, true, true],
    drawsDiffer: true,
    u64: 'bigint',
    seed: ['bigint', 'bigint'],
  });
});

test('poll and pollable.block on monotonic-clock timers: a Promise while waiting, an answer when ready', { timeout: 60_000 }, async () => {
  const got = await inPage('pollChecks');
  assert.equal(got.timerReadyAtFirst, false);
  assert.equal(got.pollReturnedPromise, true);
  assert.deepEqual(got.waited, [1]);
  assert.ok(got.pollElapsedMs >= 40, `poll returned after ${got.pollElapsedMs} ms`);
  assert.deepEqual(got.immediate, [1]);
  assert.equal(got.readyBlock, true);
  assert.equal(got.blockResult, 'undefined');
  assert.ok(got.blockElapsedMs >= 30, `block returned after ${got.blockElapsedMs} ms`);
  assert.equal(got.emptyPoll, 'RangeError: poll: no pollables to wait for');
});

test('under JSPI, a Wasm caller suspends on the shims\' Promises: a timer\'s block, a blocking-read', { timeout: 60_000 }, async () => {
  const got = await inPage('jspiChecks');
  assert.equal(got.returnedPromise, true);
  assert.ok(got.elapsedMs >= 30, `run returned after ${got.elapsedMs} ms`);
  assert.equal(got.readLength, 4);
});

test('stdin from a source that waits: blocking-read returns a Promise of the bytes', { timeout: 60_000 }, async () => {
  assert.deepEqual(await inPage('stdinChecks'), { nonBlocking: 0, returnedPromise: true, got: 'late data', end: 'closed' });
});

test('the in-memory filesystem: the fs program prints what wasmtime prints on a real directory; files read back', { timeout: 120_000 }, async () => {
  const preloaded = 'kept from the page\n';
  const got = await inPage('runProgram', 'fs', {
    args: ['fs.wasm', '/sandbox'], preopens: ['/sandbox'], files: { '/sandbox/pre/data.txt': preloaded },
  });
  const dir = mkdtempSync(join(tmpdir(), 'ferry-browser-fs-'));
  try {
    mkdirSync(join(dir, 'pre'));
    writeFileSync(join(dir, 'pre', 'data.txt'), preloaded);
    const want = await wasmtime('fs', ['/sandbox'], { flags: ['--dir', `${dir}::/sandbox`] });
    assert.equal(got.stderr, want.stderr);
    assert.equal(got.stdout, want.stdout);
    assert.equal(got.code, 0);
    assert.equal(want.code, 0);
    // What the page reads back is what wasmtime left on disk (the regular files, hard links included).
    const onDisk = [];
    const walk = (d) => readdirSync(d, { withFileTypes: true }).forEach((e) => {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) onDisk.push([`/sandbox/${relative(dir, p)}`, statSync(p).size]);
    });
    walk(dir);
    assert.deepEqual(got.files, onDisk.sort(([a], [b]) => (a < b ? -1 : 1)));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.equal(await inPage('readText', '/sandbox/renamed.txt'), 'hello world!');
  assert.equal(await inPage('readText', '/sandbox/pre/data.txt'), preloaded);
  assert.equal(await inPage('readText', '/sandbox/missing'), null);
});

test('the in-memory filesystem through its resources: results and error codes', { timeout: 60_000 }, async () => {
  const got = await inPage('filesystemChecks');
  assert.deepEqual(got.codes, {
    missing: 'no-entry',
    createExclusive: 'exist',
    throughAFile: 'not-directory',
    dirForWriting: 'is-directory',
    fileAsDirectory: 'not-directory',
    createDirectory: 'invalid',
    aboveThePreopen: 'not-permitted',
    absolute: 'not-permitted',
    mkdirExisting: 'exist',
    rmdirNotEmpty: 'not-empty',
    rmdirFile: 'not-directory',
    unlinkDirectory: 'is-directory',
    unlinkMissing: 'no-entry',
    renameMissing: 'no-entry',
    renameDirOverFile: 'not-directory',
    writeReadOnly: 'bad-descriptor',
    readDirectoryOfFile: 'not-directory',
    readViaStreamOfDirectory: 'is-directory',
    readOfDirectory: 'bad-descriptor',
    symlinkAbsolute: 'not-permitted',
  });
  assert.deepEqual(got.streamCode, { tag: 'last-operation-failed', code: 'bad-descriptor' });
  assert.deepEqual([got.dataPath, got.madePath], ['/data', '/made']);
  assert.deepEqual(got.stat, { type: 'regular-file', size: '8', linkCount: '1' });
  assert.deepEqual(got.head, ['abc', false]);
  assert.equal(got.eof, true);
  assert.deepEqual(got.fileNow, [97, 98, 99, 0, 0, 88, 89, 33]); // abc, a gap of zeros, XY, then the append
  assert.equal(got.created, 'new file');
  assert.deepEqual(got.moved, [1, 2, 3]);
  assert.deepEqual(got.entries, [{ type: 'directory', name: 'moved' }, { type: 'directory', name: 'sub' }]);
  assert.equal(got.sameObject, true);
  assert.deepEqual(got.files, ['/data/f.txt', '/made/moved/x.bin', '/made/sub/n.txt']);
});

test('sockets and name lookup answer not-supported', { timeout: 60_000 }, async () => {
  const got = await inPage('socketChecks');
  assert.equal(got.network, 'Network');
  assert.equal(got.createTcp, 'not-supported');
  assert.equal(got.createUdp, 'not-supported');
  assert.equal(got.resolve, 'not-supported');
  const infallible = new Set(['tcp.isListening', 'tcp.addressFamily', 'tcp.subscribe', 'udp.addressFamily', 'udp.subscribe',
    'incoming.subscribe', 'outgoing.subscribe', 'lookup.subscribe']);
  for (const [method, result] of Object.entries(got.methods)) {
    assert.equal(result, infallible.has(method) ? 'TypeError: wasi:sockets: no socket exists in a browser' : 'not-supported', method);
  }
  assert.equal(Object.keys(got.methods).length, 28 + 13 + 2 + 3 + 2);
});

test('outgoing HTTP through fetch: the future, its pollable and the body reads wait with Promises', { timeout: 60_000 }, async () => {
  const got = await inPage('httpChecks');
  assert.deepEqual(got.echo, {
    blockReturnedPromise: true,
    status: 200,
    header: ['from the server'],
    body: { method: 'POST', url: '/echo?q=1', header: 'yes', body: 'hello body' },
    trailersBlockReturnedPromise: false,
    trailers: { tag: 'ok', val: { tag: 'ok', val: undefined } },
  });
  assert.deepEqual(got.drip, { blockReturnedPromise: true, status: 200, text: 'one,two,three', waits: got.drip.waits });
  assert.ok(got.drip.waits >= 3, `only ${got.drip.waits} reads waited for the 3 pieces`);
  assert.deepEqual(got.refused, { tag: 'err', code: 'internal-error' });
  assert.deepEqual(got.badScheme, { tag: 'HTTP-protocol-error' });
  assert.deepEqual(got.missingAuthority, { tag: 'HTTP-request-URI-invalid' });
  assert.match(got.notGranted, /^RuntimeError: wasi:http\/outgoing-handler: the network is not granted/);
});

test('a component transpiled without JSPI that has to wait fails, naming --async-mode jspi', { timeout: 60_000 }, async () => {
  // clocks-random sleeps (pollable.block on a timer): in sync mode the wait cannot happen.
  const got = await inPage('runProgram', 'clocks-random', { args: ['clocks-random.wasm'] });
  assert.notEqual(got.code, 0);
  assert.match(got.stderr, /returned a Promise: transpile with --async-mode jspi/);
});

test('--async-mode jspi: clocks-random sleeps for real (pollable.block on a timer suspends), as under wasmtime run', { timeout: 60_000 }, async () => {
  const got = await inPage('runProgram', 'clocks-random', { jspi: true, args: ['clocks-random.wasm'] });
  const want = await wasmtime('clocks-random', []);
  assert.match(want.stdout, /^sleep 50ms: elapsed >= 50ms: true$/m);
  assert.deepEqual({ code: got.code, stdout: got.stdout, stderr: got.stderr }, want);
});

test('--async-mode jspi: stdin that arrives later (a streamed fetch): each blocking-read suspends until data comes', { timeout: 60_000 }, async () => {
  const input = Buffer.from(Array.from({ length: 6 }, (_, i) => `piece ${i}: ünï 🦀\n`).join(''));
  stdinBodies.set('late', { bytes: input, pieces: 6, delayMs: 30 });
  const args = ['chunks', '0', 'all read'];
  const got = await inPage('runProgram', 'stdio', { jspi: true, args: ['stdio.wasm', ...args], stdinUrl: '/stdin/late' });
  assert.deepEqual({ code: got.code, stdout: got.stdout, stderr: got.stderr }, await wasmtime('stdio', args, { input }));
  // Every piece came after the program had read what was there: its reads waited for each.
  assert.ok(got.stdinWaits >= 6, `only ${got.stdinWaits} reads waited for 6 pieces`);
});

test('--async-mode jspi: stdio copies 3 MiB of binary stdin, streamed in pieces of about 64 KiB, byte for byte', { timeout: 120_000 }, async () => {
  const input = noise(3 * 1024 * 1024 + 5);
  stdinBodies.set('large', { bytes: input, pieces: 49, delayMs: 0 });
  const got = await inPage('runProgram', 'stdio', { jspi: true, args: ['stdio.wasm', 'copy'], stdinUrl: '/stdin/large' });
  const want = await wasmtime('stdio', ['copy'], { input, digest: true });
  assert.equal(want.stdoutSha256, createHash('sha256').update(input).digest('hex'));
  assert.deepEqual({ code: got.code, stderr: got.stderr, stdoutSha256: got.stdoutSha256 },
    { code: want.code, stderr: want.stderr, stdoutSha256: want.stdoutSha256 });
  assert.ok(got.stdinWaits > 0, 'no read waited');
});

test('--async-mode jspi: http-client fetches from a loopback server of another origin (CORS), as under wasmtime run -S http', { timeout: 60_000 }, async () => {
  // The steps a browser does as wasmtime does. Not the others (runtime-shims/README.md): fetch
  // cannot send request trailers (`echo`) nor show response trailers (`trailers`), its head
  // timeout is `connection-timeout` (`slow`), and a refused fetch is an `internal-error` (`refused`).
  const authority = `127.0.0.1:${clientServer.address().port}`;
  const args = [authority, `127.0.0.1:${closedPort}`, 'hello', 'upload', 'missing'];
  const got = await inPage('runProgram', 'http-client', { jspi: true, network: true, args: ['http-client.wasm', ...args] });
  const want = await wasmtime('http-client', args, { flags: ['-S', 'http'] });
  assert.match(want.stdout, /^upload: body 300000 bytes, checksum a0880b38$/m);
  assert.match(want.stdout, /^hello: header x-two: a b$/m);
  assert.deepEqual({ code: got.code, stdout: got.stdout, stderr: got.stderr }, want);
});

test('nothing went to the console but what the programs printed', () => {
  assert.deepEqual(consoleMessages.filter(([type]) => type === 'pageerror' || type === 'warning'), []);
});
