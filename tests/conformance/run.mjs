#!/usr/bin/env node
// Component model .wast conformance runner for ferry.
//
//   node tests/conformance/run.mjs [--ferry PATH] [--verbose] [--filter SUBSTR]
//        [--timeout SECONDS] [--keep] <dir-or-wast>...
//
// Each .wast file is turned into JSON commands by `wasm-tools json-from-wast`; every
// component is transpiled with `ferry transpile --instantiation async`, imported and
// instantiated, and its exports are called with the values of the spec test, in the JS
// shapes of shared/js-conventions.md. The value mapping below is written independently
// of ferry on purpose: it is the oracle for ferry's naming and value conventions.
//
// Each .wast file runs in a child process of this script (same Node binary) so that a
// hang or crash in one file is reported as a failure of that file and the rest still run.
// The child reports one JSON line per command on stdout, prefixed with REPORT_PREFIX.
//
// --timeout: seconds a file may go without finishing a command before it is killed (60).
// --keep: keep the work directories (transpiled output) and print where they are.
// Environment: FERRY_BIN (default for --ferry), WASM_TOOLS (default `wasm-tools` on PATH).

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPORT_PREFIX = '@@ferry-conformance ';
const FERRY_TIMEOUT_MS = 50_000;
const DEFAULT_STALL_TIMEOUT_S = 60;

// ---------------------------------------------------------------------------
// Command line

function usage(message) {
  if (message) console.error(`run.mjs: ${message}`);
  console.error('usage: node tests/conformance/run.mjs [--ferry PATH] [--verbose] [--filter SUBSTR] '
    + '[--timeout SECONDS] [--keep] [--rejections] <dir-or-wast>...');
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    ferry: process.env.FERRY_BIN, verbose: false, filter: null, keep: false,
    timeout: DEFAULT_STALL_TIMEOUT_S, child: false, rejections: false, paths: [],
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => (i + 1 < argv.length ? argv[++i] : usage(`${arg} needs a value`));
    if (arg === '--ferry') opts.ferry = value();
    else if (arg === '--verbose' || arg === '-v') opts.verbose = true;
    else if (arg === '--filter') opts.filter = value();
    else if (arg === '--timeout') opts.timeout = Number(value());
    else if (arg === '--keep') opts.keep = true;
    else if (arg === '--rejections') opts.rejections = true;
    else if (arg === '--child') opts.child = true;
    else if (arg === '--help' || arg === '-h') usage();
    else if (arg.startsWith('-')) usage(`unknown option ${arg}`);
    else opts.paths.push(arg);
  }
  if (opts.paths.length === 0) usage('no test directory or .wast file given');
  if (!opts.ferry) usage('no ferry binary: pass --ferry PATH or set FERRY_BIN');
  if (!(opts.timeout > 0)) usage('--timeout needs a positive number of seconds');
  opts.ferry = resolve(opts.ferry);
  return opts;
}

// ---------------------------------------------------------------------------
// Names: WIT kebab-case -> JS

const JS_RESERVED = new Set([
  'await', 'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default',
  'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for', 'function',
  'if', 'implements', 'import', 'in', 'instanceof', 'interface', 'let', 'new', 'null',
  'package', 'private', 'protected', 'public', 'return', 'static', 'super', 'switch', 'this',
  'throw', 'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'yield',
]);

// `get-thing` -> `getThing`, `HTTP-get` -> `httpGet`, `go-1` -> `go1`.
function lowerCamel(name) {
  return name.split('-').map((word, i) => {
    const lower = word.toLowerCase();
    return i === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
  }).join('');
}

// The JS export name of a world-level exported function.
function jsExportName(witName) {
  const name = lowerCamel(witName);
  return JS_RESERVED.has(name) ? `${name}$` : name;
}

// ---------------------------------------------------------------------------
// Values: wasm-tools JSON -> JS, and comparison of results

