// The loopback server the `http-client` program requests (see src/bin/http-client.rs for its
// paths), shared by the tests that run the program (tests/wasi/run.test.mjs under `ferry run`,
// tests/browser/wasi.test.mjs in Chromium) and compare it with `wasmtime run` on the same
// server. A request from a page (one with an `Origin` header) is answered with CORS headers
// that let it through, as a server a page may call must; preflights (`OPTIONS`) get only them.

import { createServer } from 'node:http';

const routes = {
  '/hello': (req, res) => {
    for (const [name, value] of Object.entries(req.headers)) if (name.startsWith('x-')) res.setHeader(name, value);
    res.setHeader('content-type', 'text/plain');
    res.end('hello from node');
  },
  '/echo': (req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      for (const [name, value] of Object.entries(req.trailers)) res.setHeader(`x-trailer-${name}`, value);
      res.setHeader('x-method', req.method);
      res.end(Buffer.concat(chunks));
    });
  },
  '/missing': (req, res) => {
    res.statusCode = 404;
    res.end('not here');
  },
  '/trailers': (req, res) => {
    res.writeHead(200, { trailer: 'x-sum, x-count', 'content-type': 'text/plain' });
    res.write('part one,');
    res.write(' part two');
    res.addTrailers({ 'x-sum': '42', 'x-count': '2' });
    res.end();
  },
  '/slow': (req, res) => {
    const timer = setTimeout(() => res.end('late'), 3000);
    res.on('close', () => clearTimeout(timer));
  },
};

/** Lets a page of any origin send any method and header, and read every response header. */
function allowCrossOrigin(req, res) {
  res.setHeader('access-control-allow-origin', '*');
  res.setHeader('access-control-expose-headers', '*');
  if (req.method !== 'OPTIONS') return false;
  res.writeHead(204, {
    'access-control-allow-methods': req.headers['access-control-request-method'] ?? '*',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*',
  });
  res.end();
  return true;
}

/** Starts the server on 127.0.0.1, any free port; resolves to it once it listens. */
export function httpClientServer() {
  const server = createServer((req, res) => {
    if (req.headers.origin !== undefined && allowCrossOrigin(req, res)) return;
    (routes[req.url] ?? ((_, r) => { r.statusCode = 500; r.end(); }))(req, res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
