// `ferry run` against `wasmtime run`: each case runs one WASI test program (tests/wasi/src/bin,
// built by tests/wasi/build.sh) under both, with the same flags, stdin and environment, each
// in a fresh temporary directory laid out the same way, and asserts the same exit code,
// stdout, stderr and directory contents afterwards. The one intended difference is a trap:
// wasmtime prints a wasm backtrace that ferry does not, so there only what the guest printed
// before the trap, the `wasm trap: ...` line and the exit code must match.
//
// The wasmtime side of each case also checks what wasmtime gives (`expect`), so this file
// documents the behaviour ferry must match.
//
// Interop, both ways, through `host-runner.mjs`: each case also runs the program as jco
// transpiles it (`@bytecodealliance/jco-transpile`, `wasi:*` mapped to @ferry-wasm/shims with
// jco's `map`), which must give what wasmtime gives: the shims serve jco's output as they serve
// ferry's. And ferry's output with `wasi:*` mapped to jco's `@bytecodealliance/preview2-shim`
// must give what jco's own output gives on it (not wasmtime's: preview2-shim differs from
// wasmtime in places, for example it refuses the `mutate-directory` flag Rust's std asks for).
//
// Env: FERRY_BIN (default ~/.cache/ferry/target/debug/ferry), WASMTIME (default
// ~/.cache/ferry/venv/bin/wasmtime), FERRY_WASI_PROGRAMS (default ~/.cache/ferry/test-out/wasi).
// Flags map to both spellings:
//   dirs            --dir HOST::GUEST (both)
//   env             --env NAME[=VALUE] (both)
//   inheritEnv      wasmtime -S inherit-env          ferry --inherit-env
//   inheritNetwork  wasmtime -S inherit-network -S allow-ip-name-lookup
//                                                    ferry --inherit-network
//   http            wasmtime -S http                 ferry --inherit-network
// The last is an intended difference: wasmtime links wasi:http only with `-S http`, and then
// lets it reach any address; ferry always links it and gates it with the network grant.
// wasmtime takes the program's arguments after the .wasm file as they are; ferry after `--`.

import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync,
  rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transpile as jcoTranspile } from '@bytecodealliance/jco-transpile';
import { httpClientServer } from '../wasi-http/client-server.mjs';
import { noise } from './noise.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const CACHE = join(homedir(), '.cache', 'ferry');
const FERRY_BIN = process.env.FERRY_BIN || join(CACHE, 'target', 'debug', 'ferry');
const WASMTIME = process.env.WASMTIME || join(CACHE, 'venv', 'bin', 'wasmtime');
const PROGRAMS = process.env.FERRY_WASI_PROGRAMS || join(CACHE, 'test-out', 'wasi');
/** Every child process is killed (with its process group) after this long. */
const TIMEOUT_MS = 30_000;
/** Where a case's temporary directory appears in output, it is replaced by this. */
const TMP = '<TMP>';

/**
 * The environment both runtimes get: fixed, so that `--inherit-env` shows the same thing to
 * both. LANG keeps the Python launcher of the wasmtime wheel from adding LC_CTYPE (PEP 538).
 * FERRY_NODE (the Node that `ferry run` starts) passes through when set.
 */
const HOST_ENV = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  LANG: 'C.UTF-8',
  FERRY_T_HOST: 'from the host',
  FERRY_T_HOST_UNICODE: 'héllo 🦀 wörld',
  ...(process.env.FERRY_NODE ? { FERRY_NODE: process.env.FERRY_NODE } : {}),
};

// --- Test data

/** The host layout the `sandbox` program expects (see src/bin/sandbox.rs), under `dir`. */
function sandboxLayout(dir, root = 'sandbox') {
  const r = join(dir, root);
  mkdirSync(join(dir, 'outside'));
  writeFileSync(join(dir, 'outside', 'secret.txt'), 'secret');
  mkdirSync(join(r, 'sub'), { recursive: true });
  writeFileSync(join(r, 'inside.txt'), 'inside');
  symlinkSync(join(dir, 'outside', 'secret.txt'), join(r, 'link-abs'));
  symlinkSync('../outside/secret.txt', join(r, 'link-rel'));
  symlinkSync('../outside', join(r, 'link-dir'));
  symlinkSync('/', join(r, 'link-root'));
  symlinkSync('/etc', join(r, 'link-etc'));
  symlinkSync('inside.txt', join(r, 'link-inside'));
  symlinkSync('../inside.txt', join(r, 'sub', 'link-up'));
  symlinkSync('link-loop', join(r, 'link-loop'));
}