const TYPED_ARRAYS = {
  u8: Uint8Array, s8: Int8Array, u16: Uint16Array, s16: Int16Array,
  u32: Uint32Array, s32: Int32Array, u64: BigUint64Array, s64: BigInt64Array,
  f32: Float32Array, f64: Float64Array,
};
const SMALL_INTS = new Set(['u8', 's8', 'u16', 's16', 'u32', 's32']);

function floatFromBits(type, bits) {
  const view = new DataView(new ArrayBuffer(8));
  if (type === 'f32') {
    view.setUint32(0, Number(bits));
    return view.getFloat32(0);
  }
  view.setBigUint64(0, BigInt(bits));
  return view.getFloat64(0);
}

function isNanPattern(value) {
  return typeof value === 'string' && value.startsWith('nan:');
}

// The typed array class for a list whose elements are all of one numeric type.
function typedArrayFor(items) {
  if (items.length === 0) return null;
  const Class = TYPED_ARRAYS[items[0].type];
  return Class && items.every((item) => item.type === items[0].type) ? Class : null;
}

// One wasm-tools JSON value -> the JS value passed to an export.
function toJs(v) {
  switch (v.type) {
    case 'bool': return v.value;
    case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32': return Number(v.value);
    case 'u64': case 's64': return BigInt(v.value);
    case 'f32': case 'f64': return isNanPattern(v.value) ? NaN : floatFromBits(v.type, v.value);
    case 'char': case 'string': case 'enum': return v.value;
    case 'list': {
      const Class = typedArrayFor(v.value);
      const items = v.value.map(toJs);
      return Class ? Class.from(items) : items;
    }
    case 'tuple': return v.value.map(toJs);
    case 'record': return Object.fromEntries(v.value.map(([k, fv]) => [lowerCamel(k), toJs(fv)]));
    case 'variant': return caseToJs(v.value.case, v.value.payload);
    case 'flags': return Object.fromEntries(v.value.map((f) => [lowerCamel(f), true]));
    case 'option':
      if (v.value === null) return undefined;
      // option<option<T>>: the outer `some` must be explicit.
      if (v.value.type === 'option') return { tag: 'some', val: toJs(v.value) };
      return toJs(v.value);
    case 'result': {
      const [tag, payload] = resultParts(v.value);
      return caseToJs(tag, payload);
    }
    default: throw new Error(`unsupported argument type \`${v.type}\``);
  }
}

function caseToJs(tag, payload) {
  return payload === null || payload === undefined ? { tag } : { tag, val: toJs(payload) };
}

// {"Ok": v} / {"Err": v} -> ['ok', v] / ['err', v]
function resultParts(value) {
  if (value && 'Ok' in value) return ['ok', value.Ok];
  if (value && 'Err' in value) return ['err', value.Err];
  throw new Error(`malformed result value ${JSON.stringify(value)}`);
}

function convertArgs(args) {
  return (args ?? []).map(toJs);
}

// null when `actual` matches the expected JSON value, else a description of the mismatch.
function mismatch(expected, actual, path = 'result') {
  const differ = (want) => `${path}: expected ${want}, got ${show(actual)}`;
  const t = expected.type;
  switch (t) {
    case 'bool':
      return actual === expected.value ? null : differ(String(expected.value));
    case 'u8': case 's8': case 'u16': case 's16': case 'u32': case 's32':
      return typeof actual === 'number' && actual === Number(expected.value)
        ? null : differ(`${t} ${expected.value}`);
    case 'u64': case 's64':
      return typeof actual === 'bigint' && actual === BigInt(expected.value)
        ? null : differ(`${t} ${expected.value}n`);
    case 'f32': case 'f64': {
      if (typeof actual !== 'number') return differ(`${t} number`);
      if (isNanPattern(expected.value)) return Number.isNaN(actual) ? null : differ('NaN');
      const want = floatFromBits(t, expected.value);
      if (Number.isNaN(want)) return Number.isNaN(actual) ? null : differ('NaN');
      return Object.is(actual, want) ? null : differ(`${t} ${show(want)}`);
    }
    case 'char': case 'string': case 'enum':
      return actual === expected.value ? null : differ(`${t} ${JSON.stringify(expected.value)}`);
    case 'list': return listMismatch(expected.value, actual, path);
    case 'tuple':
      if (!Array.isArray(actual)) return differ(`a tuple (Array) of ${expected.value.length}`);
      return sequenceMismatch(expected.value, actual, path);
    case 'record': return recordMismatch(expected.value, actual, path);
    case 'variant': return caseMismatch(expected.value.case, expected.value.payload, actual, path);
    case 'flags': return flagsMismatch(expected.value, actual, path);
    case 'option': return optionMismatch(expected.value, actual, path);
    case 'result': {
      const [tag, payload] = resultParts(expected.value);
      return caseMismatch(tag, payload, actual, path);
    }
    default: return `${path}: unsupported expected type \`${t}\``;
  }
}

