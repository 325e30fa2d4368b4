// Row 4: from `import()` of the generated module to the first completed call, in a fresh
// Node process each run (the module instantiates itself on import, the default of both).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { alternate, timeCommand } from '../lib/measure.mjs';
import { componentLabel, componentPath, moduleUrl, transpiled } from '../lib/transpilers.mjs';

/** The `bench:calls/host` import, a module beside the generated one. */
const HOST = 'export function noop(x) { return x; }\n';

/**
 * The components and their first call (see child/first-call.mjs): `input`, the component
 * its argument is; `host`, the source of ./host.js.
 */
const COMPONENTS = [
  { name: 'add', call: 'add(1, 2)' },
  { name: 'calls', call: 'api.add(1, 2)', args: ['--map', 'bench:calls/host=./host.js'], host: HOST },
  { name: 'transpiler', call: "transpile(<add.wasm>, 'add')", input: 'add' },
];

export default {
  id: 'first-call',
  title: 'From import() to the first call',
  async run(ctx) {
    const child = join(ctx.bench, 'child', 'first-call.mjs');
    const rows = [];
    for (const { name, call, args = [], input, host } of COMPONENTS) {
      const inputPath = input && componentPath(ctx, input);
      const contenders = {};
      for (const tool of ['ferry', 'jco']) {
        contenders[tool] = () => {
          const dir = transpiled(ctx, tool, name, args);
          if (host) writeFileSync(join(dir, 'host.js'), host);
          const { stdout } = timeCommand(process.execPath, [child, moduleUrl(dir, name), name, ...(inputPath ? [inputPath] : [])]);
          return JSON.parse(stdout).ms;
        };
      }
      rows.push({ label: `${componentLabel(ctx, name)}: ${call}`, results: await alternate(contenders, ctx) });
    }
    return [{
      title: 'ms from import() to the first call returning',
      unit: 'ms',
      note: "Measured inside a new Node process per run, from `import()` of the transpiled module (default options: it reads and compiles its core modules and instantiates the component) to the first call's return; Node's own start-up is not counted. The `calls` component's host import is a module beside the output (`--map bench:calls/host=./host.js`).",
      contenders: ['ferry', 'jco'],
      rows,
    }];
  },
};
