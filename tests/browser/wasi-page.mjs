// Runs in Chromium, imported by wasi.test.mjs into a page whose import map sends
// `@ferry-wasm/shims/*` to the browser side of runtime-shims (the `browser` condition of its
// package.json). Each export is one check's browser half: it drives the shims or a transpiled
// WASI program and returns plain values (bigints as strings) for the test to assert on.

import { configure, ExitError, files, readFile } from '@ferry-wasm/shims';
import { exit, stdin } from '@ferry-wasm/shims/cli';
import { monotonicClock, wallClock } from '@ferry-wasm/shims/clocks';
import { preopens, types as fsTypes } from '@ferry-wasm/shims/filesystem';
import { types as httpTypes, outgoingHandler } from '@ferry-wasm/shims/http';
import { poll } from '@ferry-wasm/shims/io';
import { insecure, insecureSeed, random } from '@ferry-wasm/shims/random';
import { instanceNetwork, ipNameLookup, tcp, tcpCreateSocket, udp, udpCreateSocket } from '@ferry-wasm/shims/sockets';
import { runCommand } from '@ferry-wasm/shims/command';

const text = (bytes) => new TextDecoder().decode(bytes);
const bytes = (string) => new TextEncoder().encode(string);
const isPromise = (value) => value instanceof Promise;

/** What `fn` threw (a WIT error value as it is, an Error as `Name: message`), or `'returned'`. */
function thrown(fn) {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? `${e.name}: ${e.message}` : e;
  }
  return 'returned';
}

/** The export names of each module, and the keys of each exported interface object. */
export async function exportShapes(specifiers) {
  const shapes = {};
  for (const specifier of specifiers) {
    const module = await import(specifier);
    shapes[specifier] = Object.fromEntries(
      Object.entries(module).map(([name, value]) => [name, typeof value === 'object' ? Object.keys(value).sort() : typeof value]),
    );
  }
  return shapes;
}

let runs = 0;

/**
 * A stdin source fed by the body of a fetch of `url`, read as the server sends it: a blocking
 * read with nothing there yet returns a Promise (`waits` counts them), which a component
 * transpiled with `--async-mode jspi` suspends on.
 */
function fetchedStdin(url) {
  const reader = fetch(url).then((response) => response.body.getReader());
  let buffered = new Uint8Array(0);
  let done = false;
  let pulling;
  /** Reads the body's next chunk into `buffered` (one read at a time). */
  const pull = () => (pulling ??= reader.then((r) => r.read()).then((chunk) => {
    pulling = undefined;
    if (chunk.done) done = true;
    else buffered = chunk.value;
  }));
  const source = {
    waits: 0,
    read(len, blocking) {
      if (buffered.length > 0) {
        const chunk = buffered.slice(0, len);
        buffered = buffered.subarray(chunk.length);
        return chunk;
      }
      if (done) return null;
      if (!blocking) {
        pull();
        return new Uint8Array(0);
      }
      source.waits++;
      return pull().then(() => source.read(len, blocking));
    },
    pollable: () => new poll.Pollable(() => buffered.length > 0 || done, { settled: pull }),
  };
  return source;
}

