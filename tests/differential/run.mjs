// The differential checker: random WIT types and values, each case an export that passes its
// argument through a host import; ferry's transpiled module in Node and wasmtime-py must both
// return the argument. Prints every finding (seed, batch, case, WIT type, input, both outputs)
// and exits 1 if there is any. See README.md.
//
//   node tests/differential/run.mjs --seed N [--batches 20] [--cases 100] [--out DIR] [--jspi] [--composed]
//
// --jspi: ferry's side transpiled with `--async-mode jspi`, every import async (Node 26).
// --composed: each batch's component is two echo components composed, with two string
//   encodings, so values also cross between inner components (ferry's adapters).
//
//   FERRY_BIN               ferry (default: $CARGO_TARGET_DIR or ~/.cache/ferry/target, debug)
//   FERRY_DIFFERENTIAL_BIN  the generator (default: ferry-differential beside FERRY_BIN)
//   FERRY_PYTHON            a Python with wasmtime-py (default: ~/.cache/ferry/venv/bin/python)

import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { compareCase, describeFinding } from './compare.mjs';
import { runBatch, transpileBatch } from './ferry-driver.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const targetDir = process.env.CARGO_TARGET_DIR || join(homedir(), '.cache/ferry/target');
const FERRY_BIN = process.env.FERRY_BIN || join(targetDir, 'debug/ferry');
const GENERATOR = process.env.FERRY_DIFFERENTIAL_BIN || join(dirname(FERRY_BIN), 'ferry-differential');
const PYTHON = process.env.FERRY_PYTHON || join(homedir(), '.cache/ferry/venv/bin/python');

const { values: opts } = parseArgs({
  options: {
    seed: { type: 'string' },
    batches: { type: 'string', default: '20' },
    cases: { type: 'string', default: '100' },
    out: { type: 'string' },
    jspi: { type: 'boolean', default: false },
    composed: { type: 'boolean', default: false },
  },
});
if (opts.seed === undefined || !/^\d+$/.test(opts.seed)) {
  console.error('usage: node tests/differential/run.mjs --seed N [--batches B] [--cases C] [--out DIR] [--jspi] [--composed]');
  process.exit(2);
}
const batches = Number(opts.batches);
const dir = opts.out ?? mkdtempSync(join(tmpdir(), `ferry-differential-${opts.seed}-`));

const variant = [...(opts.jspi ? ['--jspi'] : []), ...(opts.composed ? ['--composed'] : [])];
const generate = ['--seed', opts.seed, '--batches', opts.batches, '--cases', opts.cases, '--out', dir];
execFileSync(GENERATOR, [...generate, ...(opts.composed ? ['--composed'] : [])], { stdio: 'inherit' });
// wasmtime-py runs in its own process while Node transpiles and calls.
const wasmtimeDone = new Promise((resolve, reject) => {
  const child = spawn(PYTHON, [join(here, 'wasmtime_driver.py'), dir], { stdio: 'inherit' });
  child.on('error', reject);
  child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`wasmtime_driver.py exited with ${code}`))));
});

const ferryResults = [];
for (let k = 0; k < batches; k++) {
  const batch = JSON.parse(readFileSync(join(dir, `batch-${k}.json`), 'utf8'));
  let results;
  try {
    transpileBatch(FERRY_BIN, dir, k, batch, opts.jspi);
    results = await runBatch(dir, k, batch, opts.jspi);
  } catch (e) {
    // ferry refused the component, or its module failed to load or instantiate: every case
    // of the batch is a finding.
    const error = `batch ${k}: ${String(e?.message ?? e).split('\n')[0]}`;
    results = batch.cases.map((c) => ({ index: c.index, error }));
  }
  ferryResults.push({ batch, results });
}
await wasmtimeDone;

let cases = 0;
let findings = 0;
for (const [k, { batch, results }] of ferryResults.entries()) {
  const wasmtime = JSON.parse(readFileSync(join(dir, `batch-${k}.wasmtime.json`), 'utf8'));
  for (const [i, c] of batch.cases.entries()) {
    cases++;
    const finding = compareCase(c, results[i], wasmtime[i]);
    if (finding) {
      findings++;
      console.log(describeFinding(batch, finding));
    }
  }
}
const mode = variant.length ? ` ${variant.join(' ')}` : '';
console.log(`differential: seed ${opts.seed}${mode}: ${cases} cases, ${findings} finding(s)`);
if (findings > 0) {
  console.log(`inputs and outputs kept in ${dir} (remake with --seed ${opts.seed} --batches ${batches} --cases ${opts.cases}${mode})`);
  process.exit(1);
}
if (opts.out === undefined) rmSync(dir, { recursive: true, force: true });