function listMismatch(items, actual, path) {
  const Class = typedArrayFor(items);
  if (Class) {
    if (!(actual instanceof Class)) return `${path}: expected a ${Class.name}, got ${show(actual)}`;
  } else if (items.length === 0) {
    // The element type of an empty list is unknown: any empty array or typed array.
    if (!(Array.isArray(actual) || ArrayBuffer.isView(actual))) {
      return `${path}: expected an empty list, got ${show(actual)}`;
    }
  } else if (!Array.isArray(actual)) {
    return `${path}: expected an Array, got ${show(actual)}`;
  }
  return sequenceMismatch(items, Array.from(actual), path);
}

function sequenceMismatch(items, actual, path) {
  if (actual.length !== items.length) {
    return `${path}: expected ${items.length} elements, got ${actual.length}: ${show(actual)}`;
  }
  for (let i = 0; i < items.length; i++) {
    const m = mismatch(items[i], actual[i], `${path}[${i}]`);
    if (m) return m;
  }
  return null;
}

function isObject(x) {
  return typeof x === 'object' && x !== null;
}

function recordMismatch(fields, actual, path) {
  if (!isObject(actual)) return `${path}: expected a record object, got ${show(actual)}`;
  for (const [name, value] of fields) {
    const m = mismatch(value, actual[lowerCamel(name)], `${path}.${lowerCamel(name)}`);
    if (m) return m;
  }
  return null;
}

function caseMismatch(tag, payload, actual, path) {
  if (!isObject(actual)) return `${path}: expected {tag: '${tag}', ...}, got ${show(actual)}`;
  if (actual.tag !== tag) return `${path}: expected tag '${tag}', got ${show(actual)}`;
  if (payload === null || payload === undefined) {
    return actual.val === undefined ? null : `${path}: expected no payload for '${tag}', got ${show(actual)}`;
  }
  return mismatch(payload, actual.val, `${path}.val`);
}

// The JSON lists only the set flags: those must be true, every other key false.
function flagsMismatch(setFlags, actual, path) {
  if (!isObject(actual)) return `${path}: expected a flags object, got ${show(actual)}`;
  const set = new Set(setFlags.map(lowerCamel));
  for (const key of set) {
    if (actual[key] !== true) return `${path}.${key}: expected true, got ${show(actual)}`;
  }
  for (const [key, value] of Object.entries(actual)) {
    if (!set.has(key) && value !== false) return `${path}.${key}: expected false, got ${show(actual)}`;
  }
  return null;
}

function optionMismatch(value, actual, path) {
  if (value === null) return actual === undefined ? null : `${path}: expected undefined (none), got ${show(actual)}`;
  if (value.type === 'option') return caseMismatch('some', value, actual, path);
  return mismatch(value, actual, path);
}