/** The SHA-256 of `bytes`, in hex. */
async function sha256(bytes) {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `chunks` (Uint8Arrays) as one. */
function concat(chunks) {
  const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  chunks.reduce((at, c) => (all.set(c, at), at + c.length), 0);
  return all;
}

/**
 * Runs the transpiled program `name` with `runCommand`, as `options` say (`configure`'s keys;
 * stdout and stderr are captured unless `console` is true; `jspi`: the program as transpiled
 * with `--async-mode jspi`; `stdinUrl`: stdin streamed from a fetch of it); then the exit code,
 * what it wrote (stdout also as its SHA-256), the files it left (path and size) and how many
 * reads of `stdinUrl` had to wait.
 */
export async function runProgram(name, { console: toConsole = false, jspi = false, stdinUrl, ...options }) {
  const out = [];
  const err = [];
  const stdio = toConsole ? { stdout: undefined, stderr: undefined } : { stdout: (chunk) => out.push(chunk), stderr: (chunk) => err.push(chunk) };
  const stdin = stdinUrl === undefined ? {} : { stdin: fetchedStdin(stdinUrl) };
  // A query makes a fresh module, so a fresh instance of the component.
  const url = new URL(`/programs/${jspi ? 'jspi/' : ''}${name}/${name}.js?run=${++runs}`, location.href).href;
  const code = await runCommand(url, { ...options, ...stdio, ...stdin }, `${name}.wasm`);
  const stdout = concat(out);
  return {
    code,
    stdout: text(stdout),
    stdoutSha256: await sha256(stdout),
    stderr: text(concat(err)),
    files: files().map((path) => [path, readFile(path).length]),
    stdinWaits: stdin.stdin?.waits,
  };
}

/** The text of a file of the in-memory filesystem, or null. */
export function readText(path) {
  const contents = readFile(path);
  return contents === undefined ? null : text(contents);
}

/** `wasi:cli/exit` throws an `ExitError` with the code; a transpiled program's `run` lets it through. */
export async function exitChecks() {
  configure({ exit: (code) => { throw new ExitError(code); } });
  let caught;
  try {
    exit.exitWithCode(7);
  } catch (e) {
    caught = e;
  }
  configure({ args: ['exit-codes.wasm', 'exit', '3'], stdout: () => {}, stderr: () => {} });
  const { run } = await import(`/programs/exit-codes/exit-codes.js?run=${++runs}`);
  let fromRun;
  try {
    run.run();
  } catch (e) {
    fromRun = e;
  }
  return {
    direct: { isExitError: caught instanceof ExitError, code: caught?.code },
    fromRun: { isExitError: fromRun instanceof ExitError, code: fromRun?.code },
  };
}

/** The smallest step of the monotonic clock seen in up to 20 steps (100 ms at most), in ns. */
function smallestStep() {
  const steps = [];
  let last = monotonicClock.now();
  const until = performance.now() + 100;
  while (steps.length < 20 && performance.now() < until) {
    const t = monotonicClock.now();
    if (t !== last) steps.push(t - last);
    last = t;
  }
  return { steps: steps.length, smallest: String(steps.reduce((a, b) => (b < a ? b : a))) };
}

/** The clocks, read directly. */
export function clockChecks() {
  const a = monotonicClock.now();
  const b = monotonicClock.now();
  const wall = wallClock.now();
  const wallMs = Number(wall.seconds) * 1000 + wall.nanoseconds / 1e6;
  return {
    crossOriginIsolated,
    resolution: String(monotonicClock.resolution()),
    seen: smallestStep(),
    nowIsBigint: typeof a === 'bigint',
    monotonic: b >= a,
    // performance.now() in nanoseconds, not some other unit.
    nowMatchesPerformance: Math.abs(Number(b) / 1e6 - performance.now()) < 1000,
    wallWithinASecond: Math.abs(wallMs - Date.now()) < 1000,
    wallResolution: { ...wallClock.resolution(), seconds: String(wallClock.resolution().seconds) },
  };
}

/** Timers and `poll`: a wait is a Promise, what is ready answers at once. */
export async function pollChecks() {
  const start = monotonicClock.now();
  const timer = monotonicClock.subscribeDuration(40_000_000n);
  const late = monotonicClock.subscribeDuration(60_000_000_000n);
  const readyNow = monotonicClock.subscribeInstant(start);
  const timerReadyAtFirst = timer.ready();
  const waiting = poll.poll([late, timer]);
  const waited = isPromise(waiting) ? [...(await waiting)] : null;
  const pollElapsedMs = Number(monotonicClock.now() - start) / 1e6;
  const immediate = poll.poll([late, readyNow]);
  const blockTimer = monotonicClock.subscribeDuration(30_000_000n);
  const blockStart = monotonicClock.now();
  const blocking = blockTimer.block();
  const blockResult = isPromise(blocking) ? await blocking : 'not a promise';
  return {
    timerReadyAtFirst,
    pollReturnedPromise: isPromise(waiting),
    waited,
    pollElapsedMs,
    immediate: isPromise(immediate) ? 'promise' : [...immediate],
    readyBlock: readyNow.block() === undefined,
    blockResult: blockResult === undefined ? 'undefined' : String(blockResult),
    blockElapsedMs: Number(monotonicClock.now() - blockStart) / 1e6,
    emptyPoll: thrown(() => poll.poll([])),
  };
}

/** `wasi:random`, from `crypto.getRandomValues`, more than its 64 KiB at a time. */
export function randomChecks() {
  const size = 200_000;
  const a = random.getRandomBytes(BigInt(size));
  const b = insecure.getInsecureRandomBytes(BigInt(size));
  // Each 64 KiB piece got random bytes (a piece left out would be all zeros).
  const pieces = [];
  for (let at = 0; at < size; at += 65536) pieces.push(a.subarray(at, at + 65536).some((x) => x !== 0));
  const seed = insecureSeed.insecureSeed();
  return {
    length: a.length,
    piecesNonZero: pieces,
    drawsDiffer: a.some((x, i) => x !== b[i]),
    u64: typeof random.getRandomU64(),
    seed: seed.map((x) => typeof x),
  };
}

/** stdin from a source whose blocking read waits: `blocking-read` returns a Promise. */
export async function stdinChecks() {
  let release;
  const arrived = new Promise((resolve) => (release = resolve));
  const chunks = [bytes('late data')];
  configure({
    stdin: {
      read(len, blocking) {
        if (chunks.length === 0) return null;
        if (!blocking) return new Uint8Array(0);
        return arrived.then(() => chunks.shift());
      },
    },
  });
  const stream = stdin.getStdin();
  const nonBlocking = stream.read(10n).length;
  const pending = stream.blockingRead(10n);
  setTimeout(release, 20);
  const got = isPromise(pending) ? text(await pending) : null;
  const end = thrown(() => stream.blockingRead(10n)).tag;
  return { nonBlocking, returnedPromise: isPromise(pending), got, end };
}

const NOFOLLOW = { symlinkFollow: false };
const OPEN = { create: false, directory: false, exclusive: false, truncate: false };
const READ = { read: true };
const WRITE = { write: true };

/**
 * The shims' waits under JSPI: jspi-wait.wasm (built by the test) calls `block` on a 30 ms
 * timer and `read` on stdin whose data comes 20 ms later, through imports wrapped in
 * `WebAssembly.Suspending`, as `--async-mode jspi` wraps them; its export, wrapped in
 * `WebAssembly.promising`, resolves once both waits are over.
 */
export async function jspiChecks() {
  let release;
  const arrived = new Promise((resolve) => (release = resolve));
  configure({ stdin: { read: (len, blocking) => (blocking ? arrived.then(() => bytes('four')) : new Uint8Array(0)) } });
  const stream = stdin.getStdin();
  const host = {
    now: () => monotonicClock.now(),
    block: new WebAssembly.Suspending(() => monotonicClock.subscribeDuration(30_000_000n).block()),
    // As generated code does after the Promise settles: lower the result (here, its length).
    read: new WebAssembly.Suspending(async () => (await stream.blockingRead(10n)).length),
  };
  const { instance } = await WebAssembly.instantiateStreaming(fetch('/jspi-wait.wasm'), { host });
  const run = WebAssembly.promising(instance.exports.run);
  setTimeout(release, 20);
  const result = run();
  return {
    returnedPromise: isPromise(result),
    elapsedMs: Number(await result) / 1e6,
    readLength: instance.exports.readLength(),
  };
}

/** The filesystem's resources driven directly: results and error codes. */
export function filesystemChecks() {
  configure({ files: { '/data/f.txt': 'abc', '/data/d/x.bin': new Uint8Array([1, 2, 3]) }, preopens: ['/data', '/made'] });
  const [[data, dataPath], [made, madePath]] = preopens.getDirectories();
  const at = (path, openFlags = OPEN, flags = READ) => data.openAt(NOFOLLOW, path, { ...OPEN, ...openFlags }, flags);
  const codes = {
    missing: thrown(() => at('missing.txt')),
    createExclusive: thrown(() => at('f.txt', { create: true, exclusive: true }, WRITE)),
    throughAFile: thrown(() => at('f.txt/x')),
    dirForWriting: thrown(() => at('d', OPEN, WRITE)),
    fileAsDirectory: thrown(() => at('f.txt', { directory: true })),
    createDirectory: thrown(() => at('new', { create: true, directory: true })),
    aboveThePreopen: thrown(() => at('../etc')),
    absolute: thrown(() => at('/data/f.txt')),
    mkdirExisting: thrown(() => data.createDirectoryAt('d')),
    rmdirNotEmpty: thrown(() => data.removeDirectoryAt('d')),
    rmdirFile: thrown(() => data.removeDirectoryAt('f.txt')),
    unlinkDirectory: thrown(() => data.unlinkFileAt('d')),
    unlinkMissing: thrown(() => data.unlinkFileAt('nope')),
    renameMissing: thrown(() => data.renameAt('nope', data, 'x')),
    renameDirOverFile: thrown(() => data.renameAt('d', data, 'f.txt')),
    writeReadOnly: thrown(() => at('f.txt').write(bytes('x'), 0n)),
    readDirectoryOfFile: thrown(() => at('f.txt').readDirectory()),
    readViaStreamOfDirectory: thrown(() => data.readViaStream(0n)),
    readOfDirectory: thrown(() => data.read(1n, 0n)),
    symlinkAbsolute: thrown(() => data.symlinkAt('/etc', 'l')),
  };
  // A stream over a file opened for writing only: its read fails, with the error code behind it.
  let streamCode;
  try {
    at('f.txt', OPEN, WRITE).readViaStream(0n).blockingRead(1n);
  } catch (e) {
    streamCode = { tag: e.tag, code: fsTypes.filesystemErrorCode(e.val) };
  }
  const file = at('f.txt', OPEN, { read: true, write: true });
  file.write(bytes('XY'), 5n); // past the end: zeros fill the gap
  const out = file.appendViaStream();
  out.blockingWriteAndFlush(bytes('!'));
  const stat = file.stat();
  const [head, headEnd] = file.read(3n, 0n);
  const [, eof] = file.read(10n, 100n);
  made.createDirectoryAt('sub');
  const created = made.openAt(NOFOLLOW, 'sub/n.txt', { ...OPEN, create: true }, WRITE);
  created.writeViaStream(0n).blockingWriteAndFlush(bytes('new file'));
  data.renameAt('d', made, 'moved');
  const entries = [];
  const dir = made.readDirectory();
  for (let e; (e = dir.readDirectoryEntry()) !== undefined; ) entries.push(e);
  return {
    dataPath,
    madePath,
    codes,
    streamCode,
    stat: { type: stat.type, size: String(stat.size), linkCount: String(stat.linkCount) },
    head: [text(head), headEnd],
    eof,
    fileNow: [...readFile('/data/f.txt')],
    created: readText('/made/sub/n.txt'),
    moved: [...(readFile('/made/moved/x.bin') ?? [])],
    entries: entries.sort((a, b) => a.name.localeCompare(b.name)),
    sameObject: data.isSameObject(preopens.getDirectories()[0][0]),
    files: files(),
  };
}

/** Sockets and name lookup: `not-supported` wherever a call can fail. */
export function socketChecks() {
  const network = instanceNetwork.instanceNetwork();
  const failing = {};
  for (const [name, Class] of [['tcp', tcp.TcpSocket], ['udp', udp.UdpSocket], ['incoming', udp.IncomingDatagramStream],
    ['outgoing', udp.OutgoingDatagramStream], ['lookup', ipNameLookup.ResolveAddressStream]]) {
    for (const method of Object.getOwnPropertyNames(Class.prototype)) {
      if (method !== 'constructor') failing[`${name}.${method}`] = thrown(() => Class.prototype[method].call(Object.create(Class.prototype)));
    }
  }
  return {
    network: network.constructor.name,
    createTcp: thrown(() => tcpCreateSocket.createTcpSocket('ipv4')),
    createUdp: thrown(() => udpCreateSocket.createUdpSocket('ipv6')),
    resolve: thrown(() => ipNameLookup.resolveAddresses(network, 'localhost')),
    methods: failing,
  };
}

/** An outgoing request built as a component would, for `origin` + `path`. */
function request(method, path, { headers = [], body } = {}) {
  const req = new httpTypes.OutgoingRequest(httpTypes.Fields.fromList(headers.map(([n, v]) => [n, bytes(v)])));
  req.setMethod({ tag: method });
  req.setScheme({ tag: 'HTTP' });
  req.setAuthority(location.host);
  req.setPathWithQuery(path);
  if (body !== undefined) {
    const outgoing = req.body();
    const stream = outgoing.write();
    stream.blockingWriteAndFlush(bytes(body));
    stream[Symbol.dispose]();
    httpTypes.OutgoingBody.finish(outgoing, undefined);
  }
  return req;
}

/** Waits for a future's response through its pollable, as a JSPI component would; then takes it. */
async function response(future) {
  const blocking = future.subscribe().block();
  if (blocking !== undefined) await blocking;
  return { blockReturnedPromise: isPromise(blocking), result: future.get() };
}

/** Reads a body stream to its end with `blocking-read`, noting which reads had to wait. */
async function readAll(stream) {
  const chunks = [];
  let waits = 0;
  for (let i = 0; i < 1000; i++) {
    let chunk = stream.blockingRead(65536n);
    if (isPromise(chunk)) {
      waits++;
      chunk = await chunk.catch((e) => e);
    }
    if (chunk?.tag === 'closed') return { text: chunks.join(''), waits };
    if (!(chunk instanceof Uint8Array)) throw new Error(`read failed: ${JSON.stringify(chunk)}`);
    chunks.push(text(chunk));
  }
  throw new Error('the body did not end within 1000 reads');
}

/** Outgoing HTTP through `fetch` to the page's own loopback server. */
export async function httpChecks() {
  configure({ network: true });
  const echo = await response(outgoingHandler.handle(request('post', '/echo?q=1', { headers: [['x-ferry', 'yes']], body: 'hello body' })));
  const echoed = echo.result.val.val;
  const echoBody = echoed.consume();
  const echoStream = echoBody.stream();
  const echoRead = await readAll(echoStream);
  echoStream[Symbol.dispose]();
  const trailers = httpTypes.IncomingBody.finish(echoBody);
  const trailersBlock = trailers.subscribe().block();
  if (trailersBlock !== undefined) await trailersBlock;

  // A body that comes in pieces, 50 ms apart: reads must wait for them.
  const drip = await response(outgoingHandler.handle(request('get', '/drip'), undefined));
  const dripStream = drip.result.val.val.consume().stream();
  const dripRead = await readAll(dripStream);

  // Nothing listens there: the future settles with an error.
  const refusedReq = request('get', '/');
  refusedReq.setAuthority(`127.0.0.1:${refusedPort()}`);
  const refused = await response(outgoingHandler.handle(refusedReq, undefined));

  const ftp = request('get', '/');
  ftp.setScheme({ tag: 'other', val: 'ftp' });
  const noAuthority = request('get', '/');
  noAuthority.setAuthority(undefined);
  const badScheme = thrown(() => outgoingHandler.handle(ftp, undefined));
  const missingAuthority = thrown(() => outgoingHandler.handle(noAuthority, undefined));
  configure({ network: false });
  const notGranted = thrown(() => outgoingHandler.handle(request('get', '/echo'), undefined));
  return {
    echo: {
      blockReturnedPromise: echo.blockReturnedPromise,
      status: echoed.status(),
      header: echoed.headers().get('x-echo').map(text),
      body: JSON.parse(echoRead.text),
      trailersBlockReturnedPromise: isPromise(trailersBlock),
      trailers: trailers.get(),
    },
    drip: { blockReturnedPromise: drip.blockReturnedPromise, status: drip.result.val.val.status(), ...dripRead },
    refused: { tag: refused.result.val.tag, code: refused.result.val.val.tag },
    badScheme,
    missingAuthority,
    notGranted,
  };
}

/** A loopback port nothing listens on: the test server says which (it closed it). */
const refusedPort = () => new URL(location.href).searchParams.get('closed');
