// wasi:cli's interfaces over a platform's configuration (config.js, browser/config.js): the
// platform gives how its stdio values become streams and which of them are terminals.
import { InputStream, OutputStream } from '../io/streams.js';

/** What `wasi:cli/exit` throws when the host's `exit` is to unwind the component: `code` is its exit code. */
export class ExitError extends Error {
  constructor(code) {
    super(`the component exited with code ${code}`);
    this.name = 'ExitError';
    this.code = code;
  }
}

class TerminalInput {}
class TerminalOutput {}

/**
 * The cli interface objects over `config` (`args`, `env`, `cwd`, `stdin`, `stdout`, `stderr`,
 * `exit`). `stdinSource(value)` and `outputSink(value, name)` make the source and sinks of
 * io/streams.js from what was configured; `isTerminal(value)` says whether it is a terminal.
 */
export function cliInterfaces(config, { stdinSource, outputSink, isTerminal }) {
  /**
   * A getter of the stream over the configured value: one stream per value, as the component
   * may ask more than once, and a new one when the host configures another.
   */
  function streamOf(key, make) {
    let value, stream;
    return () => {
      if (stream === undefined || config[key] !== value) {
        value = config[key];
        stream = make(value);
      }
      return stream;
    };
  }
  const terminal = (key, Class) => () => (isTerminal(config[key]) ? new Class() : undefined);
  return {
    environment: {
      getEnvironment: () => config.env.map(([name, value]) => [name, value]),
      getArguments: () => [...config.args],
      initialCwd: () => config.cwd,
    },
    exit: {
      exit: (status) => config.exit(status.tag === 'ok' ? 0 : 1),
      exitWithCode: (code) => config.exit(code),
    },
    stdin: { getStdin: streamOf('stdin', (v) => new InputStream(stdinSource(v))) },
    stdout: { getStdout: streamOf('stdout', (v) => new OutputStream(outputSink(v, 'stdout'))) },
    stderr: { getStderr: streamOf('stderr', (v) => new OutputStream(outputSink(v, 'stderr'))) },
    terminalInput: { TerminalInput },
    terminalOutput: { TerminalOutput },
    terminalStdin: { getTerminalStdin: terminal('stdin', TerminalInput) },
    terminalStdout: { getTerminalStdout: terminal('stdout', TerminalOutput) },
    terminalStderr: { getTerminalStderr: terminal('stderr', TerminalOutput) },
  };
}