// Compares what an export produced with the `expected` list of an assert_return.
// `outcome` is {value} for a normal return or {error} for a throw.
function expectedMatches(expected, outcome, ComponentError) {
  const single = expected.length === 1 ? expected[0] : null;
  if (single?.type === 'result') {
    // A function whose whole return type is a result returns the ok payload or throws a
    // ComponentError carrying the err payload.
    let actual;
    if ('error' in outcome) {
      const e = outcome.error;
      if (!isComponentError(e, ComponentError)) return `threw ${describeError(e)}`;
      actual = e.payload === undefined ? { tag: 'err' } : { tag: 'err', val: e.payload };
    } else {
      actual = outcome.value === undefined ? { tag: 'ok' } : { tag: 'ok', val: outcome.value };
    }
    return mismatch(single, actual);
  }
  if ('error' in outcome) return `threw ${describeError(outcome.error)}`;
  if (expected.length === 0) {
    return outcome.value === undefined ? null : `expected no result (undefined), got ${show(outcome.value)}`;
  }
  if (single) return mismatch(single, outcome.value);
  if (!Array.isArray(outcome.value)) return `expected ${expected.length} results as an Array, got ${show(outcome.value)}`;
  return sequenceMismatch(expected, outcome.value, 'results');
}

function isComponentError(e, ComponentError) {
  if (typeof ComponentError === 'function') return e instanceof ComponentError;
  return isObject(e) && 'payload' in e && !(e instanceof WebAssembly.RuntimeError);
}

// ---------------------------------------------------------------------------
// Printing values and errors

function show(x, depth = 0) {
  if (depth > 4) return '...';
  if (x === undefined) return 'undefined';
  if (typeof x === 'bigint') return `${x}n`;
  if (typeof x === 'number') return Object.is(x, -0) ? '-0' : String(x);
  if (typeof x === 'string') return JSON.stringify(x.length > 80 ? `${x.slice(0, 80)}...` : x);
  if (typeof x === 'function') return `[function ${x.name}]`;
  if (ArrayBuffer.isView(x)) return `${x.constructor.name}[${Array.from(x).slice(0, 16).map((e) => show(e)).join(', ')}]`;
  if (Array.isArray(x)) return `[${x.slice(0, 16).map((e) => show(e, depth + 1)).join(', ')}${x.length > 16 ? ', ...' : ''}]`;
  if (x instanceof Error) return describeError(x);
  if (isObject(x)) {
    const entries = Object.entries(x).map(([k, v]) => `${k}: ${show(v, depth + 1)}`);
    return `{${entries.join(', ')}}`;
  }
  return String(x);
}

function describeError(e) {
  if (e instanceof Error) return `${e.constructor?.name ?? 'Error'}: ${e.message}`;
  return `non-Error value ${show(e)}`;
}

function showArgs(args) {
  const text = (args ?? []).map((a) => show(toJsSafe(a))).join(', ');
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

function toJsSafe(a) {
  try { return toJs(a); } catch { return `<${a.type}>`; }
}

function indent(text, prefix) {
  return text.split('\n').map((line) => prefix + line).join('\n');
}

// ---------------------------------------------------------------------------
// ferry and wasm-tools

function run(cmd, args, timeout) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout, maxBuffer: 64 << 20 });
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', error: r.error };
}

function transpile(ferry, wasmPath, outDir, name) {
  const r = run(ferry, ['transpile', wasmPath, '-o', outDir, '--name', name, '--instantiation', 'async', '-q'],
    FERRY_TIMEOUT_MS);
  if (r.error?.code === 'ETIMEDOUT') r.why = `ferry timed out after ${FERRY_TIMEOUT_MS / 1000}s`;
  else if (r.error) r.why = `could not run ferry: ${r.error.message}`;
  else if (r.signal) r.why = `ferry killed by ${r.signal}`;
  else if (r.status !== 0) r.why = `ferry exited with status ${r.status}`;
  return r;
}

// What is wrong with ferry's output for a component it should reject, or null.
function rejectionProblem(r) {
  if (r.error || r.signal) return r.why;
  if (r.status === 0) return 'ferry accepted it (exit status 0)';
  if (/panicked|stack backtrace|RUST_BACKTRACE/.test(r.stderr)) return 'ferry panicked';
  if (!/^error: \S/m.test(r.stderr)) return 'no `error: ...` message on stderr';
  return null;
}

