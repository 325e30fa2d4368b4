// The component is a wasi:http server: served by `wasmtime serve` and by `ferry serve` (on
// Node), each on a free loopback port, it must answer the same requests (sent with fetch) with
// the same status, headers and body. The program built from the standard `wasi:http/proxy`
// world is served too, and `wasmtime serve` reusing instances checks that one instance handles
// request after request.
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { componentize, tools } from '../../harness.mjs';
import { startServer } from '../../../server-process.mjs';

/** Bounds every wait: the server's start, each request. */
const TIMEOUT_MS = 60_000;

// Multi-byte characters across the 4096-byte chunks the handler reads and writes.
const bigBody = 'grüße, wasi ✓ '.repeat(8000);

/** The requests every server must answer, and the answers: `method` is the request's method
 *  as the handler names it in `x-method` (a WIT `method` tag, or the `other` text); a
 *  `body` that depends on the server's port is a function of it. */
const requests = [
  {
    path: '/hello?name=J%C3%B6rg',
    init: { headers: { 'x-greeting': 'hi' } },
    method: 'get',
    status: 200,
    body: 'hi, Jörg! (/hello?name=J%C3%B6rg)\n',
  },
  { path: '/hello', init: {}, method: 'get', status: 200, body: 'hello, world! (/hello)\n' },
  { path: '/echo', init: { method: 'POST', body: 'some text' }, method: 'post', status: 200, body: 'SOME TEXT' },
  { path: '/echo', init: { method: 'POST', body: bigBody }, method: 'post', status: 200, body: bigBody.toUpperCase() },
  { path: '/cache', init: { method: 'PURGE' }, method: 'PURGE', status: 202, body: 'purged /cache, after a timer\n' },
  { path: '/missing?x=1', init: {}, method: 'get', status: 404, body: 'no /missing?x=1\n' },
  { path: '/immutable', init: {}, method: 'get', status: 200, body: 'immutable\n' },
  {
    path: '/inspect',
    init: { headers: { 'x-b': 'two', 'x-a': 'one', accept: 'text/plain' } },
    method: 'get',
    status: 200,
    body: (port) => `scheme: HTTP\nauthority: 127.0.0.1:${port}\nx-a: one\nx-b: two\n`,
  },
  { path: '/count', init: {}, method: 'get', status: 200, body: 'request 1 of this instance\n' },
];

const servers = {
  'wasmtime serve': (component) => [tools.wasmtime, ['serve', '--addr', '127.0.0.1:0', component]],
  'ferry serve': (component) => [tools.ferry, ['serve', '--addr', '127.0.0.1:0', component]],
};

export default async function check(t, { dir, out, component }) {
  for (const [name, command] of Object.entries(servers)) {
    await t.test(name, async () => {
      const server = await startServer(...command(component), { timeoutMs: TIMEOUT_MS });
      try {
        for (const expected of requests) await expectResponse(server, expected);
        // The handler throws before setting a response: the server answers 500, logs it, and
        // answers the next request.
        const failed = await request(server, '/throw', {});
        assert.equal(failed.status, 500, 'GET /throw');
        await expectResponse(server, requests[0]);
        await server.waitFor(/Uncaught Error: handler failed on get/);
        await server.waitFor(/immutable: immutable/);
      } finally {
        server.stop();
      }
    });
  }

  // The same program built from the standard `wasi:http/proxy` world.
  const proxy = componentize(dir, ['app.js', '--wit', 'wit', '--world', 'proxy', '-o', join(out, 'proxy.wasm')]);
  for (const [name, command] of Object.entries(servers)) {
    await t.test(`${name}, proxy world`, async () => {
      const server = await startServer(...command(proxy), { timeoutMs: TIMEOUT_MS });
      try {
        for (const expected of requests.slice(0, 3)) await expectResponse(server, expected);
      } finally {
        server.stop();
      }
    });
  }

  await t.test('wasmtime serve, reusing instances', async () => {
    const server = await startServer(tools.wasmtime, ['serve', '--addr', '127.0.0.1:0', '--max-instance-reuse-count', '100', component], { timeoutMs: TIMEOUT_MS });
    try {
      for (const expected of requests.slice(0, 5)) await expectResponse(server, expected);
      const count = await request(server, '/count', {});
      const handled = Number(/^request (\d+) of this instance\n$/.exec(count.body)?.[1]);
      assert.ok(handled > 1 && handled <= 6, `one instance handled several requests: ${count.body}`);
    } finally {
      server.stop();
    }
  });
}

/** Sends a request and checks the answer: status, the handler's headers, the exact body. */
async function expectResponse(server, { path, init, method, status, body }) {
  const what = `${init.method ?? 'GET'} ${path}`;
  const response = await request(server, path, init);
  assert.equal(response.status, status, `${what}: status; server output:\n${server.output()}`);
  assert.equal(response.headers.get('content-type'), 'text/plain; charset=utf-8', `${what}: content-type`);
  assert.equal(response.headers.get('x-method'), method, `${what}: x-method`);
  assert.equal(response.body, typeof body === 'function' ? body(server.port) : body, `${what}: body`);
}

/** fetch, bounded in time; the body read as text. */
async function request(server, path, init) {
  const url = `http://127.0.0.1:${server.port}${path}`;
  const response = await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
  return { status: response.status, headers: response.headers, body: await response.text() };
}
