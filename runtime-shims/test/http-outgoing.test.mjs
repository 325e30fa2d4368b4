// wasi:http/outgoing-handler (src/http/outgoing.js) driven directly, as a transpiled
// component's code calls it: synchronously, so the main thread blocks in each call and the
// Node HTTP server runs in a worker thread. Only 127.0.0.1; every wait is bounded by a timer.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { monotonicClock } from '../src/clocks.js';
import { outgoingHandler, types } from '../src/http.js';
import { configure } from '../src/index.js';
import { poll } from '../src/io.js';

const { Fields, IncomingBody, OutgoingBody, OutgoingRequest, RequestOptions, httpErrorCode } = types;
const bytes = (string) => new TextEncoder().encode(string);
const text = (data) => new TextDecoder().decode(data);

/** Waits until `pollable` is ready; fails after `seconds`. */
function ready(pollable, seconds = 5) {
  const limit = monotonicClock.subscribeDuration(BigInt(seconds) * 1_000_000_000n);
  assert.deepEqual([...poll.poll([pollable, limit])], [0], 'timed out');
}

/** The routes of the test server (CommonJS in a worker thread); it posts its port, then a closed port. */
const SERVER = `
  const { createServer } = require('node:http');
  const { createHash } = require('node:crypto');
  const routes = {
    '/headers': (req, res) => {
      res.writeHead(201, [['X-Reply', 'yes'], ['x-multi', 'a'], ['x-multi', 'b'], ['content-type', 'application/json']]);
      res.end(JSON.stringify({ method: req.method, url: req.url, headers: req.rawHeaders }));
    },
    '/echo': (req, res) => {
      const chunks = [];
      req.on('data', (chunk) => chunks.push(chunk));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        res.writeHead(200, { 'content-length': body.length, 'x-sha256': createHash('sha256').update(body).digest('hex'), 'x-trailers': JSON.stringify(req.trailers) });
        res.end(body);
      });
    },
    '/trailers': (req, res) => {
      res.writeHead(200, { trailer: 'x-checksum' });
      res.write('hello ');
      res.addTrailers([['X-Checksum', 'abc'], ['x-count', '2']]);
      res.end('world');
    },
    '/chunks': (req, res) => {
      res.writeHead(200);
      let n = 0;
      const next = () => (n < 5 ? res.write('chunk ' + n++ + ';', () => setTimeout(next, 20)) : res.end());
      next();
    },
    '/slow': (req, res) => setTimeout(() => res.end('late'), 1000),
    '/stall': (req, res) => res.write('first'),
    '/cut': (req, res) => {
      res.writeHead(200, { 'content-length': 100 });
      res.write('partial', () => res.socket.destroy());
    },
  };
  const server = createServer((req, res) => routes[req.url](req, res));
  server.listen(0, '127.0.0.1', () => {
    post(server.address().port);
    const closed = createServer().listen(0, '127.0.0.1', () => {
      const { port } = closed.address();
      closed.close(() => post(port));
    });
  });`;

let server;
let port;
let closedPort;

before(async () => {
  configure({ network: true });
  server = new Worker(
    `const { parentPort } = require('node:worker_threads');
     const post = (message) => parentPort.postMessage(message);
     ${SERVER}`,
    { eval: true },
  );
  const ports = [];
  await new Promise((resolve) => server.on('message', (p) => ports.push(p) === 2 && resolve()));
  [port, closedPort] = ports;
});
after(async () => {
  configure({ network: false });
  await server.terminate();
});

/** An outgoing request to the test server (or `authority`). */
function request(path, { method = { tag: 'get' }, headers = [], authority = `127.0.0.1:${port}`, scheme = { tag: 'HTTP' } } = {}) {
  const req = new OutgoingRequest(Fields.fromList(headers.map(([n, v]) => [n, bytes(v)])));
  req.setMethod(method);
  req.setScheme(scheme);
  req.setAuthority(authority);
  req.setPathWithQuery(path);
  return req;
}

/** The result of a future-incoming-response: `{ tag: 'ok', val: IncomingResponse }` or `{ tag: 'err', val: error-code }`. */
function result(future, seconds) {
  ready(future.subscribe(), seconds);
  const outer = future.get();
  assert.equal(outer.tag, 'ok');
  return outer.val;
}

function response(future) {
  const r = result(future);
  assert.equal(r.tag, 'ok', `the request failed: ${JSON.stringify(r.val)}`);
  return r.val;
}

/** Reads `body` to its end; also returns the number of reads. */
function readAll(body) {
  const stream = body.stream();
  const chunks = [];
  for (;;) {
    ready(stream.subscribe());
    let chunk;
    try {
      chunk = stream.read(1_000_000n);
    } catch (e) {
      if (e.tag === 'closed') break;
      throw e;
    }
    if (chunk.length > 0) chunks.push(chunk);
  }
  stream[Symbol.dispose]();
  return { data: Buffer.concat(chunks), reads: chunks.length };
}

/** The trailers of `body` once read: entries, or undefined. */
function trailers(body) {
  const future = IncomingBody.finish(body);
  ready(future.subscribe());
  const { tag, val } = future.get();
  assert.equal(tag, 'ok');
  assert.equal(val.tag, 'ok', `trailers failed: ${JSON.stringify(val.val)}`);
  return val.val?.entries().map(([n, v]) => [n, text(v)]);
}

const header = (res, name) => res.headers().get(name).map(text);