function firstLines(text, n = 12) {
  const lines = text.trimEnd().split('\n');
  return lines.length > n ? [...lines.slice(0, n), `... (${lines.length - n} more lines)`].join('\n') : lines.join('\n');
}

// ---------------------------------------------------------------------------
// Running one .wast file (in the child process)

class WastRun {
  constructor(opts, wastPath, work) {
    this.opts = opts;
    this.wastPath = wastPath;
    this.work = work;
    this.definitions = new Map(); // module_definition name -> loaded definition
    this.instances = new Map();   // instance name -> instance
    this.registered = {};          // register `as` name -> exports (import object)
    this.current = null;           // most recently instantiated instance
    this.currentFailure = null;    // why `current` is missing
  }

  report(cmd, ok, what, reason = '', note = '') {
    const entry = { line: cmd.line, type: cmd.type, ok, what, reason, note };
    process.stdout.write(REPORT_PREFIX + JSON.stringify(entry) + '\n');
  }

  // Transpiles a component into WORK/<name>/ and imports the generated module.
  async define(filename) {
    const name = basename(filename, '.wasm').replace(/[^A-Za-z0-9_-]/g, '-');
    const outDir = join(this.work, name);
    const r = transpile(this.opts.ferry, join(this.work, filename), outDir, name);
    if (r.why) {
      const stderr = r.stderr.trim() ? `\n${indent(firstLines(r.stderr), '      | ')}` : '';
      throw new Error(`${r.why}${stderr}`);
    }
    const jsPath = join(outDir, `${name}.js`);
    let module;
    try {
      module = await import(pathToFileURL(jsPath).href);
    } catch (e) {
      throw new Error(`importing ${name}/${name}.js failed: ${describeError(e)}`);
    }
    if (typeof module.instantiate !== 'function') {
      throw new Error(`${name}/${name}.js does not export instantiate()`);
    }
    const compiled = new Map();
    const getCoreModule = (file) => {
      if (!compiled.has(file)) compiled.set(file, WebAssembly.compile(readFileSync(join(outDir, file))));
      return compiled.get(file);
    };
    return { name, module, getCoreModule };
  }

  async instantiate(definition) {
    const exports = await definition.module.instantiate(definition.getCoreModule, { ...this.registered });
    if (!isObject(exports)) throw new Error(`instantiate() resolved to ${show(exports)}, not an exports object`);
    return { exports, ComponentError: definition.module.ComponentError };
  }

  setCurrent(instance, failure, names = []) {
    this.current = instance;
    this.currentFailure = failure;
    for (const n of names) if (n !== undefined) this.instances.set(n, instance);
  }

  async command(cmd) {
    switch (cmd.type) {
      case 'module': return this.moduleCommand(cmd);
      case 'module_definition': return this.definitionCommand(cmd);
      case 'module_instance': return this.instanceCommand(cmd);
      case 'register': return this.registerCommand(cmd);
      case 'action': return this.actionCommand(cmd);
      case 'assert_return': return this.assertReturn(cmd);
      case 'assert_trap': return this.assertTrap(cmd);
      case 'assert_invalid': case 'assert_malformed': return this.assertRejected(cmd);
      case 'assert_unlinkable': case 'assert_uninstantiable': return this.assertNotInstantiable(cmd);
      default: return this.report(cmd, false, cmd.type, `unsupported command type \`${cmd.type}\``);
    }
  }

  async moduleCommand(cmd) {
    const what = cmd.filename;
    try {
      const instance = await this.instantiate(await this.define(cmd.filename));
      this.setCurrent(instance, null, [cmd.name]);
      this.report(cmd, true, what);
    } catch (e) {
      const failure = `component at line ${cmd.line} failed to load`;
      this.setCurrent(null, failure, [cmd.name]);
      this.report(cmd, false, what, e.message);
    }
  }

