// `ferry run` on the Wasm core: transpiles the component into a temporary directory and runs
// it in a child Node process with @ferry-wasm/shims's `runCommand`, granted what the flags
// grant, as the native `ferry run` does (src/commands/run.rs, src/node_host.rs). The temporary
// directory is removed however the run ends: exit, error or signal.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transpile } from './index.js';

/** The grant flags: `[flag, takes a value]`. */
const FLAGS = new Map([['--dir', true], ['--env', true], ['--inherit-env', false], ['--inherit-network', false]]);

/** Runs `ferry run` with its command line `args`; resolves to the program's exit code. */
export async function runComponent(args) {
  const { file, flags, programArgs } = parseRunArgs(args);
  const bytes = await readFile(file).catch((e) => {
    throw new Error(`${file}: cannot read: ${e.message}`);
  });
  const { files } = await transpile(bytes, { name: 'component' }).catch((e) => {
    throw new Error(`${file}: ${e.message}`);
  });
  // As wasmtime: the program's name is the component's file name.
  const grants = grantOptions(flags, [basename(file), ...programArgs]);
  const main = "import { exitWithParent, runCommand } from '@ferry-wasm/shims/command';\n"
    + 'exitWithParent();\n'
    + `process.exit(await runCommand(new URL('./component.js', import.meta.url).href, ${JSON.stringify(grants)}, ${JSON.stringify(file)}));\n`;
  return runInTempDir(files, main);
}

/** `<component> [flags] [--] [ARGS]...`: flags until `--` or the first argument after the component. */
function parseRunArgs(args) {
  const flags = { dir: [], env: [], 'inherit-env': false, 'inherit-network': false };
  let file;
  let i = 0;
  for (; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      i++;
      break;
    }
    const [flag, inline] = arg.startsWith('--') ? arg.split(/=(.*)/s, 2) : [arg];
    if (FLAGS.has(flag)) {
      const name = flag.slice(2);
      if (!FLAGS.get(flag)) {
        if (inline !== undefined) throw usage(`unexpected value for ${flag}`);
        flags[name] = true;
        continue;
      }
      const value = inline ?? args[++i];
      if (value === undefined) throw usage(`a value is required for '${flag}'`);
      flags[name].push(value);
    } else if (file === undefined && !arg.startsWith('-')) {
      file = arg;
    } else if (file === undefined) {
      throw usage(`unexpected argument '${arg}'`);
    } else {
      break;
    }
  }
  if (file === undefined) throw usage('the argument <COMPONENT> is required');
  return { file, flags, programArgs: args.slice(i) };
}

function usage(message) {
  const e = new Error(message);
  e.code = 'ERR_PARSE_ARGS_RUN';
  return e;
}

/** The shims' `configure` options for the grant flags (`Grants::options` of the native CLI). */
function grantOptions(flags, args) {
  const env = flags['inherit-env'] ? Object.entries(process.env) : [];
  for (const entry of flags.env) {
    const eq = entry.indexOf('=');
    if (eq >= 0) env.push([entry.slice(0, eq), entry.slice(eq + 1)]);
    else if (process.env[entry] !== undefined) env.push([entry, process.env[entry]]);
  }
  const preopens = flags.dir.map((entry) => {
    const [host, guest] = entry.includes('::') ? [entry.slice(0, entry.indexOf('::')), entry.slice(entry.indexOf('::') + 2)] : [entry, entry];
    let absolute;
    try {
      absolute = realpathSync(host);
    } catch (e) {
      throw new Error(`--dir \`${entry}\`: cannot open directory \`${host}\`: ${e.message}`);
    }
    if (!statSync(absolute).isDirectory()) throw new Error(`--dir \`${entry}\`: \`${host}\` is not a directory`);
    return [absolute, guest];
  });
  return { args, env, preopens, network: flags['inherit-network'] };
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/**
 * Writes `files` and `main.mjs` into a new temporary directory, in which `@ferry-wasm/shims`
 * resolves to the installed package (a link to it), and runs Node on `main.mjs`; resolves to
 * its exit code. Signals we get meanwhile are passed on to it. The directory is removed when
 * Node ends, when writing fails, and when this process exits first.
 */
function runInTempDir(files, main) {
  return new Promise((resolve, reject) => {
    let child;
    // Before the directory exists: a signal without a listener would end us at once.
    const onSignal = (signal) => child?.kill(signal);
    for (const signal of SIGNALS) process.on(signal, onSignal);
    const dir = mkdtempSync(join(tmpdir(), 'ferry-run-'));
    const remove = () => rmSync(dir, { recursive: true, force: true });
    process.on('exit', remove);
    const finish = (settle) => {
      for (const signal of SIGNALS) process.off(signal, onSignal);
      process.off('exit', remove);
      remove();
      settle();
    };
    try {
      for (const [name, contents] of Object.entries(files)) writeFileSync(join(dir, name), contents);
      writeFileSync(join(dir, 'main.mjs'), main);
      mkdirSync(join(dir, 'node_modules', '@ferry-wasm'), { recursive: true });
      symlinkSync(shimsRoot(), join(dir, 'node_modules', '@ferry-wasm', 'shims'), 'junction');
      child = spawn(process.execPath, [join(dir, 'main.mjs')], { stdio: 'inherit' });
    } catch (e) {
      finish(() => reject(e));
      return;
    }
    child.on('error', (e) => finish(() => reject(new Error(`cannot start Node (\`${process.execPath}\`): ${e.message}`))));
    child.on('exit', (code) => finish(() => resolve(code ?? 1)));
  });
}

/** The directory of the installed `@ferry-wasm/shims`, the one this package depends on. */
function shimsRoot() {
  const command = fileURLToPath(import.meta.resolve('@ferry-wasm/shims/command'));
  const root = join(command, '..', '..');
  const manifest = join(root, 'package.json');
  if (!existsSync(manifest) || JSON.parse(readFileSync(manifest, 'utf8')).name !== '@ferry-wasm/shims') {
    throw new Error(`cannot find the package @ferry-wasm/shims (its command.js is ${command})`);
  }
  return root;
}
