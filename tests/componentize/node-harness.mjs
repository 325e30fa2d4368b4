// What the cases' `node.mjs` scripts share. A script runs as `node node.mjs <app.js>...`,
// where each app.js is a component of the case transpiled by `ferry transpile`; it checks on
// Node what expect.txt checks on wasmtime.
//
// - `load(module)` imports a fresh instance of a transpiled module (by default the first
//   argument), as wasmtime runs each call in a fresh instance (and a component instance that
//   trapped cannot be entered again).
// - `output(fn)` runs `fn` and returns its value with the lines the component wrote to stdout
//   and stderr meanwhile. Components write through wasi:cli of `@ferry-wasm/shims` (the copy
//   the modules import), configured here to write into buffers; output outside `output` or
//   `trapsAsExpected` fails the script, as wasmtime's stdout and stderr are checked whole.
// - `printsAsExpected(invoke, fn)`: `output(fn)`, checking that the component wrote what the
//   case's expect.txt says the call `invoke` writes (its stdout lines but the result's, which
//   wasmtime prints, and its stderr lines); returns `fn`'s value.
// - `trapsAsExpected(invoke, fn, module)` calls `fn(instance)` on a fresh instance and checks
//   that it traps (throws a `WebAssembly.RuntimeError`) as expect.txt says the call `invoke`
//   does (stdout, and the `!` lines in stderr), and that the instance cannot be entered again.
// - `configure`: the shims' own, for what a script grants the component (arguments, ...).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import { containsInOrder, lines, parseExpect } from './harness.mjs';

assert.ok(process.argv[2], 'usage: node node.mjs <transpiled app.js>...');
const firstModule = process.argv[2];

export const { configure } = await import(
  pathToFileURL(createRequire(resolve(firstModule)).resolve('@ferry-wasm/shims')).href
);

let capture;
const sink = (name) => {
  const decoder = new TextDecoder();
  return (bytes) => {
    if (capture !== undefined) {
      capture[name] += decoder.decode(bytes, { stream: true });
      return;
    }
    process[name].write(bytes);
    process.exitCode = 1;
    console.error(`node-harness: the component wrote to ${name} outside output() or trapsAsExpected()`);
  };
};
configure({ stdout: sink('stdout'), stderr: sink('stderr') });

/** Runs `fn`; returns its value and what the component wrote meanwhile. */
function capturing(fn) {
  assert.equal(capture, undefined, 'output() and trapsAsExpected() do not nest');
  const written = (capture = { stdout: '', stderr: '' });
  try {
    return { value: fn(), ...written };
  } catch (error) {
    error.message += `\ncomponent stdout:\n${written.stdout}\ncomponent stderr:\n${written.stderr}`;
    throw error;
  } finally {
    capture = undefined;
  }
}

const expect = parseExpect(readFileSync(join(dirname(process.argv[1]), 'expect.txt'), 'utf8'));

let instances = 0;

/** A fresh instance of the transpiled module at path `module` (its namespace object). */
export async function load(module = firstModule) {
  return import(`${pathToFileURL(resolve(module)).href}?instance=${++instances}`);
}

/** Runs `fn`; returns `{ value, stdout, stderr }` with the lines the component wrote. */
export function output(fn) {
  const { value, stdout, stderr } = capturing(fn);
  return { value, stdout: lines(stdout), stderr: lines(stderr) };
}

/** The call `invoke` of expect.txt. */
function expected(invoke) {
  const call = expect.calls.find((c) => c.invoke === invoke);
  assert.ok(call, `expect.txt has no call ${invoke}`);
  return call;
}

/** Runs `fn`, checking that the component writes what expect.txt has for the call `invoke`. */
export function printsAsExpected(invoke, fn) {
  const call = expected(invoke);
  assert.equal(call.stderr.length, 0, `${invoke} traps: use trapsAsExpected()`);
  const { value, stdout, stderr } = output(fn);
  assert.deepEqual({ stdout, stderr }, { stdout: call.stdout.slice(0, -1), stderr: call.stderrLines }, `output of ${invoke}`);
  return value;
}

/**
 * Checks that `fn(instance)` traps on a fresh instance of `module` as expect.txt says the
 * call `invoke` does (its stdout lines, and its `!` lines in its stderr, in order), and that
 * the instance is unusable afterwards.
 */
export async function trapsAsExpected(invoke, fn, module = firstModule) {
  const call = expected(invoke);
  assert.ok(call.stderr.length > 0, `${invoke} does not trap in expect.txt`);
  const instance = await load(module);
  const { stdout, stderr } = capturing(() => assert.throws(() => fn(instance), WebAssembly.RuntimeError, invoke));
  assert.deepEqual(lines(stdout), call.stdout, `stdout of ${invoke}`);
  containsInOrder(stderr, call.stderr, `stderr of ${invoke}`);
  assert.throws(() => fn(instance), { name: 'RuntimeError', message: /trapped earlier/ }, `${invoke} again`);
}