/** Checks that `outside/` (from sandboxLayout) is as it was: nothing written, moved, removed. */
function outsideUntouched(r) {
  const secret = createHash('sha256').update('secret').digest('hex').slice(0, 16);
  assert.deepEqual(r.files.filter((l) => !l.startsWith('sandbox') && !l.startsWith('other')),
    ['outside/', `outside/secret.txt 6 ${secret}`]);
}

const lines = (...ls) => ls.map((l) => `${l}\n`).join('');

/** The lines `args-env` prints for these arguments (after argv[0], `args-env.wasm`). */
function argsEnvOutput(args) {
  return lines(
    `argc: ${args.length + 1}`,
    ...['args-env.wasm', ...args].map((a, i) => `arg[${i}]: ${JSON.stringify(a)}`),
  );
}

const HTTP_SERVER = await httpClientServer();
after(() => HTTP_SERVER.close());
/** The server's authority, and one where nothing listens (port 1, which needs root to bind). */
const HTTP_AUTHORITY = `127.0.0.1:${HTTP_SERVER.address().port}`;
const NOBODY_AUTHORITY = '127.0.0.1:1';

// --- The cases
//
// program   the .wasm in FERRY_WASI_PROGRAMS
// args      the program's arguments; `<TMP>` in one becomes the case's directory
// dirs      [[host, guest]]: host relative to the case's directory (also the children's cwd),
//           or absolute with `<TMP>`; guest omitted for `--dir HOST`
// env, inheritEnv, inheritNetwork, http: the flags above
// stdin     a Buffer or string (default: empty)
// setup     (dir) => void: lays out the case's directory before each run
// trap      true: compare as a trap (see the top)
// preview2Shim  'not run: <why>': the case does not run ferry's output on jco's preview2-shim,
//           where jco's own output gives no stable answer to compare with
// expect    what wasmtime gives: { code, stdout, stderr, stderrStartsWith, stderrMatches,
//           stdoutIncludes, stdoutExcludes, stderrIncludes, check(result) }, stdout and
//           stderr with `<TMP>` for the directory

/** What the guest writes on stderr when it panics (Rust's message; then the trap). */
const PANIC_STDERR = new RegExp(`^${lines(
  'before panic',
  '',
  "thread 'main' \\(1\\) panicked at src/bin/exit-codes\\.rs:\\d+:\\d+:",
  'oh no: a panic',
  'note: run with `RUST_BACKTRACE=1` environment variable to display a backtrace',
)}Error: failed to run main module \``);
const UNREACHABLE = 'wasm trap: wasm `unreachable` instruction executed';

