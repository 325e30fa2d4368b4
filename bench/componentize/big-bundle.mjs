// How `ferry componentize` scales with the size of the JS: gen-app.mjs's app grown to 1, 2
// and 5 MB (more pricing rules: many functions, as a bundle has), each componentized once.
// Prints, per size, the wall time, the component's size and its ratio to the source, and the
// size of the engine's data section (the pre-initialised memory).
//
//   node bench/componentize/big-bundle.mjs [FERRY] [SIZES...]
//   (FERRY defaults to `ferry` on PATH, SIZES to 1000000 2000000 5000000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appSource } from './gen-app.mjs';

const [ferry = 'ferry', ...sizes] = process.argv.slice(2);
const wit = fileURLToPath(new URL('app/world.wit', import.meta.url));
const wasmTools = process.env.WASM_TOOLS ?? 'wasm-tools';

/** The size of the component's core module's data section, from `wasm-tools objdump`. */
function dataBytes(component) {
  const dump = spawnSync(wasmTools, ['objdump', component], { encoding: 'utf8' });
  const line = dump.stdout.split('\n').find((l) => /^\s+data\s/.test(l));
  return line ? Number(line.match(/\|\s+(\d+) bytes/)[1]) : NaN;
}

const dir = mkdtempSync(join(tmpdir(), 'ferry-big-bundle-'));
try {
  console.log('| source | componentize | component | ratio | data section |');
  console.log('|---:|---:|---:|---:|---:|');
  for (const size of (sizes.length > 0 ? sizes : ['1000000', '2000000', '5000000']).map(Number)) {
    const source = appSource(size);
    const app = join(dir, 'app.js');
    const component = join(dir, 'app.wasm');
    writeFileSync(app, source);
    const start = performance.now();
    const run = spawnSync(ferry, ['componentize', app, '--wit', wit, '-o', component, '--quiet'], { encoding: 'utf8' });
    const seconds = (performance.now() - start) / 1000;
    if (run.status !== 0) throw new Error(`ferry componentize failed on ${size} bytes:\n${run.stderr}`);
    const bytes = statSync(component).size;
    const mb = (n) => `${(n / 1e6).toFixed(2)} MB`;
    const row = [mb(source.length), `${seconds.toFixed(1)} s`, mb(bytes), `${(bytes / source.length).toFixed(2)}x`, mb(dataBytes(component))];
    console.log(`| ${row.join(' | ')} |`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
