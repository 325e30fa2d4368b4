// wasi:cli on Node: environment, exit, stdio (file descriptors, JS values), terminals.
import { isatty } from 'node:tty';
import { cliInterfaces } from './cli/interfaces.js';
import { config } from './config.js';
import { outputSink, stdinSource } from './io/stdio.js';

const interfaces = cliInterfaces(config, {
  stdinSource,
  outputSink,
  isTerminal: (value) => typeof value === 'number' && isatty(value),
});

export const { environment, exit, stdin, stdout, stderr } = interfaces;
export const { terminalInput, terminalOutput, terminalStdin, terminalStdout, terminalStderr } = interfaces;