const CASES = [
  // args-env
  {
    program: 'args-env', name: 'no arguments, no environment',
    expect: { code: 0, stdout: lines('argc: 1', 'arg[0]: "args-env.wasm"', 'environment: 0 variables', 'current_dir: Ok("/")'), stderr: '' },
  },
  {
    program: 'args-env', name: 'arguments: non-ASCII, empty, spaces, flag-like, --',
    args: ['hello', 'wörld 🦀', '', 'two words', '--dir', '-x', '--', '--env', 'a=b'],
    expect: {
      code: 0,
      stdout: argsEnvOutput(['hello', 'wörld 🦀', '', 'two words', '--dir', '-x', '--', '--env', 'a=b'])
        + lines('environment: 0 variables', 'current_dir: Ok("/")'),
    },
  },
  {
    program: 'args-env', name: '-- as the first argument',
    args: ['--', 'x'],
    expect: { code: 0, stdoutIncludes: [lines('argc: 3', 'arg[0]: "args-env.wasm"', 'arg[1]: "--"', 'arg[2]: "x"')] },
  },
  {
    program: 'args-env', name: '--env NAME=VALUE',
    env: ['A=1', 'B=x=y', 'EMPTY=', 'UNI=héllo 🦀', 'SPACE=a b'],
    args: ['var:A', 'var:B', 'var:EMPTY', 'var:UNI', 'var:MISSING'],
    expect: {
      code: 0,
      stdoutIncludes: [lines(
        'var A: Ok("1")', 'var B: Ok("x=y")', 'var EMPTY: Ok("")', 'var UNI: Ok("héllo 🦀")', 'var MISSING: Err(NotPresent)',
        'environment: 5 variables', '  "A"="1"', '  "B"="x=y"', '  "EMPTY"=""', '  "SPACE"="a b"', '  "UNI"="héllo 🦀"',
      )],
    },
  },
  {
    program: 'args-env', name: '--env NAME takes the host value; an unset NAME is left out',
    env: ['FERRY_T_HOST', 'FERRY_T_HOST_UNICODE', 'FERRY_T_UNSET'],
    args: ['var:FERRY_T_HOST', 'var:FERRY_T_UNSET'],
    expect: {
      code: 0,
      stdoutIncludes: [lines(
        'var FERRY_T_HOST: Ok("from the host")', 'var FERRY_T_UNSET: Err(NotPresent)', 'environment: 2 variables',
        '  "FERRY_T_HOST"="from the host"', '  "FERRY_T_HOST_UNICODE"="héllo 🦀 wörld"',
      )],
    },
  },
  {
    // wasmtime keeps both entries, in order; getenv takes the first.
    program: 'args-env', name: 'the same --env twice: both given, the first wins',
    env: ['A=1', 'A=2'],
    args: ['var:A', 'raw-order'],
    expect: {
      code: 0,
      stdoutIncludes: [lines('var A: Ok("1")', 'environment as given:', '  "A"="1"', '  "A"="2"', 'environment: 2 variables')],
    },
  },
  {
    program: 'args-env', name: '--inherit-env',
    inheritEnv: true,
    args: ['var:FERRY_T_HOST', 'var:LANG'],
    expect: {
      code: 0,
      stdoutIncludes: [
        lines('var FERRY_T_HOST: Ok("from the host")', 'var LANG: Ok("C.UTF-8")'),
        `environment: ${Object.keys(HOST_ENV).length} variables`,
        '  "FERRY_T_HOST_UNICODE"="héllo 🦀 wörld"\n',
      ],
    },
  },
  {
    // wasmtime appends the --env entries after the inherited ones: the host's value comes
    // first, so getenv still sees it.
    program: 'args-env', name: '--inherit-env with --env of an inherited name',
    inheritEnv: true, env: ['FERRY_T_HOST=overridden', 'NEW=1'],
    args: ['var:FERRY_T_HOST', 'var:NEW', 'raw-order'],
    expect: {
      code: 0,
      stdoutIncludes: [
        lines('var FERRY_T_HOST: Ok("from the host")', 'var NEW: Ok("1")'),
        lines('  "FERRY_T_HOST"="from the host"', '  "FERRY_T_HOST"="overridden"'),
      ],
    },
  },

  // stdio
  {
    program: 'stdio', name: 'copies 3 MiB of binary stdin to stdout',
    preview2Shim: 'not run: preview2-shim loses what is still queued for stdout when the program exits (`exit` is `process.exit`), a different part each time',
    args: ['copy'], stdin: noise(3 * 1024 * 1024 + 5),
    expect: {
      code: 0, stderrIncludes: ['stdio: copy: 3145733 bytes in, 3145733 bytes out, fnv1a '],
      check: (r) => assert.ok(r.stdout.equals(noise(3 * 1024 * 1024 + 5)), 'stdout is stdin, byte for byte'),
    },
  },
  {
    program: 'stdio', name: 'copies in 7-byte reads, exit code 3, a line on stderr',
    preview2Shim: 'not run: preview2-shim loses what is still queued for stdout when the program exits (`exit` is `process.exit`), a different part each time',
    args: ['chunks', '3', 'to stderr: ünï 🦀'], stdin: noise(100_000, 7),
    expect: {
      code: 1, // wasi:cli/exit has only ok/err: process::exit(3) ends with 1 (see exit-codes)
      stderrIncludes: ['stdio: chunks: 100000 bytes in, 100000 bytes out', '\nto stderr: ünï 🦀\n'],
      check: (r) => assert.ok(r.stdout.equals(noise(100_000, 7)), 'stdout is stdin, byte for byte'),
    },
  },
  {
    program: 'stdio', name: 'text with CRLF and NUL',
    args: ['copy'], stdin: 'line 1\r\nline 2\n\0\nno newline at the end',
    expect: { code: 0, stdout: 'line 1\r\nline 2\n\0\nno newline at the end' },
  },
  {
    program: 'stdio', name: 'empty stdin',
    args: ['copy'],
    expect: { code: 0, stdout: '', stderr: 'stdio: copy: 0 bytes in, 0 bytes out, fnv1a cbf29ce484222325\n' },
  },
  {
    program: 'stdio', name: 'writes 8 MiB to stdout (a pipe that fills)',
    preview2Shim: 'not run: preview2-shim loses what is still queued for stdout when the program exits (`exit` is `process.exit`), a different part each time',
    args: ['gen', String(8 * 1024 * 1024)],
    expect: { code: 0, stderrIncludes: ['stdio: gen: 0 bytes in, 8388608 bytes out'], check: (r) => assert.equal(r.stdout.length, 8 * 1024 * 1024) },
  },
  {
    program: 'stdio', name: 'unread stdin',
    args: ['none'], stdin: noise(1024 * 1024, 3),
    expect: { code: 0, stdout: '', stderr: 'stdio: none: 0 bytes in, 0 bytes out, fnv1a cbf29ce484222325\n' },
  },

  // exit-codes: wasi:cli/exit 0.2 has only ok and err, so every non-zero code ends as 1;
  // traps end with 134 (wasmtime's code for a trap).
  ...[
    ['exit', '0', 0], ['exit', '1', 1], ['exit', '42', 1], ['exit', '255', 1],
    ['return', '0', 0], ['return', '7', 1],
  ].map(([how, n, code]) => ({
    program: 'exit-codes', name: `${how} ${n}`, args: [how, n],
    expect: { code, stdout: `before ${how}\n`, stderr: `before ${how}\n` },
  })),
  {
    program: 'exit-codes', name: 'print! without a newline, then exit 3',
    args: ['exit-partial', '3'],
    expect: { code: 1, stdout: 'before exit-partial\nno newline', stderr: 'before exit-partial\n' },
  },
  {
    program: 'exit-codes', name: 'main returns normally',
    args: ['ok'],
    expect: { code: 0, stdout: 'before ok\n', stderr: 'before ok\n' },
  },
  {
    program: 'exit-codes', name: 'main returns Err',
    args: ['err'],
    expect: { code: 1, stdout: 'before err\n', stderr: lines('before err', 'Error: Custom { kind: Other, error: "the program failed" }') },
  },
  {
    program: 'exit-codes', name: 'panic (a trap)', trap: true,
    args: ['panic', 'oh no: a panic'],
    expect: { code: 134, stdout: 'before panic\n', stderrMatches: PANIC_STDERR, stderrIncludes: [UNREACHABLE] },
  },
  {
    program: 'exit-codes', name: 'abort (a trap)', trap: true,
    args: ['abort'],
    expect: { code: 134, stdout: 'before abort\n', stderrStartsWith: 'before abort\nError: failed to run main module', stderrIncludes: [UNREACHABLE] },
  },
  {
    program: 'exit-codes', name: 'unreachable (a trap)', trap: true,
    args: ['unreachable'],
    expect: { code: 134, stdout: 'before unreachable\n', stderrStartsWith: 'before unreachable\nError: failed to run main module', stderrIncludes: [UNREACHABLE] },
  },

  // fs
  {
    program: 'fs', name: 'in /sandbox (--dir HOST::/sandbox)',
    dirs: [['sandbox', '/sandbox']], args: ['/sandbox'],
    setup: (dir) => mkdirSync(join(dir, 'sandbox')),
    expect: { code: 0, stderr: '', stdoutIncludes: ['unexpected: 0\n', 'canonicalize renamed.txt: Ok("/sandbox/renamed.txt")\n'] },
  },
  {
    program: 'fs', name: 'in . (--dir HOST::.)',
    dirs: [['sandbox', '.']], args: ['.'],
    setup: (dir) => mkdirSync(join(dir, 'sandbox')),
    expect: { code: 0, stderr: '', stdoutIncludes: ['unexpected: 0\n', 'canonicalize renamed.txt: Ok("/renamed.txt")\n'] },
  },
  {
    program: 'fs', name: 'relative paths under a . preopen',
    dirs: [['sandbox', '.']], args: ['sub'],
    setup: (dir) => mkdirSync(join(dir, 'sandbox', 'sub'), { recursive: true }),
    expect: { code: 0, stderr: '', stdoutIncludes: ['unexpected: 0\n'] },
  },
  {
    program: 'fs', name: 'a nested guest path (--dir HOST::/mnt/data)',
    dirs: [['sandbox', '/mnt/data']], args: ['/mnt/data'],
    setup: (dir) => mkdirSync(join(dir, 'sandbox')),
    expect: { code: 0, stderr: '', stdoutIncludes: ['unexpected: 0\n'] },
  },
  {
    // The guest sees the host's path; wasi-libc's realpath does not find it from `/`.
    program: 'fs', name: 'same path as the host (--dir HOST, absolute)',
    dirs: [[`${TMP}/sandbox`]], args: [`${TMP}/sandbox`],
    setup: (dir) => mkdirSync(join(dir, 'sandbox')),
    expect: { code: 0, stderr: '', stdoutIncludes: ['unexpected: 0\n', `root: ${TMP}/sandbox\n`, 'canonicalize renamed.txt: Err(NotFound, errno 44)\n'] },
  },
  {
    program: 'fs', name: 'same path as the host (--dir HOST, relative)',
    dirs: [['sandbox']], args: ['sandbox'],
    setup: (dir) => mkdirSync(join(dir, 'sandbox')),
    expect: { code: 0, stderr: '', stdoutIncludes: ['unexpected: 0\n', 'canonicalize renamed.txt: Ok("/sandbox/renamed.txt")\n'] },
  },
  {
    program: 'fs', name: 'no preopen at all',
    args: ['/sandbox'],
    expect: { code: 1, stderr: '', stdoutIncludes: ['metadata root is_dir: Err(NotFound, errno 44) UNEXPECTED', 'listing of /sandbox: Err(NotFound, errno 44)\n'] },
  },

  // sandbox
  {
    program: 'sandbox', name: 'every way out of /sandbox is closed',
    dirs: [['sandbox', '/sandbox']], args: ['/sandbox'],
    setup: (dir) => sandboxLayout(dir),
    expect: {
      code: 0, stderr: '',
      stdoutIncludes: [
        'read inside.txt: Ok("inside")\n',
        'read /etc/passwd: Err(NotFound, errno 44)\n',
        'read ROOT/../outside/secret.txt: Err(PermissionDenied, errno 63)\n',
        'read link-abs: Err(PermissionDenied, errno 63)\n',
        'read_link link-abs: Err(PermissionDenied, errno 63)\n',
        'read link-dir/secret.txt: Err(PermissionDenied, errno 63)\n',
        'read link-loop: Err(FilesystemLoop, errno 32)\n',
        'symlink made-abs -> /etc/passwd: Err(PermissionDenied, errno 63)\n',
        'escaped: 0\n',
      ],
      stdoutExcludes: ['secret"', 'ESCAPED'],
      check: outsideUntouched,
    },
  },
  {
    program: 'sandbox', name: 'every way out of a . preopen is closed',
    dirs: [['sandbox', '.']], args: ['.'],
    setup: (dir) => sandboxLayout(dir),
    expect: { code: 0, stderr: '', stdoutIncludes: ['escaped: 0\n'], stdoutExcludes: ['secret"', 'ESCAPED'], check: outsideUntouched },
  },
  {
    // Two preopens: one is no way into the other's parent.
    program: 'sandbox', name: 'with a second preopen beside it',
    dirs: [['sandbox', '/sandbox'], ['other', '/other']], args: ['/sandbox'],
    setup: (dir) => { sandboxLayout(dir); mkdirSync(join(dir, 'other')); },
    expect: { code: 0, stderr: '', stdoutIncludes: ['escaped: 0\n'], stdoutExcludes: ['secret"', 'ESCAPED'], check: outsideUntouched },
  },

  // clocks-random
  {
    program: 'clocks-random', name: 'clocks and random',
    expect: {
      code: 0, stderr: '',
      stdout: lines(
        'sleep 50ms: elapsed >= 50ms: true', 'sleep 50ms: elapsed < 10s: true', 'instant monotonic: true',
        'system time after 2020-01-01: true', 'system time before 2100-01-01: true',
        'system time advances over a 20ms sleep: true', 'random bytes not all zero: true',
        'two random draws differ: true', '32 random bytes have > 8 distinct values: true', 'hashmap works: true',
      ),
    },
  },

  // net
  {
    program: 'net', name: 'TCP, UDP and name lookup with --inherit-network',
    preview2Shim: 'not run: jco\'s own output hangs on preview2-shim here until the time limit',
    inheritNetwork: true,
    expect: {
      code: 0, stderr: '',
      stdoutIncludes: [
        'tcp server read: Ok("ping")\n', 'tcp client read to end: Ok((100000, true))\n',
        'tcp connect to a closed port: Err(ConnectionRefused, errno 14)\n',
        'udp b recv_from: Ok(("hello", true))\n', 'udp a recv: Ok("back")\n',
        'lookup 127.0.0.1:80 (literal): Ok(["127.0.0.1:80"])\n', 'failed: 0\n',
      ],
      check: (r) => assert.match(r.stdout.toString(), /^lookup localhost:80: Ok\(\[.*"127\.0\.0\.1:80".*\]\)$/m),
    },
  },
  {
    program: 'net', name: 'without --inherit-network every socket is refused',
    preview2Shim: 'not run: jco\'s own output hangs on preview2-shim here until the time limit',
    expect: {
      code: 1, stderr: '',
      stdout: lines(
        'tcp bind 127.0.0.1:0: Err(PermissionDenied, errno 2)',
        'udp bind a: Err(PermissionDenied, errno 2)',
        'lookup localhost:80: Err(Uncategorized, failed to lookup address information: Non-recoverable error)',
        'lookup 127.0.0.1:80 (literal): Ok(["127.0.0.1:80"])',
        'failed: 3',
      ),
    },
  },

  // outgoing HTTP
  {
    program: 'http-client', name: 'outgoing HTTP to a loopback server: headers, streamed bodies, trailers, status, timeouts, refusals',
    http: true,
    args: [HTTP_AUTHORITY, NOBODY_AUTHORITY],
    expect: {
      code: 0, stderr: '',
      stdout: lines(
        'hello: status 200', 'hello: header content-type: text/plain', 'hello: header x-ferry: 1',
        'hello: header x-two: a b', 'hello: body "hello from node"', 'hello: no trailers',
        'echo: sent 300000 bytes, checksum a0880b38', 'echo: status 200', 'echo: header x-method: POST',
        'echo: header x-trailer-x-sent: yes', 'echo: body 300000 bytes, checksum a0880b38', 'echo: no trailers',
        'upload: status 200', 'upload: header x-method: POST', 'upload: body 300000 bytes, checksum a0880b38', 'upload: no trailers',
        'missing: status 404', 'missing: body "not here"', 'missing: no trailers',
        'trailers: status 200', 'trailers: header content-type: text/plain', 'trailers: body "part one, part two"',
        'trailers: trailers [("x-count", "2"), ("x-sum", "42")]',
        'slow: error ErrorCode::ConnectionReadTimeout',
        'refused: error ErrorCode::ConnectionRefused',
      ),
    },
  },
];

