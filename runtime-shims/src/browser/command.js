// Runs a transpiled `wasi:cli/run` component as a program in a browser (cli/run.js, shared
// with Node).
import { commandRunner } from '../cli/run.js';
import { config, configure } from './config.js';
import { outputSink } from './io/stdio.js';

/**
 * `await runCommand(moduleUrl, options, name)`: the exit code of the `wasi:cli/run` component
 * at `moduleUrl`, run with the grants `options` (as for `configure`); see cli/run.js.
 */
export const runCommand = commandRunner({ config, configure, outputSink });
