// Runs the benchmark sections (bench/sections/*.mjs, in file-name order), prints each table
// as Markdown and writes the report: BENCHMARKS.md at the repository root, or with --smoke
// (one run per contender, no warm-up: it checks that every row still runs) the file --out names.
//
//   node bench/run.mjs [--smoke] [--only id,id] [--out FILE]
// bench/bench.sh installs the peers and builds ferry first; use it.
//
// A section module's default export is { id, title, run(ctx) -> [table...] } (tables as in
// lib/report.mjs). ctx holds the tools and peers (see `context` below) and the iteration
// counts, { warmup, runs }, to pass to lib/measure.mjs's `alternate`.
import { readdirSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { totalmem, cpus, tmpdir } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { markdown } from './lib/report.mjs';

const BENCH = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(BENCH, '..');

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string' },
  },
});

const PEERS = {
  jco: '@bytecodealliance/jco',
  jcoTranspile: '@bytecodealliance/jco-transpile',
  preview2Shim: '@bytecodealliance/preview2-shim',
  componentizeJs: '@bytecodealliance/componentize-js',
  componentizeQjs: 'componentize-qjs',
};

function required(name) {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the benchmarks with bench/bench.sh`);
  return value;
}

function peerVersion(pkg) {
  return JSON.parse(readFileSync(join(BENCH, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

function context(work) {
  return {
    smoke: args.smoke,
    warmup: args.smoke ? 0 : 2,
    runs: args.smoke ? 1 : 7,
    root: ROOT,
    bench: BENCH,
    work, // a scratch directory, removed at the end
    ferry: required('FERRY_BENCH_BIN'),
    components: required('FERRY_BENCH_COMPONENTS'), // built by bench/components/build.sh
    wasmtime: required('WASMTIME'),
    wasmTools: required('WASM_TOOLS'),
    python: required('FERRY_BENCH_PYTHON'), // with wasmtime-py
    shims: join(ROOT, 'runtime-shims'),
    bin: (name) => join(BENCH, 'node_modules', '.bin', name),
    peer: (key) => join(BENCH, 'node_modules', PEERS[key]),
  };
}

function header() {
  const rev = execFileSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  const ferryVersion = execFileSync(required('FERRY_BENCH_BIN'), ['--version'], { encoding: 'utf8' }).trim();
  const wasmtime = execFileSync(required('WASMTIME'), ['--version'], { encoding: 'utf8' }).trim();
  return [
    '# Benchmarks',
    '',
    'Written by `bash bench/bench.sh` (see `bench/README.md`); every ratio is ferry/peer, measured in the same run.',
    '',
    `- Date: ${new Date().toISOString().slice(0, 10)}`,
    `- Machine: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, ${wasmtime}`,
    `- ferry: ${ferryVersion} at ${rev}`,
    `- Peers: ${Object.values(PEERS).map((p) => `${p}@${peerVersion(p)}`).join(', ')}`,
    `- Each row: ${args.smoke ? 'one run (smoke mode)' : 'a warm-up of 2 runs, then the median and min–max of 7 runs'}, contenders alternating.`,
    '',
  ].join('\n');
}

const only = args.only?.split(',');
const sections = [];
for (const file of readdirSync(join(BENCH, 'sections')).filter((f) => f.endsWith('.mjs')).sort()) {
  const section = (await import(pathToFileURL(join(BENCH, 'sections', file)))).default;
  if (!only || only.includes(section.id)) sections.push(section);
}
if (only) {
  const unknown = only.filter((id) => !sections.some((s) => s.id === id));
  if (unknown.length) throw new Error(`no section with id ${unknown.join(', ')}`);
}

const work = mkdtempSync(join(tmpdir(), 'ferry-bench-'));
const parts = [header()];
try {
  for (const section of sections) {
    console.error(`bench: ${section.title}`);
    const tables = await section.run(context(work));
    const text = `## ${section.title}\n\n${tables.map(markdown).join('\n')}`;
    console.log(text);
    parts.push(text);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
// A smoke run, or a run of some sections only, writes a report only where --out says.
if (args.out || !(args.smoke || only)) {
  const out = args.out ?? join(ROOT, 'BENCHMARKS.md');
  writeFileSync(out, parts.join('\n'));
  console.error(`bench: wrote ${out}`);
}