// --- Running

/**
 * Runs `cmd args` with `stdin`, in `cwd`, in a process group of its own; kills the group
 * after TIMEOUT_MS. Resolves to { code, signal, stdout, stderr, timedOut } (Buffers).
 */
function runProcess(cmd, args, { stdin = '', cwd, env }) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [];
    const err = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
    }, TIMEOUT_MS);
    child.stdout.on('data', (d) => out.push(d));
    child.stderr.on('data', (d) => err.push(d));
    child.stdin.on('error', () => {}); // the program may end without reading its stdin
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout: Buffer.concat(out), stderr: Buffer.concat(err), timedOut });
    });
    child.stdin.end(stdin);
  });
}

function flags(c, spelling) {
  const out = [];
  for (const [host, guest] of c.dirs ?? []) out.push('--dir', guest === undefined ? host : `${host}::${guest}`);
  for (const e of c.env ?? []) out.push('--env', e);
  if (spelling === 'wasmtime') {
    if (c.inheritEnv) out.push('-S', 'inherit-env');
    if (c.inheritNetwork) out.push('-S', 'inherit-network', '-S', 'allow-ip-name-lookup');
    if (c.http) out.push('-S', 'http');
  } else {
    if (c.inheritEnv) out.push('--inherit-env');
    if (c.inheritNetwork || c.http) out.push('--inherit-network');
  }
  return out;
}

