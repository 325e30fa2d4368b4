// wasi:cli: environment, exit, stdio, terminals.
import { isatty } from 'node:tty';
import { config } from './config.js';
import { outputSink, stdinSource } from './io/stdio.js';
import { InputStream, OutputStream } from './io/streams.js';

export const environment = {
  getEnvironment: () => config.env.map(([name, value]) => [name, value]),
  getArguments: () => [...config.args],
  initialCwd: () => config.cwd,
};

export const exit = {
  exit: (status) => config.exit(status.tag === 'ok' ? 0 : 1),
  exitWithCode: (code) => config.exit(code),
};

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

export const stdin = { getStdin: streamOf('stdin', (v) => new InputStream(stdinSource(v))) };
export const stdout = { getStdout: streamOf('stdout', (v) => new OutputStream(outputSink(v, 'stdout'))) };
export const stderr = { getStderr: streamOf('stderr', (v) => new OutputStream(outputSink(v, 'stderr'))) };

class TerminalInput {}
class TerminalOutput {}

const terminal = (fd, Class) => (typeof fd === 'number' && isatty(fd) ? new Class() : undefined);

export const terminalInput = { TerminalInput };
export const terminalOutput = { TerminalOutput };
export const terminalStdin = { getTerminalStdin: () => terminal(config.stdin, TerminalInput) };
export const terminalStdout = { getTerminalStdout: () => terminal(config.stdout, TerminalOutput) };
export const terminalStderr = { getTerminalStderr: () => terminal(config.stderr, TerminalOutput) };
