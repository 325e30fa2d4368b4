// wasi:cli: environment, exit, stdio, terminals.
import { isatty } from 'node:tty';
import { config } from './config.js';
import { fdSink, fdSource } from './io/fd.js';
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

// One stream each, made on first use: the component may ask more than once.
let stdinStream, stdoutStream, stderrStream;

export const stdin = {
  getStdin: () => (stdinStream ??= new InputStream(fdSource(config.stdin))),
};
export const stdout = {
  getStdout: () => (stdoutStream ??= new OutputStream(fdSink(config.stdout))),
};
export const stderr = {
  getStderr: () => (stderrStream ??= new OutputStream(fdSink(config.stderr))),
};

class TerminalInput {}
class TerminalOutput {}

const terminal = (fd, Class) => (typeof fd === 'number' && isatty(fd) ? new Class() : undefined);

export const terminalInput = { TerminalInput };
export const terminalOutput = { TerminalOutput };
export const terminalStdin = { getTerminalStdin: () => terminal(config.stdin, TerminalInput) };
export const terminalStdout = { getTerminalStdout: () => terminal(config.stdout, TerminalOutput) };
export const terminalStderr = { getTerminalStderr: () => terminal(config.stderr, TerminalOutput) };
