// The `ferry` bin of the npm package: `transpile`, `types` and `run` as the native CLI has
// them (same flags, same files, same messages), on the Wasm core through the JS API.
import { parseArgs } from 'node:util';
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { loadCore } from './core.js';
import { transpile, types } from './index.js';
import { readWitDir } from './wit-dir.js';
import { writeAll, printWritten } from './output.js';
import { runComponent } from './run.js';

const USAGE = `Usage: ferry <command> [options]

Commands:
  transpile <component.wasm> -o <dir>   Turn a component into an ES module plus its core .wasm files
  types <wit> -o <dir>                  Write the TypeScript declarations transpile would write for a WIT world
  run <component.wasm> [-- ARGS...]     Run a wasi:cli/run component on Node, sandboxed

See README.md of @ferry-wasm/ferry for every option.`;

/** The flags of `transpile` and `types` that shape the module (`ModuleArgs` of the CLI). */
const MODULE_FLAGS = {
  instantiation: { type: 'string' },
  map: { type: 'string', multiple: true },
  'no-namespaced-exports': { type: 'boolean' },
  'tla-compat': { type: 'boolean' },
  'no-wasi-shim': { type: 'boolean' },
};

/** Thrown for a command line the CLI cannot use: reported with the usage, exit code 2. */
class UsageError extends Error {}

/** Runs the command line `args`; resolves to the exit code. */
export async function main(args) {
  const [command, ...rest] = args;
  try {
    switch (command) {
      case 'transpile':
        return await transpileCommand(rest);
      case 'types':
        return await typesCommand(rest);
      case 'run':
        return await runComponent(rest);
      case '-h':
      case '--help':
      case 'help':
        console.log(USAGE);
        return 0;
      default:
        throw new UsageError(command === undefined ? 'a command is required' : `unknown command \`${command}\``);
    }
  } catch (e) {
    const usage = e instanceof UsageError || e?.code?.startsWith?.('ERR_PARSE_ARGS');
    console.error(`error: ${e?.message ?? e}`);
    if (usage) console.error(`\n${USAGE}`);
    return usage ? 2 : 1;
  }
}

async function transpileCommand(args) {
  const { values, positionals } = parse(args, {
    'out-dir': { type: 'string', short: 'o' },
    name: { type: 'string' },
    'base64-cutoff': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    ...MODULE_FLAGS,
  }, '<component.wasm>');
  const file = positionals[0];
  const bytes = await readFile(file).catch((e) => {
    throw new Error(`${file}: cannot read: ${e.message}`);
  });
  const cutoff = values['base64-cutoff'] ?? '0';
  if (!/^\d+$/.test(cutoff)) throw new UsageError(`invalid value '${cutoff}' for '--base64-cutoff <BYTES>': not a number of bytes`);
  const options = {
    name: values.name ?? basename(file, extname(file)),
    base64Cutoff: Number(cutoff),
    ...await moduleOptions(values),
  };
  const transpiled = await transpile(bytes, options).catch((e) => {
    throw new Error(`${file}: ${e.message}`);
  });
  const written = await writeAll(values['out-dir'], transpiled.files);
  if (!values.quiet) {
    for (const warning of transpiled.warnings) console.error(`warning: ${file}: ${warning}`);
    printWritten(written);
  }
  return 0;
}

async function typesCommand(args) {
  const { values, positionals } = parse(args, {
    'out-dir': { type: 'string', short: 'o' },
    name: { type: 'string' },
    world: { type: 'string' },
    feature: { type: 'string', multiple: true },
    'all-features': { type: 'boolean' },
    quiet: { type: 'boolean', short: 'q' },
    ...MODULE_FLAGS,
  }, '<wit>');
  const path = positionals[0];
  const source = await readWitDir(path);
  const { files } = await types(source, {
    witPath: path,
    world: values.world,
    features: values.feature ?? [],
    allFeatures: values['all-features'] ?? false,
    name: values.name,
    ...await moduleOptions(values),
  });
  const written = await writeAll(values['out-dir'], files);
  if (!values.quiet) printWritten(written);
  return 0;
}

/** `parseArgs` with one positional, `-o` required. */
function parse(args, options, positional) {
  const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? `the argument ${positional} is required` : `unexpected argument \`${positionals[1]}\``);
  }
  if (values['out-dir'] === undefined) throw new UsageError('the option --out-dir <DIR> (-o) is required');
  return { values, positionals };
}

/** The API's module options for the flags; `--map` entries parsed as the native CLI does. */
async function moduleOptions(values) {
  const instantiation = values.instantiation;
  if (instantiation !== undefined && instantiation !== 'async' && instantiation !== 'sync') {
    throw new UsageError(`invalid value '${instantiation}' for '--instantiation <MODE>' [possible values: async, sync]`);
  }
  const core = await loadCore();
  return {
    instantiation,
    map: (values.map ?? []).map((entry) => core.parseMapEntry(entry)),
    noNamespacedExports: values['no-namespaced-exports'] ?? false,
    tlaCompat: values['tla-compat'] ?? false,
    noWasiShim: values['no-wasi-shim'] ?? false,
  };
}
