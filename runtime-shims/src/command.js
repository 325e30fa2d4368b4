// Runs a transpiled `wasi:cli/run` component as a program on Node, as `ferry run` does
// (cli/run.js, shared with browsers); and ends Node with the `ferry` process that started it.
import { Worker } from 'node:worker_threads';
import { commandRunner } from './cli/run.js';
import { config, configure } from './config.js';
import { outputSink } from './io/stdio.js';

export { describeError } from './cli/run.js';

/**
 * `await runCommand(moduleUrl, options, name)`: the exit code of the `wasi:cli/run` component
 * at `moduleUrl`, run with the grants `options` (as for `configure`); see cli/run.js.
 */
export const runCommand = commandRunner({ config, configure, outputSink });

/**
 * Ends this process when the process that started it ends: `ferry run` and `ferry serve` run
 * Node as their child, and killing ferry must not leave Node running. A worker thread
 * watches, as the main thread may be blocked in Wasm.
 */
export function exitWithParent() {
  const watch = `
    const { workerData: parent } = require('node:worker_threads');
    setInterval(() => { if (process.ppid !== parent) process.kill(process.pid, 'SIGTERM'); }, 250);
  `;
  new Worker(watch, { eval: true, workerData: process.ppid }).unref();
}
