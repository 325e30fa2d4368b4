// node host-runner.mjs HOST MODULE_URL GRANTS_JSON: runs a transpiled `wasi:cli/run`
// component as `ferry run` runs one, for run.test.mjs's interop cases. HOST is the WASI host
// package the module imports, which gets the grants: `ferry` (@ferry-wasm/shims) or
// `preview2-shim` (@bytecodealliance/preview2-shim, jco's). GRANTS_JSON is `{ args, env,
// inheritEnv, dirs, network }` with ferry run's meanings: `env` entries are `NAME=VALUE`, or
// `NAME` for the host's value (left out when unset), after the host's whole environment with
// `inheritEnv`; `dirs` are `[host, guest]`.
import { realpathSync, statSync } from 'node:fs';
import { runCommand } from '../../runtime-shims/src/command.js';

const [host, moduleUrl, json] = process.argv.slice(2);
const grants = JSON.parse(json);

const env = grants.inheritEnv ? Object.entries(process.env) : [];
for (const entry of grants.env) {
  const at = entry.indexOf('=');
  if (at >= 0) env.push([entry.slice(0, at), entry.slice(at + 1)]);
  else if (process.env[entry] !== undefined) env.push([entry, process.env[entry]]);
}
const preopens = grants.dirs.map(([hostPath, guest]) => {
  if (!statSync(hostPath).isDirectory()) throw new Error(`--dir ${hostPath}: not a directory`);
  return [realpathSync(hostPath), guest];
});

let options = { args: grants.args, env, preopens, network: grants.network };
if (host === 'preview2-shim') {
  // jco's host package: its own setters (it takes the environment as an object, and
  // preopens as guest path -> host path); runCommand then only imports and runs.
  const cli = await import('@bytecodealliance/preview2-shim/cli');
  const filesystem = await import('@bytecodealliance/preview2-shim/filesystem');
  cli._setArgs(grants.args);
  cli._setEnv(Object.fromEntries(env));
  filesystem._setPreopens(Object.fromEntries(preopens.map(([hostPath, guest]) => [guest, hostPath])));
  options = {};
} else if (host !== 'ferry') {
  throw new Error(`unknown host package ${host}`);
}
const code = await runCommand(moduleUrl, options, grants.args[0]);
// preview2-shim writes stdout from a worker of its own: `process.exit` would cut off what is
// still queued, so the process ends by itself once that is out.
if (host === 'preview2-shim') process.exitCode = code;
else process.exit(code);
