// Runs calls of the transpiled client (`node host.mjs MODULE 'get-json("http://...")' ...`)
// with the network granted, printing what `wasmtime run --invoke` would: the call's console
// output, then its result (a string, quoted).
import { writeSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { configure } from '../../../../runtime-shims/src/index.js';

const [module, ...calls] = process.argv.slice(2);
configure({ network: true });
const exports = await import(pathToFileURL(module).href);
for (const call of calls) {
  // `kebab-name("string", ...)`: the string arguments are JSON too.
  const [, name, args] = /^([a-z-]+)\((.*)\)$/.exec(call);
  const camel = name.replace(/-([a-z])/g, (_, c) => c.toUpperCase());
  const result = await exports[camel](...JSON.parse(`[${args}]`));
  writeSync(1, `${JSON.stringify(result)}\n`);
}
