// What the page grants a component in a browser: arguments, environment, files in memory,
// stdio, fetch. As on Node (config.js), nothing is granted by default: the page calls
// `configure` (browser/index.js) before the component runs.
import { throwExit } from '../cli/run.js';
import { configurable } from '../configurable.js';
import { resetFiles } from './filesystem/tree.js';

const { config, configure: setOptions } = configurable({
  /** `wasi:cli/environment.get-arguments`. */
  args: [],
  /** `wasi:cli/environment.get-environment`: `[name, value]` pairs, or an object. */
  env: [],
  /** `wasi:cli/environment.initial-cwd`. */
  cwd: undefined,
  /** The files of the in-memory filesystem, `{ path: Uint8Array | string }`: configuring them starts a fresh one. */
  files: {},
  /** The directories of the in-memory filesystem the component may use, as absolute paths (made if missing). */
  preopens: [],
  /** What stdin reads and stdout and stderr write: see browser/io/stdio.js. */
  stdin: undefined,
  stdout: undefined,
  stderr: undefined,
  /** Whether `wasi:http/outgoing-handler` may `fetch`. */
  network: false,
  /** Ends the program with an exit code (`wasi:cli/exit`): by default throws an `ExitError`. */
  exit: throwExit,
});

export { config };

/** Sets what the component may use; only the keys given change. */
export function configure(options) {
  setOptions(options);
  if (options.files !== undefined) resetFiles(options.files);
}
