// `ferry serve`: serves a transpiled `wasi:http/proxy` component (exporting
// `wasi:http/incoming-handler`) on Node's HTTP server, as `wasmtime serve` does: a fresh
// instance of the component per request. Wasm blocks the main thread while it runs, so the
// server lives in the worker thread (http/worker/serve.js), which queues the requests; the
// main thread takes them one at a time (blocking in `call` while idle), instantiates the
// component, calls `handle`, and streams the response back through the worker. A trap, or a
// handler that sets no response, gives status 500 and is reported on stderr; serving goes on.
import { writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { describeError } from './command.js';
import { configure } from './config.js';
import { streamFailure } from './http/errors.js';
import { IncomingRequest } from './http/requests.js';
import { ResponseOutparam } from './http/responses.js';
import { responseSource } from './http/streams.js';
import { call } from './io/worker.js';
import { streamCall } from './sockets/streams.js';

/** The shims' modules by the specifiers transpiled code imports them by (the `instantiate` import object). */
async function shimImports() {
  const names = ['cli', 'clocks', 'filesystem', 'http', 'io', 'random', 'sockets'];
  const modules = await Promise.all(names.map((name) => import(`./${name}.js`)));
  return Object.fromEntries(names.map((name, i) => [`@ferry-wasm/shims/${name}`, modules[i]]));
}

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/** A `method` variant of a request line's method. */
const method = (name) => (METHODS.has(name) ? { tag: name.toLowerCase() } : { tag: 'other', val: name });

/** `host:port` (`[v6]:port`) as Node's listen arguments. */
function parseAddr(addr) {
  const match = /^(?:\[(.*)\]|([^:]*)):(\d+)$/.exec(addr);
  if (!match) throw new Error(`invalid socket address \`${addr}\``);
  return { host: match[1] ?? match[2], port: Number(match[3]) };
}

const log = (text) => writeSync(2, text);

/** The sink of the response body of request `id` (see OutgoingPipe in http/bodies.js). */
const responseSink = (id) => ({
  write: (bytes) => streamCall(streamFailure, 'serveWrite', id, bytes),
  finish: (trailers) => call('serveFinish', id, trailers),
  abort: () => call('serveAbort', id),
});

/**
 * Serves the transpiled module at `moduleUrl` (transpiled with `--instantiation async`) with
 * the grants `options` (as for `configure`) on `addr` (`host:port`; port 0 for any free port:
 * the address bound is printed on stderr, as wasmtime does). Resolves to an exit code only if
 * it cannot serve; `name` is how messages name the component.
 */
export async function serve(moduleUrl, options = {}, { addr = '0.0.0.0:8080', name = 'component' } = {}) {
  configure(options);
  const imports = await shimImports();
  let instantiate;
  const cores = new Map();
  const getCoreModule = (file) => {
    if (!cores.has(file)) cores.set(file, readFile(new URL(file, moduleUrl)).then((bytes) => WebAssembly.compile(bytes)));
    return cores.get(file);
  };
  try {
    ({ instantiate } = await import(moduleUrl));
    // As wasmtime, which checks the component before serving: instantiate it once.
    const handler = handlerOf(await instantiate(getCoreModule, imports));
    if (handler === undefined) {
      log(`Error: \`${name}\` does not export \`wasi:http/incoming-handler\`\n`);
      return 1;
    }
  } catch (e) {
    log(`Error: failed to instantiate \`${name}\`\n\nCaused by:\n    ${describeError(e).message}\n`);
    return 1;
  }
  let bound;
  try {
    bound = call('serveListen', ...Object.values(parseAddr(addr)));
  } catch (e) {
    log(`Error: ${e?.message ?? e}\n`);
    return 1;
  }
  log(`Serving HTTP on http://${bound}/\n`);
  for (;;) {
    // No Wasm runs between requests: blocking here until the next one comes is harmless.
    const next = call('serveNext');
    await handleRequest(next, () => instantiate(getCoreModule, imports));
  }
}

/** The `incoming-handler` instance of a component's exports, if it has one. */
const handlerOf = (exports) =>
  Object.entries(exports).find(([key]) => /^wasi:http\/incoming-handler(@|$)/.test(key))?.[1] ?? exports.incomingHandler;

/** Handles one request (`serveNext`'s description) with a fresh instance from `instantiate()`. */
async function handleRequest({ id, method: name, path, authority, headers, readable, trailers }, instantiate) {
  let set = false;
  try {
    const handler = handlerOf(await instantiate());
    const request = new IncomingRequest({
      method: method(name),
      pathWithQuery: path,
      scheme: { tag: 'HTTP' },
      authority,
      headers,
      body: responseSource(id, { readable, trailers }),
    });
    const out = new ResponseOutparam((response) => {
      set = true;
      if (response.tag === 'err') {
        log(`error: the response is an error: ${JSON.stringify(response.val)}\n`);
        return;
      }
      const { status, headers: fields, body } = response.val;
      call('serveRespond', id, status, fields);
      if (body === undefined) call('serveFinish', id, undefined);
      else body.connect(responseSink(id));
    });
    try {
      handler.handle(request, out);
    } finally {
      if (!set) log('error: guest never invoked `response-outparam::set` method\n');
    }
  } catch (e) {
    log(`worker failed: error while executing\n\nCaused by:\n    ${describeError(e).message}\n`);
  } finally {
    call('serveDone', id);
  }
}