test('GET with headers: status, response headers, the request as the server saw it', () => {
  const req = request('/headers', { headers: [['X-Custom', 'one'], ['x-custom', 'two'], ['accept', 'text/plain']] });
  const res = response(outgoingHandler.handle(req));
  assert.equal(res.status(), 201);
  assert.deepEqual(header(res, 'x-reply'), ['yes']);
  assert.deepEqual(header(res, 'x-multi'), ['a', 'b']);
  const body = res.consume();
  const seen = JSON.parse(readAll(body).data);
  assert.equal(trailers(body), undefined);
  assert.equal(seen.method, 'GET');
  assert.equal(seen.url, '/headers');
  const values = (name) => seen.headers.filter((v, i) => i % 2 === 1 && seen.headers[i - 1].toLowerCase() === name);
  assert.deepEqual(values('host'), [`127.0.0.1:${port}`]);
  assert.deepEqual(values('x-custom'), ['one', 'two']);
  assert.deepEqual(values('transfer-encoding'), []);
  assert.deepEqual(values('content-length'), []);
});

test('POST: a 1.5 MiB body streamed in chunks with its declared trailers (as hyper: only those), echoed byte for byte', (t) => {
  const data = new Uint8Array(randomBytes(1.5 * 1024 * 1024 + 7));
  const req = request('/echo', { method: { tag: 'post' }, headers: [['trailer', 'X-Sent']] });
  const body = req.body();
  const future = outgoingHandler.handle(req);
  const out = body.write();
  const start = performance.now();
  for (let at = 0; at < data.length; at += 100_000) out.blockingWriteAndFlush(data.subarray(at, at + 100_000));
  out[Symbol.dispose]();
  OutgoingBody.finish(body, Fields.fromList([['x-sent', bytes('done')], ['x-undeclared', bytes('dropped')]]));
  const res = response(future);
  const back = readAll(res.consume());
  t.diagnostic(`1.5 MiB up and back: ${(performance.now() - start).toFixed(1)} ms, ${back.reads} reads`);
  assert.equal(res.status(), 200);
  assert.deepEqual(header(res, 'x-sha256'), [createHash('sha256').update(data).digest('hex')]);
  assert.deepEqual(JSON.parse(header(res, 'x-trailers')[0]), { 'x-sent': 'done' });
  assert.ok(back.data.equals(data), 'the echo differs');
});

test('PUT with a content-length: the body is sent as it is, no chunking', () => {
  const req = request('/echo', { method: { tag: 'put' }, headers: [['content-length', '5']] });
  const body = req.body();
  const out = body.write();
  out.blockingWriteAndFlush(bytes('hello'));
  out[Symbol.dispose]();
  OutgoingBody.finish(body);
  const res = response(outgoingHandler.handle(req));
  assert.equal(text(readAll(res.consume()).data), 'hello');
});

test('response trailers come after the body', () => {
  const res = response(outgoingHandler.handle(request('/trailers')));
  const body = res.consume();
  assert.equal(text(readAll(body).data), 'hello world');
  assert.deepEqual(trailers(body), [['x-checksum', 'abc'], ['x-count', '2']]);
});

test('trailers without reading the body: the rest is discarded', () => {
  const res = response(outgoingHandler.handle(request('/trailers')));
  assert.deepEqual(trailers(res.consume()), [['x-checksum', 'abc'], ['x-count', '2']]);
});

test('a chunked response read as it comes', () => {
  const res = response(outgoingHandler.handle(request('/chunks')));
  const { data, reads } = readAll(res.consume());
  assert.equal(text(data), 'chunk 0;chunk 1;chunk 2;chunk 3;chunk 4;');
  assert.ok(reads >= 2, `${reads} reads: the chunks came together`);
});

test('a response cut short: the body read fails with HTTP-protocol-error', () => {
  const body = response(outgoingHandler.handle(request('/cut'))).consume();
  assert.throws(
    () => readAll(body),
    (e) => e.tag === 'last-operation-failed' && httpErrorCode(e.val).tag === 'HTTP-protocol-error',
  );
});

test('connection refused', () => {
  const r = result(outgoingHandler.handle(request('/', { authority: `127.0.0.1:${closedPort}` })));
  assert.deepEqual(r, { tag: 'err', val: { tag: 'connection-refused' } });
});

test('a name that does not resolve: DNS-error, as wasmtime reports it', () => {
  const r = result(outgoingHandler.handle(request('/', { authority: 'no-such-host.invalid' })), 15);
  assert.deepEqual(r, { tag: 'err', val: { tag: 'DNS-error', val: { rcode: 'address not available', infoCode: 0 } } });
});

test('first-byte and between-bytes timeouts: connection-read-timeout', () => {
  const options = new RequestOptions();
  options.setFirstByteTimeout(200_000_000n);
  const slow = result(outgoingHandler.handle(request('/slow'), options));
  assert.deepEqual(slow, { tag: 'err', val: { tag: 'connection-read-timeout' } });

  const between = new RequestOptions();
  between.setBetweenBytesTimeout(200_000_000n);
  const body = response(outgoingHandler.handle(request('/stall'), between)).consume();
  assert.throws(
    () => readAll(body),
    (e) => e.tag === 'last-operation-failed' && httpErrorCode(e.val).tag === 'connection-read-timeout',
  );
});

test('requests wasmtime refuses before sending', () => {
  const thrown = (req) => {
    try {
      outgoingHandler.handle(req);
    } catch (e) {
      return e;
    }
    assert.fail('handle did not fail');
  };
  assert.deepEqual(thrown(request('/', { scheme: { tag: 'other', val: 'ftp' } })), { tag: 'HTTP-protocol-error' });
  const noAuthority = request('/');
  noAuthority.setAuthority(undefined);
  assert.deepEqual(thrown(noAuthority), { tag: 'HTTP-request-URI-invalid' });
});

test('without network permission, handle traps', () => {
  configure({ network: false });
  try {
    assert.throws(() => outgoingHandler.handle(request('/headers')), WebAssembly.RuntimeError);
  } finally {
    configure({ network: true });
  }
});