  async definitionCommand(cmd) {
    const what = `${cmd.name} (${cmd.filename})`;
    try {
      this.definitions.set(cmd.name, await this.define(cmd.filename));
      this.report(cmd, true, what);
    } catch (e) {
      this.definitions.set(cmd.name, { failed: `definition ${cmd.name} (line ${cmd.line}) failed to load` });
      this.report(cmd, false, what, e.message);
    }
  }

  async instanceCommand(cmd) {
    const what = `${cmd.instance} of ${cmd.module}`;
    const definition = this.definitions.get(cmd.module);
    let failure;
    if (!definition) failure = `no module definition named ${cmd.module}`;
    else if (definition.failed) failure = definition.failed;
    if (!failure) {
      try {
        this.setCurrent(await this.instantiate(definition), null, [cmd.instance]);
        return this.report(cmd, true, what);
      } catch (e) {
        failure = `instantiate() failed: ${describeError(e)}`;
      }
    }
    this.setCurrent(null, `instance ${cmd.instance} (line ${cmd.line}) failed`, [cmd.instance]);
    this.report(cmd, false, what, failure);
  }

  registerCommand(cmd) {
    const instance = cmd.name !== undefined ? this.instances.get(cmd.name) : this.current;
    if (!instance) return this.report(cmd, false, `register ${cmd.as}`, this.currentFailure ?? 'no instance to register');
    this.registered[cmd.as] = instance.exports;
    this.report(cmd, true, `register ${cmd.as}`);
  }

  // Calls the export named by an invoke action: {instance, outcome: {value} | {error}}.
  async invoke(action) {
    if (action.type !== 'invoke') throw new Error(`unsupported action type \`${action.type}\``);
    const instance = action.module !== undefined ? this.instances.get(action.module) : this.current;
    if (!instance) {
      throw new Error(action.module !== undefined && !this.instances.has(action.module)
        ? `no instance named ${action.module}` : `no instance (${this.currentFailure ?? 'nothing instantiated yet'})`);
    }
    const jsName = jsExportName(action.field);
    const fn = instance.exports[jsName];
    if (typeof fn !== 'function') {
      const names = Object.keys(instance.exports).join(', ');
      throw new Error(`no exported function \`${jsName}\` (for \`${action.field}\`); exports: ${names || 'none'}`);
    }
    const args = convertArgs(action.args);
    try {
      let value = fn(...args);
      if (value instanceof Promise) value = await value;
      return { instance, outcome: { value } };
    } catch (error) {
      return { instance, outcome: { error } };
    }
  }

  actionWhat(cmd) {
    const a = cmd.action;
    return `${a.module !== undefined ? `${a.module}.` : ''}${jsExportName(a.field ?? '?')}(${showArgs(a.args)})`;
  }

  async actionCommand(cmd) {
    const what = this.actionWhat(cmd);
    try {
      const { outcome } = await this.invoke(cmd.action);
      if ('error' in outcome) return this.report(cmd, false, what, `threw ${describeError(outcome.error)}`);
      this.report(cmd, true, what);
    } catch (e) {
      this.report(cmd, false, what, e.message);
    }
  }

  async assertReturn(cmd) {
    const what = this.actionWhat(cmd);
    try {
      const { instance, outcome } = await this.invoke(cmd.action);
      const problem = expectedMatches(cmd.expected ?? [], outcome, instance.ComponentError);
      this.report(cmd, !problem, what, problem ?? '');
    } catch (e) {
      this.report(cmd, false, what, e.message);
    }
  }

  async assertTrap(cmd) {
    const what = this.actionWhat(cmd);
    try {
      const { outcome } = await this.invoke(cmd.action);
      if (!('error' in outcome)) {
        return this.report(cmd, false, what, `expected a trap (${JSON.stringify(cmd.text)}), returned ${show(outcome.value)}`);
      }
      const e = outcome.error;
      if (!(e instanceof WebAssembly.RuntimeError)) {
        return this.report(cmd, false, what, `expected a WebAssembly.RuntimeError (${JSON.stringify(cmd.text)}), threw ${describeError(e)}`);
      }
      const note = e.message.includes(cmd.text) ? '' : `trap message ${JSON.stringify(e.message)} lacks ${JSON.stringify(cmd.text)}`;
      this.report(cmd, true, what, '', note);
    } catch (e) {
      this.report(cmd, false, what, e.message);
    }
  }

