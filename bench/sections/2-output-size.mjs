// Row 2: how much JS each transpiler writes per component, raw and gzipped.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { attempt, once } from '../lib/measure.mjs';
import { COMPONENTS, componentLabel, transpiled } from '../lib/transpilers.mjs';

export default {
  id: 'size',
  title: 'Generated JS size',
  async run(ctx) {
    const rows = [];
    for (const name of Object.keys(COMPONENTS)) {
      const js = {};
      for (const tool of ['ferry', 'jco']) js[tool] = await attempt(() => ({ bytes: jsOf(transpiled(ctx, tool, name)) }));
      const measure = (size) => Object.fromEntries(Object.entries(js).map(([tool, r]) => [tool, r.error ? r : once(size(r.bytes))]));
      const label = componentLabel(ctx, name);
      rows.push({ label: `${label}: raw`, results: measure((bytes) => bytes.length) });
      rows.push({ label: `${label}: gzip`, results: measure((bytes) => gzipSync(bytes, { level: 9 }).length) });
    }
    return [{
      title: 'JS bytes per component',
      unit: 'bytes',
      note: 'Every `.js` file each transpiler writes with its default options (`.d.ts` and core `.wasm` files not counted; jco inlines core modules under its base64 cutoff, 5 KB by default, into its JS, ferry never by default); gzip at level 9.',
      contenders: ['ferry', 'jco'],
      rows,
    }];
  },
};

/** The `.js` files of an output directory (any depth), concatenated in name order. */
function jsOf(dir) {
  const files = readdirSync(dir, { recursive: true }).filter((f) => /\.m?js$/.test(f)).sort();
  if (!files.length) throw new Error(`no .js file in ${dir}`);
  return Buffer.concat(files.map((f) => readFileSync(join(dir, f))));
}
