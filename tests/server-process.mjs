// A server under test as a child process: `wasmtime serve` or `ferry serve` (or a component
// they run) on a free loopback port, found from the `Serving HTTP on http://HOST:PORT/` line
// both print. Shared by tests/wasi and tests/componentize.

import { spawn } from 'node:child_process';

/**
 * Starts `program args` in a process group of its own (`ferry serve` runs Node as a child:
 * `stop` kills both) and resolves once it printed the address it serves on, as
 * `{ child, addr ('127.0.0.1:PORT'), port, output(), waitFor(pattern), stop() }`. Rejects if
 * it exits first or prints no address within `timeoutMs`.
 */
export async function startServer(program, args, { timeoutMs = 30_000 } = {}) {
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  const listeners = new Set();
  for (const stream of [child.stdout, child.stderr]) {
    stream.setEncoding('utf8').on('data', (data) => {
      output += data;
      for (const listener of listeners) listener();
    });
  }
  const server = {
    child,
    addr: undefined,
    port: undefined,
    /** Everything the server printed so far, stdout and stderr interleaved. */
    output: () => output,
    /** The match of `pattern` in the output, once it shows; rejects if the server exits
     *  first, or after `timeoutMs`. */
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const finish = (settle, value) => {
          clearTimeout(timer);
          listeners.delete(check);
          child.off('exit', onExit);
          settle(value);
        };
        const check = () => {
          const match = pattern.exec(output);
          if (match) finish(resolve, match);
        };
        const onExit = () => finish(reject, new Error(`${program} exited before printing ${pattern}:\n${output}`));
        const timer = setTimeout(() => finish(reject, new Error(`${program}: no ${pattern} within ${timeoutMs} ms:\n${output}`)), timeoutMs);
        listeners.add(check);
        child.on('exit', onExit);
        if (child.exitCode !== null || child.signalCode !== null) onExit();
        else check();
      });
    },
    /** Kills the server's process group; nothing if it is gone already. */
    stop() {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
  try {
    const [, addr, port] = await server.waitFor(/Serving HTTP on http:\/\/([^/\s]+:(\d+))\//);
    server.addr = addr;
    server.port = Number(port);
    return server;
  } catch (error) {
    server.stop();
    throw error;
  }
}