  assertRejected(cmd) {
    const name = `${basename(cmd.filename).replace(/\.[^.]*$/, '').replace(/[^A-Za-z0-9_-]/g, '-')}`;
    const r = transpile(this.opts.ferry, join(this.work, cmd.filename), join(this.work, name), name);
    const problem = rejectionProblem(r);
    const message = (r.stderr.match(/^error: .*$/m) ?? [''])[0];
    const note = !problem && cmd.text && !r.stderr.includes(cmd.text)
      ? `${message} (spec text: ${JSON.stringify(cmd.text)})` : '';
    const stderr = problem && r.stderr.trim() ? `\n${indent(firstLines(r.stderr), '      | ')}` : '';
    this.report(cmd, !problem, cmd.filename, problem ? problem + stderr : '', note);
  }

  // Passes when ferry rejects the component or its instantiation throws.
  async assertNotInstantiable(cmd) {
    try {
      await this.instantiate(await this.define(cmd.filename));
    } catch (e) {
      const note = cmd.text && !e.message.includes(cmd.text) ? `${e.message.split('\n')[0]} (spec text: ${JSON.stringify(cmd.text)})` : '';
      return this.report(cmd, true, cmd.filename, '', note);
    }
    this.report(cmd, false, cmd.filename, `expected failure (${JSON.stringify(cmd.text)}), but it instantiated`);
  }
}

