// fetch over wasi:http: `client.js` is componentized and each call of expect.txt (`{port}`
// there is the port of this script's HTTP server on 127.0.0.1, which also listens on a second
// port, another origin; `{closed}` a port nothing listens on) runs on wasmtime with
// `-S http`, then on Node through `ferry transpile` and the shims (`host.mjs`), with the
// same output expected. `/hold` and `/release` requests wait for each other (`meet`): a
// fetch that kept other jobs from running until its response came would never send the
// partner its response waits for.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { join } from 'node:path';

import { checkCalls, componentize, lines, run, transpile } from '../../harness.mjs';

/** The port of the second server, another origin for redirects. */
let otherPort;

/** How long a `/hold` or `/release` waits for its partner before it answers 504: only a
 *  fetch that blocks the others makes it wait at all. */
const PARTNER_TIMEOUT_MS = 10_000;
const ANSWERS = { '/hold': 'released', '/release': 'ok' };
/** `/hold K` or `/release K` -> the answer of a request waiting for its partner. */
const waitingForPartner = new Map();

/** Answers `/hold?key=K` and `/release?key=K` once both have come, in whichever order. */
function meet(path, key, response) {
  const partner = path === '/hold' ? '/release' : '/hold';
  const answerPartner = waitingForPartner.get(`${partner} ${key}`);
  if (answerPartner !== undefined) {
    waitingForPartner.delete(`${partner} ${key}`);
    answerPartner();
    return response.end(ANSWERS[path]);
  }
  const timeout = setTimeout(() => {
    waitingForPartner.delete(`${path} ${key}`);
    response.writeHead(504);
    response.end(`no ${partner} came`);
  }, PARTNER_TIMEOUT_MS);
  waitingForPartner.set(`${path} ${key}`, () => {
    clearTimeout(timeout);
    response.end(ANSWERS[path]);
  });
}

function respond(request, body, response) {
  const route = `${request.method} ${request.url}`;
  const { pathname, searchParams } = new URL(request.url, 'http://localhost');
  if (pathname in ANSWERS) return meet(pathname, searchParams.get('key'), response);
  switch (route) {
    case 'GET /json':
      response.writeHead(200, {
        'content-type': 'application/json',
        'x-reply': `got ${request.headers['x-test']}`,
        'x-multi': ['1', '2'],
      });
      return response.end(JSON.stringify({ hello: 'world', list: [1, 2] }));
    case 'POST /echo':
      response.writeHead(201, {
        'x-echo-id': request.headers['x-request-id'],
        'x-echo-type': request.headers['content-type'],
        'x-echo-length': request.headers['content-length'],
      });
      return response.end(`${request.method} ${request.url} ${body.toString()}`);
    case 'PUT /bytes':
      response.writeHead(200, { 'content-type': request.headers['content-type'] });
      return response.end(body);
    case 'POST /count':
      return response.end(`received ${body.length} bytes`);
    case 'GET /big':
      return response.end('abcdefghij'.repeat(30_000));
    case 'GET /old/moved':
      response.writeHead(301, { location: '../new/./here?x=1' });
      return response.end('moved');
    case 'POST /see-other':
      response.writeHead(303, { location: '/method' });
      return response.end();
    case 'POST /temporary':
      response.writeHead(307, { location: `http://${request.headers.host}/method` });
      return response.end();
    case 'GET /cross-origin':
      response.writeHead(302, { location: `http://127.0.0.1:${otherPort}/method` });
      return response.end();
    case 'GET /loop':
      response.writeHead(302, { location: '/loop' });
      return response.end();
    case 'GET /new/here?x=1':
    case 'GET /method':
    case 'POST /method':
      return response.end(
        `${route} ${request.headers['content-type'] ?? '-'} ${request.headers.authorization ?? '-'} ${body.toString() || '-'}`,
      );
    default:
      response.writeHead(404);
      return response.end(`no route ${route}`);
  }
}

function listen(server) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server.address().port));
  });
}

/** A port that was free a moment ago: connecting to it is refused. */
async function closedPort() {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export default async function check(t, { dir, out, expect }) {
  const component = componentize(dir, ['client.js', '--wit', 'world.wit', '-o', join(out, 'client.wasm')]);
  const servers = [0, 1].map(() =>
    createServer((request, response) => {
      const chunks = [];
      request.on('data', (chunk) => chunks.push(chunk));
      request.on('end', () => respond(request, Buffer.concat(chunks), response));
    }),
  );
  try {
    const port = await listen(servers[0]);
    otherPort = await listen(servers[1]);
    const closed = await closedPort();
    const fill = (text) => text.replaceAll('{port}', port).replaceAll('{closed}', closed);
    const calls = expect.calls.map((call) => ({ ...call, invoke: fill(call.invoke), stdout: call.stdout.map(fill) }));
    await checkCalls(t, calls, () => component, { wasmtimeArgs: ['-S', 'http'] });
    await t.test('node, through ferry transpile', async () => {
      const module = transpile(component, join(out, 'js'));
      const r = await run(process.execPath, [join(dir, 'host.mjs'), module, ...calls.map((c) => c.invoke)]);
      assert.equal(r.status, 0, `host.mjs failed:\nstdout:\n${r.stdout}\nstderr:\n${r.stderr}`);
      assert.deepEqual(lines(r.stdout), calls.flatMap((c) => c.stdout), `stderr:\n${r.stderr}`);
    });
  } finally {
    for (const server of servers) {
      server.close();
      server.closeAllConnections();
    }
  }
}
