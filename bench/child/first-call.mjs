// Run by bench/sections/4-first-call.mjs in a fresh Node process:
//   node first-call.mjs MODULE_URL COMPONENT [INPUT]
// Imports the transpiled module (which instantiates the component), makes one call of the
// component's, checks its result and prints the time from `import()` to the call's return,
// in ms, as JSON ({ "ms": ... }).
import { readFileSync } from 'node:fs';

const [url, component, input] = process.argv.slice(2);

/** The first call per benchmark component: returns whether the result is right. */
const FIRST_CALLS = {
  add: (m) => m.add(1, 2) === 3,
  calls: (m) => m.api.add(1, 2) === 3,
  transpiler: (m, bytes) => m.transpile(bytes, 'add').some((file) => file.name === 'add.js'),
};

const call = FIRST_CALLS[component];
if (!call) throw new Error(`no first call for component ${component}`);
const bytes = input && readFileSync(input);
const start = process.hrtime.bigint();
const module = await import(url);
const ok = call(module, bytes);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
if (!ok) throw new Error(`${component}: the first call returned a wrong result`);
process.stdout.write(JSON.stringify({ ms }));
