// What the browser tests share: a loopback HTTP server of test files, and Debian's Chromium
// driven by playwright-core (never a browser download).
//
//   CHROMIUM  the browser binary (default /usr/bin/chromium)

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm' };

/**
 * Serves on 127.0.0.1 the file `fileFor(path)` names for each path (404 when it names none),
 * and `/` as a page of `html` in <body>. Resolves to `{ origin, requests, close }`, `requests`
 * the paths asked for, in order.
 */
export async function serveFiles(fileFor, html = '') {
  const requests = [];
  const server = createServer(async (req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    requests.push(path);
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(`<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,">${html}`);
      return;
    }
    const file = fileFor(path);
    if (file === undefined) res.writeHead(404).end();
    else await sendFile(res, file);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${server.address().port}`, requests, close: () => server.close() };
}

/** Launches headless Chromium. */
export function launchChromium() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-quic', '--no-first-run', '--disable-component-update', '--disable-sync'],
    timeout: 30_000,
  });
}

/** Answers with the file at `path` under `dir` (403 outside it, 404 if missing). */
export async function serveFile(res, dir, path) {
  const file = normalize(join(dir, path));
  if (!file.startsWith(dir + sep)) return res.writeHead(403).end();
  return sendFile(res, file);
}

async function sendFile(res, file) {
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
  } catch {
    res.writeHead(404).end();
  }
}
