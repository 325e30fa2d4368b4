// `ferry serve` against `wasmtime serve`, on the wasi:http/proxy test component (tests/wasi-http,
// built by tests/wasi-http/build.sh into FERRY_WASI_PROGRAMS/echo.wasm): both serve it on
// 127.0.0.1 port 0 (the bound address is read from their stderr), and the same requests must
// get the same status, body and headers (but for those `SERVER_OWN` names). Then ferry alone: a 1 MiB body streamed
// back, a trap (500, reported on stderr) after which the server still answers, and 200
// concurrent requests all answered.
//
// Env: FERRY_BIN, WASMTIME, FERRY_WASI_PROGRAMS, as run.test.mjs.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { request } from 'node:http';
import { constants, homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server-process.mjs';

const CACHE = join(homedir(), '.cache', 'ferry');
const FERRY_BIN = process.env.FERRY_BIN || join(CACHE, 'target', 'debug', 'ferry');
const WASMTIME = process.env.WASMTIME || join(CACHE, 'venv', 'bin', 'wasmtime');
const PROGRAMS = process.env.FERRY_WASI_PROGRAMS || join(CACHE, 'test-out', 'wasi');
const ECHO = join(PROGRAMS, 'echo.wasm');

/** Sends a request; `{ status, headers, body (Buffer), trailers }`, or `{ error }` if the connection failed. */
function send(addr, { method = 'GET', path = '/', headers = {}, body } = {}) {
  const [host, port] = addr.split(':');
  return new Promise((resolve) => {
    const req = request({ host, port, method, path, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks), trailers: res.trailers }),
      );
      res.on('error', (error) => resolve({ status: res.statusCode, headers: res.headers, error }));
    });
    req.on('error', (error) => resolve({ error }));
    req.end(body);
  });
}

