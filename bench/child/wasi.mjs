// Run by bench/sections/5-wasi.mjs in a fresh Node process:
//   node wasi.mjs HOST HOST_DIR MODULE_URL PREOPEN RESULT_FILE -- ARGS...
// Grants the command its arguments (ARGS, after the program's name) and the directory
// PREOPEN (as /data) through HOST, the WASI host package at HOST_DIR: `ferry`
// (@ferry-wasm/shims) or `preview2-shim` (@bytecodealliance/preview2-shim); imports the
// transpiled command at MODULE_URL, calls its `wasi:cli/run` and writes the time the call
// took, in ms, to RESULT_FILE as JSON ({ "ms": ... }). The program's stdout is this
// process's.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [host, hostDir, url, preopen, resultFile, dashes, ...args] = process.argv.slice(2);
if (dashes !== '--') throw new Error('usage: node wasi.mjs HOST HOST_DIR MODULE_URL PREOPEN RESULT_FILE -- ARGS...');
const hostModule = (path) => import(pathToFileURL(join(hostDir, path)).href);

/** Grants `argv` and `/data` through each host's own API. */
const GRANT = {
  async ferry(argv) {
    const { configure } = await hostModule('src/index.js');
    configure({ args: argv, preopens: [[preopen, '/data']] });
  },
  async 'preview2-shim'(argv) {
    const { _setArgs } = await hostModule('dist/nodejs/cli.js');
    const { _setPreopens } = await hostModule('dist/nodejs/filesystem.js');
    _setArgs(argv);
    _setPreopens({ '/data': preopen });
  },
};

await GRANT[host](['wasi-io', ...args]);
const module = await import(url);
const run = Object.entries(module).find(([key]) => /^wasi:cli\/run(@|$)/.test(key))?.[1] ?? module.run;
const start = process.hrtime.bigint();
run.run();
const ms = Number(process.hrtime.bigint() - start) / 1e6;
writeFileSync(resultFile, JSON.stringify({ ms }));
