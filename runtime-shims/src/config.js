// What the host grants a component: arguments, environment, directories, stdio, network.
// Nothing is granted by default, as with wasmtime: a host calls `configure` before the
// component runs. Every interface reads this one object.
import { configurable } from './configurable.js';

export const { config, configure } = configurable({
  /** `wasi:cli/environment.get-arguments`. */
  args: [],
  /** `wasi:cli/environment.get-environment`: `[name, value]` pairs. */
  env: [],
  /** `wasi:cli/environment.initial-cwd`. */
  cwd: undefined,
  /** Directories the component may use: `[hostPath, guestPath]` pairs. */
  preopens: [],
  /**
   * What stdin reads (a file descriptor, the input as bytes or text, or a source) and what
   * stdout and stderr write (a file descriptor, a function or a `Writable`): see io/stdio.js.
   */
  stdin: 0,
  stdout: 1,
  stderr: 2,
  /** Whether `wasi:sockets` and `wasi:http` may reach the network. */
  network: false,
  /** Ends the program with an exit code (`wasi:cli/exit`). */
  exit: (code) => process.exit(code),
});
