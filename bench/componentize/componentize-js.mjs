// ComponentizeJS as its CLI runs it (one Node process, its `componentize` JS API), except
// that the WIT goes in as source text: 0.23.0's CLI reads the WIT file through
// preview2-shim's filesystem, and preview2-shim 0.26 (what jco 1.35 brings in) preopens no
// directory, so the CLI cannot read any WIT file.
//   node bench/componentize/componentize-js.mjs APP.js WORLD.wit OUT.wasm
import { readFileSync, writeFileSync } from 'node:fs';
import { componentize } from '@bytecodealliance/componentize-js';

const [app, wit, out] = process.argv.slice(2);
const { component } = await componentize(readFileSync(app, 'utf8'), readFileSync(wit, 'utf8'));
writeFileSync(out, component);