async function childMain(opts) {
  const wastPath = opts.paths[0];
  const work = mkdtempSync(join(tmpdir(), 'ferry-conformance-'));
  if (opts.keep) console.error(`    (work dir for ${basename(wastPath)}: ${work})`);
  try {
    // Generated modules are ES modules with a .js extension.
    writeFileSync(join(work, 'package.json'), '{"type": "module"}\n');
    const wasmTools = process.env.WASM_TOOLS || 'wasm-tools';
    const json = join(work, `${basename(wastPath, '.wast')}.json`);
    const r = run(wasmTools, ['json-from-wast', wastPath, '-o', json, '--wasm-dir', `${work}/`], 120_000);
    if (r.status !== 0) {
      const why = r.error ? `could not run ${wasmTools}: ${r.error.message}` : firstLines(r.stderr);
      process.stdout.write(REPORT_PREFIX + JSON.stringify({ line: 0, type: 'json-from-wast', ok: false, what: basename(wastPath), reason: why }) + '\n');
      return;
    }
    const { commands } = JSON.parse(readFileSync(json, 'utf8'));
    const wast = new WastRun(opts, wastPath, work);
    for (const cmd of commands) {
      try {
        await wast.command(cmd);
      } catch (e) {
        wast.report(cmd, false, cmd.type, `runner error: ${e.stack ?? e}`);
      }
    }
  } finally {
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------
// Parent: finding files, running each in a child, printing the summary

function wastFiles(path, filter) {
  const full = resolve(path);
  let files;
  if (statSync(full).isDirectory()) {
    files = readdirSync(full).filter((f) => f.endsWith('.wast')).sort().map((f) => join(full, f));
  } else {
    files = [full];
  }
  return filter ? files.filter((f) => basename(f).includes(filter)) : files;
}

// Runs one .wast file in a child process (in its own process group, so that a kill also
// ends a ferry it is waiting for). The child is killed when it reports no progress for
// opts.timeout seconds: a command that hangs costs that long, not the whole run.
function runFileInChild(opts, file) {
  const args = [SELF, '--child', '--ferry', opts.ferry, ...(opts.keep ? ['--keep'] : []), file];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const results = [];
  const stray = [];
  let stderr = '';
  let pending = '';
  let stalled = false;
  const killGroup = () => {
    stalled = true;
    try { process.kill(-child.pid, 'SIGKILL'); } catch { child.kill('SIGKILL'); }
  };
  let timer = setTimeout(killGroup, opts.timeout * 1000);
  const onLine = (line) => {
    if (line.startsWith(REPORT_PREFIX)) {
      results.push(JSON.parse(line.slice(REPORT_PREFIX.length)));
      clearTimeout(timer);
      timer = setTimeout(killGroup, opts.timeout * 1000);
    } else if (line.trim()) {
      stray.push(line);
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk) => {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop();
    lines.forEach(onLine);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk) => { stderr += chunk; });
  return new Promise((resolvePromise) => {
    child.on('error', (error) => finish(`could not run the child: ${error.message}`));
    child.on('close', (status, signal) => {
      if (pending) onLine(pending);
      if (stalled) finish(`no progress for ${opts.timeout}s (hung?), killed`);
      else if (signal) finish(`child killed by ${signal}`);
      else if (status !== 0) finish(`child exited with status ${status}`);
      else finish(null);
    });
    function finish(crash) {
      clearTimeout(timer);
      if (crash) {
        const after = results.length ? ` after line ${results[results.length - 1].line}` : ' before any command';
        const text = stderr.trim() ? `\n${indent(firstLines(stderr, 20), '      | ')}` : '';
        results.push({ line: '-', type: 'file', ok: false, what: basename(file), reason: `${crash}${after}${text}` });
      }
      resolvePromise({ results, stray, stderr });
    }
  });
}

// Commands that check a binary is refused; with --rejections only these (and whole-file
// failures) count.
const REJECTIONS = new Set(['assert_invalid', 'assert_malformed', 'json-from-wast', 'file']);

function printFileResults(opts, file, { results: all, stray, stderr }) {
  const results = opts.rejections ? all.filter((r) => REJECTIONS.has(r.type)) : all;
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`  ${basename(file)}: ${passed} passed, ${failed} failed`);
  for (const r of results) {
    const head = `    line ${r.line}: ${r.type} ${r.what}`;
    if (!r.ok) console.log(`${head}: ${r.reason}`);
    else if (opts.verbose) console.log(`${head}: ok`);
    if (r.note && opts.verbose) console.log(`      note: ${r.note}`);
  }
  if (opts.verbose) {
    for (const line of stray) console.log(`      stdout | ${line}`);
    if (stderr.trim()) console.log(indent(stderr.trimEnd(), '      stderr | '));
  }
  return { passed, failed };
}

async function parentMain(opts) {
  if (!statSync(opts.ferry, { throwIfNoEntry: false })?.isFile()) {
    console.error(`run.mjs: ferry binary not found at ${opts.ferry}`);
    process.exit(2);
  }
  let totalPassed = 0;
  let totalFailed = 0;
  for (const path of opts.paths) {
    if (!statSync(path, { throwIfNoEntry: false })) {
      console.error(`run.mjs: no such file or directory: ${path}`);
      process.exit(2);
    }
    let dirPassed = 0;
    let dirFailed = 0;
    for (const file of wastFiles(path, opts.filter)) {
      const { passed, failed } = printFileResults(opts, file, await runFileInChild(opts, file));
      dirPassed += passed;
      dirFailed += failed;
    }
    if (statSync(path).isDirectory()) console.log(`${basename(resolve(path))}: ${dirPassed} passed, ${dirFailed} failed`);
    totalPassed += dirPassed;
    totalFailed += dirFailed;
  }
  console.log(`${totalPassed} passed, ${totalFailed} failed`);
  process.exit(totalFailed > 0 ? 1 : 0);
}

// The value mapping is exported for the runner's own unit tests (runner.test.mjs).
export { lowerCamel, jsExportName, toJs, convertArgs, mismatch, expectedMatches };

if (process.argv[1] && realpathSync(process.argv[1]) === realpathSync(SELF)) {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.child) await childMain(opts);
  else await parentMain(opts);
}