/** Every entry under `dir`, sorted: `path kind size sha256` or `path -> target`. */
function snapshot(dir, rel = '') {
  const out = [];
  for (const name of readdirSync(join(dir, rel)).sort()) {
    const r = rel ? `${rel}/${name}` : name;
    const p = join(dir, r);
    const st = lstatSync(p);
    if (st.isSymbolicLink()) out.push(`${r} -> ${readlinkSync(p)}`);
    else if (st.isDirectory()) out.push(`${r}/`, ...snapshot(dir, r));
    else out.push(`${r} ${st.size} ${createHash('sha256').update(readFileSync(p)).digest('hex').slice(0, 16)}`);
  }
  return out;
}

/** Runs case `c` under `runtime` ('wasmtime' or 'ferry') in a fresh directory. */
async function runCase(c, runtime) {
  const wasm = join(PROGRAMS, `${c.program}.wasm`);
  assert.ok(existsSync(wasm), `${wasm} is missing: build it with tests/wasi/build.sh ${PROGRAMS}`);
  const dir = realpathSync(mkdtempSync(join(tmpdir(), `ferry-wasi-${runtime}-`)));
  try {
    c.setup?.(dir);
    const sub = (s) => s.replaceAll(TMP, dir);
    const f = flags(c, runtime).map(sub);
    const args = (c.args ?? []).map(sub);
    const [cmd, argv] = runtime === 'wasmtime' ? [WASMTIME, ['run', ...f, wasm, ...args]]
      : runtime === 'ferry' ? [FERRY_BIN, ['run', wasm, ...f, '--', ...args]]
      : [process.env.FERRY_NODE || process.execPath, [HOST_RUNNER, runtime === 'jco' ? 'ferry' : 'preview2-shim', await interopModule(c.program, runtime), JSON.stringify({
        args: [`${c.program}.wasm`, ...args],
        env: c.env ?? [],
        inheritEnv: !!c.inheritEnv,
        dirs: (c.dirs ?? []).map(([host, guest]) => [sub(host), guest ?? sub(host)]),
        network: !!(c.inheritNetwork || c.http),
      })]];
    const r = await runProcess(cmd, argv, { stdin: c.stdin ?? '', cwd: dir, env: HOST_ENV });
    const norm = (b) => (b.includes(dir) ? Buffer.from(b.toString('utf8').replaceAll(dir, TMP)) : b);
    return {
      command: [cmd, ...argv].join(' '),
      code: r.code, signal: r.signal, timedOut: r.timedOut,
      stdout: norm(r.stdout), stderr: norm(r.stderr),
      files: snapshot(dir).map((l) => l.replaceAll(dir, TMP)),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HOST_RUNNER = join(HERE, 'host-runner.mjs');
const WASI_PACKAGES = ['cli', 'clocks', 'filesystem', 'http', 'io', 'random', 'sockets'];
/**
 * Where the interop runs' modules go, with node_modules linking @ferry-wasm/shims to this
 * repo's and @bytecodealliance/preview2-shim to the one tests/package.json installs.
 */
let interopOut;
const interopModules = new Map();
/**
 * The URL of `program` transpiled for an interop run (`runtime`): 'jco', by jco with `wasi:*`
 * mapped to @ferry-wasm/shims; 'preview2-shim', by ferry with `wasi:*` mapped to jco's
 * preview2-shim; 'jco-preview2-shim', by jco for its own preview2-shim.
 */
function interopModule(program, runtime) {
  const key = `${runtime}/${program}`;
  if (!interopModules.has(key)) {
    interopModules.set(key, (async () => {
      if (!interopOut) {
        interopOut = mkdtempSync(join(tmpdir(), 'ferry-wasi-interop-'));
        for (const [name, target] of [
          ['@ferry-wasm/shims', join(HERE, '..', '..', 'runtime-shims')],
          ['@bytecodealliance/preview2-shim', join(HERE, '..', 'node_modules', '@bytecodealliance', 'preview2-shim')],
        ]) {
          mkdirSync(dirname(join(interopOut, 'node_modules', name)), { recursive: true });
          symlinkSync(target, join(interopOut, 'node_modules', name));
        }
      }
      const wasm = join(PROGRAMS, `${program}.wasm`);
      const out = join(interopOut, key);
      if (runtime !== 'preview2-shim') {
        const host = runtime === 'jco' ? '@ferry-wasm/shims' : '@bytecodealliance/preview2-shim';
        const map = Object.fromEntries(WASI_PACKAGES.map((pkg) => [`wasi:${pkg}/*`, `${host}/${pkg}#*`]));
        const { files } = await jcoTranspile(wasm, { name: program, map });
        for (const [name, bytes] of Object.entries(files)) {
          mkdirSync(dirname(join(out, name)), { recursive: true });
          writeFileSync(join(out, name), bytes);
        }
      } else {
        const map = WASI_PACKAGES.flatMap((pkg) => ['--map', `wasi:${pkg}/*=@bytecodealliance/preview2-shim/${pkg}#*`]);
        const r = spawnSync(FERRY_BIN, ['transpile', wasm, '-o', out, '--no-wasi-shim', ...map], { encoding: 'utf8', timeout: TIMEOUT_MS });
        assert.equal(r.status, 0, `ferry transpile ${wasm}: ${r.stderr}`);
      }
      return pathToFileURL(join(out, `${program}.js`)).href;
    })());
  }
  return interopModules.get(key);
}
after(() => interopOut && rmSync(interopOut, { recursive: true, force: true }));

const wasmtimeRuns = new Map();
/** wasmtime's result for a case, run once and shared by both sides. */
function wasmtimeResult(c) {
  if (!wasmtimeRuns.has(c)) wasmtimeRuns.set(c, runCase(c, 'wasmtime'));
  return wasmtimeRuns.get(c);
}

let ferryRunChecked;
/** Throws, saying why, unless `ferry run` exists (`ferry run --help` succeeds). */
function requireFerryRun() {
  ferryRunChecked ??= (() => {
    if (!existsSync(FERRY_BIN)) return `${FERRY_BIN} does not exist (build ferry, or set FERRY_BIN)`;
    const r = spawnSync(FERRY_BIN, ['run', '--help'], { encoding: 'utf8', timeout: TIMEOUT_MS });
    if (r.status !== 0) {
      return `\`ferry run\` is not available: \`${FERRY_BIN} run --help\` exited ${r.status ?? r.signal}: ${(r.stderr || r.stdout).trim()}`;
    }
    return '';
  })();
  if (ferryRunChecked) assert.fail(ferryRunChecked);
}

/** Shows a Buffer in a message: as text when short, else its length and hash. */
const show = (b) => (b.length <= 64 * 1024
  ? b.toString('utf8')
  : `<${b.length} bytes, sha256 ${createHash('sha256').update(b).digest('hex')}>`);

function ended(r, who) {
  assert.ok(!r.timedOut, `${who} was killed after ${TIMEOUT_MS} ms: ${r.command}\nstderr:\n${show(r.stderr)}`);
  assert.equal(r.signal, null, `${who} ended by signal ${r.signal}: ${r.command}\nstderr:\n${show(r.stderr)}`);
}

/** The part of a trap's stderr the guest wrote: all before wasmtime's `Error:` report. */
function guestStderr(stderr) {
  const s = stderr.toString('utf8');
  const at = s.indexOf('Error: failed to run main module');
  return at < 0 ? s : s.slice(0, at);
}
/** `wasm trap: <reason>` from a trap report (wasmtime numbers it as the last cause). */
const trapLine = (stderr) => stderr.toString('utf8').match(/wasm trap: [^\n]*/)?.[0];

function checkWasmtime(c, r) {
  ended(r, 'wasmtime');
  const e = c.expect ?? {};
  const stdout = r.stdout.toString('utf8');
  const stderr = r.stderr.toString('utf8');
  const ctx = `\n${r.command}\nstdout:\n${show(r.stdout)}\nstderr:\n${show(r.stderr)}`;
  if (e.code !== undefined) assert.equal(r.code, e.code, `exit code${ctx}`);
  if (e.stdout !== undefined) assert.equal(stdout, e.stdout);
  if (e.stderr !== undefined) assert.equal(stderr, e.stderr);
  if (e.stderrStartsWith !== undefined) assert.ok(stderr.startsWith(e.stderrStartsWith), `stderr starts with ${JSON.stringify(e.stderrStartsWith)}${ctx}`);
  if (e.stderrMatches !== undefined) assert.match(stderr, e.stderrMatches);
  for (const s of e.stdoutIncludes ?? []) assert.ok(stdout.includes(s), `stdout includes ${JSON.stringify(s)}${ctx}`);
  for (const s of e.stdoutExcludes ?? []) assert.ok(!stdout.includes(s), `stdout excludes ${JSON.stringify(s)}${ctx}`);
  for (const s of e.stderrIncludes ?? []) assert.ok(stderr.includes(s), `stderr includes ${JSON.stringify(s)}${ctx}`);
  e.check?.(r);
}

/**
 * Asserts that run `f` (`gotName`) gave what the reference run `w` (`refName`) gave. With
 * `trapWords` false a trap need only be named as one (`wasm trap: ...`), in any words.
 */
function checkSame(c, w, f, { refName = 'wasmtime', gotName = 'ferry run', trapWords = true } = {}) {
  ended(f, gotName);
  const ctx = `\n${gotName}: ${f.command}\n${refName}: ${w.command}\n${gotName} stderr:\n${show(f.stderr)}`;
  assert.equal(f.code, w.code, `exit code (${refName}: ${w.code}, ${gotName}: ${f.code})${ctx}`);
  assert.equal(show(f.stdout), show(w.stdout), `stdout${ctx}`);
  assert.ok(f.stdout.equals(w.stdout), `stdout bytes${ctx}`);
  if (c.trap) {
    // Intended difference: wasmtime adds a wasm backtrace (and its `Caused by:` list) after
    // what the guest printed; ferry need only name the trap as wasmtime does.
    const guest = guestStderr(w.stderr);
    assert.equal(guestStderr(f.stderr).slice(0, guest.length), guest, `stderr begins with what the guest wrote${ctx}`);
    const line = trapLine(w.stderr);
    assert.ok(line, `${refName} names the trap: ${show(w.stderr)}`);
    if (trapWords) assert.ok(f.stderr.toString('utf8').includes(line), `stderr names the trap: ${JSON.stringify(line)}${ctx}`);
    else assert.ok(trapLine(f.stderr), `stderr names a trap${ctx}`);
  } else {
    assert.equal(show(f.stderr), show(w.stderr), `stderr${ctx}`);
  }
  assert.deepEqual(f.files, w.files, `the directory's contents afterwards${ctx}`);
}

for (const c of CASES) {
  describe(`${c.program}: ${c.name}`, () => {
    test('wasmtime run', async () => {
      checkWasmtime(c, await wasmtimeResult(c));
    });
    test('ferry run gives what wasmtime run gives', async () => {
      requireFerryRun();
      const w = await wasmtimeResult(c);
      ended(w, 'wasmtime');
      checkSame(c, w, await runCase(c, 'ferry'));
    });
    test('jco\'s output on @ferry-wasm/shims gives what wasmtime run gives', async () => {
      const w = await wasmtimeResult(c);
      ended(w, 'wasmtime');
      checkSame(c, w, await runCase(c, 'jco'));
    });
    if (c.preview2Shim === undefined) test('ferry\'s output on jco\'s preview2-shim gives what jco\'s own output gives there', async () => {
      requireFerryRun();
      const [jco, ferry] = await Promise.all([runCase(c, 'jco-preview2-shim'), runCase(c, 'preview2-shim')]);
      ended(jco, 'jco on preview2-shim');
      // jco's output words a trap its own way (see `trapWords`).
      checkSame(c, jco, ferry, { refName: 'jco on preview2-shim', gotName: 'ferry on preview2-shim', trapWords: false });
    });
  });
}
