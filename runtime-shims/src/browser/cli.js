// wasi:cli in browsers: arguments and environment from the page, stdio to the console or to
// the page's functions (browser/io/stdio.js), no terminals; `exit` throws an `ExitError`.
import { cliInterfaces } from '../cli/interfaces.js';
import { config } from './config.js';
import { outputSink, stdinSource } from './io/stdio.js';

const interfaces = cliInterfaces(config, { stdinSource, outputSink, isTerminal: () => false });

export const { environment, exit, stdin, stdout, stderr } = interfaces;
export const { terminalInput, terminalOutput, terminalStdin, terminalStdout, terminalStderr } = interfaces;