/** Deterministic pseudo-random bytes (xorshift32). */
function noise(n, seed = 0x9e3779b9) {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/**
 * Response headers that may differ between the two servers: `date`, and the hop-by-hop
 * `connection` and `keep-alive`, which Node's server adds on a persistent HTTP/1.1 connection
 * and hyper's leaves out (an intended difference: they describe the connection, not the
 * response). Every other header must match.
 */
const SERVER_OWN = new Set(['date', 'connection', 'keep-alive']);
const comparable = ({ status, headers, body, error }, addr) => ({
  status,
  error: error === undefined ? undefined : 'failed',
  // The error page names the server: its length differs.
  headers: Object.fromEntries(
    Object.entries(headers ?? {}).filter(([h]) => !SERVER_OWN.has(h) && h !== 'x-authority' && !(status === 500 && h === 'content-length')).sort(),
  ),
  authority: headers?.['x-authority'] === addr ? '<addr>' : headers?.['x-authority'],
  // The error page names the server.
  body: body?.toString('latin1').replace(/wasmtime|ferry/, '<server>'),
});

const CASES = [
  { name: 'GET with a query', req: { path: '/hello?x=1&y=%20' } },
  { name: 'headers echoed', req: { path: '/h', headers: { 'x-one': 'first', 'x-two': 'b\u00e9' } } },
  { name: 'POST body echoed', req: { method: 'POST', path: '/post', body: 'hello, body' } },
  { name: 'PUT, status from x-status', req: { method: 'PUT', path: '/s', headers: { 'x-status': '418' }, body: 'x' } },
  { name: 'DELETE, no body', req: { method: 'DELETE', path: '/d' } },
  { name: 'another method', req: { method: 'PURGE', path: '/p' } },
  { name: 'a trap: 500', req: { path: '/trap' } },
  { name: 'no response set: 500', req: { path: '/no-response' } },
  { name: 'an error-code response: 500', req: { path: '/error' } },
  { name: 'trailers, not asked for', req: { method: 'POST', path: '/trailers', body: 'abc' } },
];

describe('ferry serve', { timeout: 120_000 }, () => {
  let ferry;
  let wasmtime;
  before(async () => {
    assert.ok(existsSync(ECHO), `${ECHO} is missing: run tests/wasi-http/build.sh ${PROGRAMS}`);
    ferry = await startServer(FERRY_BIN, ['serve', '--addr', '127.0.0.1:0', ECHO]);
    wasmtime = await startServer(WASMTIME, ['serve', '-S', 'cli', '--addr', '127.0.0.1:0', ECHO]);
  });
  after(() => {
    ferry?.stop();
    wasmtime?.stop();
  });

  for (const { name, req } of CASES) {
    test(`as wasmtime: ${name}`, async () => {
      const [ours, theirs] = await Promise.all([send(ferry.addr, req), send(wasmtime.addr, req)]);
      assert.deepEqual(comparable(ours, ferry.addr), comparable(theirs, wasmtime.addr));
    });
  }

  test('a trap late in the body ends the response there, as wasmtime', async () => {
    const [ours, theirs] = await Promise.all([send(ferry.addr, { path: '/trap-late' }), send(wasmtime.addr, { path: '/trap-late' })]);
    assert.deepEqual(comparable(ours, ferry.addr), comparable(theirs, wasmtime.addr));
    assert.equal(ours.status, 200);
    assert.equal(ours.body.toString(), 'partial');
  });

  test('trailers, when the client accepts them', async () => {
    const res = await send(ferry.addr, { method: 'POST', path: '/trailers', headers: { te: 'trailers' }, body: 'abc' });
    assert.equal(res.body.toString(), 'abc');
    assert.deepEqual(res.trailers, { 'x-trailer': 'done' });
  });

  test('a 1 MiB body is streamed back', async () => {
    const body = noise(1 << 20);
    const res = await send(ferry.addr, { method: 'POST', path: '/big', body });
    assert.equal(res.status, 200);
    assert.ok(res.body.equals(body), `got ${res.body.length} bytes`);
    assert.equal(res.headers['transfer-encoding'], 'chunked');
  });

  test('after a trap the server still answers, and the trap is on stderr', async () => {
    const trapped = await send(ferry.addr, { path: '/trap' });
    assert.equal(trapped.status, 500);
    const res = await send(ferry.addr, { path: '/after' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['x-path'], '/after');
    assert.match(ferry.output(), /trap requested/);
    assert.match(ferry.output(), /error: guest never invoked `response-outparam::set` method/);
    assert.match(ferry.output(), /wasm trap: wasm `unreachable` instruction executed/);
  });

  test('200 concurrent requests are all answered', { timeout: 60_000 }, async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send(ferry.addr, { method: 'POST', path: `/c/${i}`, headers: { 'x-n': String(i) }, body: `body ${i}` }),
      ),
    );
    results.forEach((res, i) => {
      assert.equal(res.error, undefined, `request ${i}: ${res.error}`);
      assert.equal(res.status, 200);
      assert.equal(res.headers['x-path'], `/c/${i}`);
      assert.equal(res.headers['x-echo-x-n'], String(i));
      assert.equal(res.body.toString(), `body ${i}`);
    });
  });
});

describe('killing ferry', () => {
  test('ends its Node child too: the port is free again', { timeout: 30_000 }, async () => {
    const server = await startServer(FERRY_BIN, ['serve', '--addr', '127.0.0.1:0', ECHO]);
    try {
      assert.equal((await send(server.addr)).status, 200);
      process.kill(server.child.pid, 'SIGKILL'); // ferry alone, not its process group
      let res;
      for (let i = 0; i < 100; i++) {
        res = await send(server.addr);
        if (res.error?.code === 'ECONNREFUSED') break; // not ECONNRESET: Node may be closing
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      assert.equal(res.error?.code, 'ECONNREFUSED', 'Node still serves after ferry was killed');
    } finally {
      server.stop();
    }
  });

  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
    test(`${signal} stops Node, and ferry removes its temporary directory`, { timeout: 30_000 }, async () => {
      const server = await startServer(FERRY_BIN, ['serve', '--addr', '127.0.0.1:0', ECHO]);
      const ownDirs = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`ferry-run-${server.child.pid}-`));
      try {
        assert.equal(ownDirs().length, 1, 'the temporary directory while serving');
        const exited = new Promise((resolve) => server.child.on('exit', (code, sig) => resolve({ code, sig })));
        process.kill(server.child.pid, signal); // ferry alone, not its process group
        const { code, sig } = await exited;
        assert.deepEqual({ code, sig }, { code: 128 + constants.signals[signal], sig: null });
        assert.deepEqual(ownDirs(), []);
        assert.equal((await send(server.addr)).error?.code, 'ECONNREFUSED', 'Node still serves');
      } finally {
        server.stop();
      }
    });
  }
});
