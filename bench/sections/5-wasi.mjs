// Row 5: WASI on Node. The `wasi-io` command writes 64 MB to stdout and reads a 64 MB file;
// ferry's output on ferry's WASI host (@ferry-wasm/shims) against jco's on its
// preview2-shim, and ferry's output on preview2-shim, which tells the hosts apart.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate } from '../lib/measure.mjs';
import { moduleUrl, transpiled } from '../lib/transpilers.mjs';

const WASI_PACKAGES = ['cli', 'clocks', 'filesystem', 'io', 'random', 'sockets', 'http'];
/** ferry's output with every `wasi:*` import mapped to preview2-shim, as jco maps them. */
const ON_PREVIEW2_SHIM = ['--no-wasi-shim', ...WASI_PACKAGES.flatMap((p) => ['--map', `wasi:${p}/*=@bytecodealliance/preview2-shim/${p}#*`])];

export default {
  id: 'wasi',
  title: 'WASI on Node',
  async run(ctx) {
    const mb = ctx.smoke ? 1 : 64;
    const bytes = mb << 20;
    const dir = join(ctx.work, 'wasi');
    mkdirSync(dir, { recursive: true });
    const input = join(dir, 'input.bin');
    const data = new Uint8Array(bytes);
    for (let i = 0; i < bytes; i++) data[i] = (i * 131 + (i >> 12)) & 0xff;
    writeFileSync(input, data);
    const sum = data.reduce((s, b) => s + b, 0);

    const setups = {
      ferry: { host: 'ferry', hostDir: ctx.shims, out: () => transpiled(ctx, 'ferry', 'wasi-io') },
      jco: { host: 'preview2-shim', hostDir: ctx.peer('preview2Shim'), out: () => transpiled(ctx, 'jco', 'wasi-io') },
      'ferry on preview2-shim': { host: 'preview2-shim', hostDir: ctx.peer('preview2Shim'), out: () => transpiled(ctx, 'ferry', 'wasi-io', ON_PREVIEW2_SHIM) },
    };
    const workloads = [
      {
        label: `stdout, ${mb} MB`,
        args: ['stdout', String(bytes)],
        check: (stdoutFile) => {
          const size = statSync(stdoutFile).size;
          if (size !== bytes) throw new Error(`wrote ${size} bytes to stdout, not ${bytes}`);
        },
      },
      {
        label: `file read, ${mb} MB`,
        args: ['read', '/data/input.bin'],
        check: (stdoutFile) => {
          const said = readFileSync(stdoutFile, 'utf8').trim();
          if (said !== `${bytes} ${sum}`) throw new Error(`read "${said}", not "${bytes} ${sum}"`);
        },
      },
    ];
    const rows = [];
    for (const { label, args, check } of workloads) {
      const contenders = Object.fromEntries(Object.entries(setups).map(([name, setup]) => [name, () => {
        const ms = runCommand(ctx, setup, dir, args);
        check(join(dir, 'stdout'));
        return ms;
      }]));
      rows.push({ label, results: await alternate(contenders, ctx) });
    }
    rmSync(input);
    return [{
      title: 'ms per run of the `wasi-io` command',
      unit: 'ms',
      note: "A Rust program (wasm32-wasip2, `std::io`) run on Node in a new process per run; the time is the `wasi:cli/run` call alone (measured in that process). stdout goes to a file; the file is read in 64 KB reads. Every run's output is checked: all the bytes, the file's size and checksum. ferry: its output on `@ferry-wasm/shims`; jco: its output on `@bytecodealliance/preview2-shim`; ferry on preview2-shim: ferry's output with `--no-wasi-shim --map 'wasi:<pkg>/*=@bytecodealliance/preview2-shim/<pkg>#*'`.",
      contenders: Object.keys(setups),
      rows,
    }];
  },
};

/** Runs child/wasi.mjs for one contender, stdout into DIR/stdout; the run call's ms. */
function runCommand(ctx, { host, hostDir, out }, dir, args) {
  const result = join(dir, 'result.json');
  rmSync(result, { force: true });
  const stdout = openSync(join(dir, 'stdout'), 'w');
  try {
    const child = join(ctx.bench, 'child', 'wasi.mjs');
    const r = spawnSync(process.execPath, [child, host, hostDir, moduleUrl(out(), 'wasi-io'), dir, result, '--', ...args], {
      stdio: ['ignore', stdout, 'pipe'], encoding: 'utf8',
    });
    if (r.error) throw r.error;
    if (r.status !== 0) throw new Error(`exited with ${r.status}: ${r.stderr.trim()}`);
  } finally {
    closeSync(stdout);
  }
  return JSON.parse(readFileSync(result, 'utf8')).ms;
}
