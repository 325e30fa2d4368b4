// The TypeScript declarations ferry writes, checked with TypeScript itself:
//  - `tsc --strict --noEmit` on the small consumers in `consumers/` of what `ferry transpile`
//    (test components), `ferry types` and `ferry guest-types` (their WIT) write; every
//    consumer must type-check (its `@ts-expect-error` lines must fail), except
//    `wrong-argument.ts`, which must fail with the error it is about;
//  - the exports the declarations give each module (read with the TypeScript compiler API)
//    against the exports of the generated JS, instantiated: the same names, down to the
//    functions of each interface and the members of each class.
//
//   FERRY_BIN, FERRY_TEST_COMPONENTS   as for tests/host (see ../host/transpile.mjs)
//   FERRY_KEEP_OUT=1                   keep the output and consumers (the directory is printed)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';
import { COMPONENTS, FERRY_BIN, transpileTo } from '../host/transpile.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const TSC = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
const WIT = (name) => join(HERE, '../components', name, 'wit');

// What the consumers compile against: `out/<label>/`, written by ferry.
const OUTPUTS = {
  values: ['transpile', 'values'],
  'values-async': ['transpile', 'values', '--instantiation', 'async'],
  'strings-tla': ['transpile', 'strings-utf8', '--tla-compat'],
  pipeline: ['transpile', 'pipeline'],
  'types-values-sync': ['types', WIT('values'), '--instantiation', 'sync'],
  'guest-values': ['guest-types', WIT('values')],
  'types-resources': ['types', WIT('resources')],
  'types-resources-async': ['types', WIT('resources'), '--instantiation', 'async'],
  'guest-resources': ['guest-types', WIT('resources')],
  'types-cells-provider': ['types', WIT('cells'), '--world', 'provider'],
  'types-cells-consumer': ['types', WIT('cells'), '--world', 'consumer'],
  'world-res': ['transpile', 'world-res'],
  'types-world-res-async': ['types', WIT('world-res'), '--instantiation', 'async'],
  'guest-world-res': ['guest-types', WIT('world-res')],
  'jspi-async': ['transpile', 'jspi', '--instantiation', 'async', '--async-mode', 'jspi',
    '--async-imports', 'sleep-then-echo,fetch-list,fallible,test:jspi/gates#[method]gate.pass'],
};

// Compiler options for every consumer: strict, ES modules as Node runs them, and the libs
// the declarations use (`Symbol.dispose`; `WebAssembly` with --instantiation).
const LIBS = ['es2022', 'esnext.disposable', 'dom'];
const TSC_ARGS = ['--strict', '--noEmit', '--module', 'nodenext', '--target', 'es2022', '--lib', LIBS.join(',')];

const work = mkdtempSync(join(tmpdir(), 'ferry-types-'));
after(() => {
  if (process.env.FERRY_KEEP_OUT) console.error(`declarations and consumers kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
});

/** Runs tsc on `file` in the work directory; resolves to its exit code and output. */
function tsc(file) {
  return new Promise((resolve) => {
    execFile(process.execPath, [TSC, ...TSC_ARGS, file], { cwd: work }, (error, stdout, stderr) => {
      resolve({ code: error ? error.code : 0, output: stdout + stderr });
    });
  });
}

describe('tsc --strict on consumers of the declarations', { concurrency: 2 }, () => {
  before(() => {
    writeFileSync(join(work, 'package.json'), '{ "type": "module" }\n');
    for (const [label, [command, input, ...args]] of Object.entries(OUTPUTS)) {
      const out = join(work, 'out', label);
      if (command === 'transpile') transpileTo(input, out, args);
      else execFileSync(FERRY_BIN, [command, input, '-o', out, '-q', ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
    }
    for (const file of readdirSync(join(HERE, 'consumers'))) {
      copyFileSync(join(HERE, 'consumers', file), join(work, file));
    }
  });

  const consumers = readdirSync(join(HERE, 'consumers')).filter((f) => f.endsWith('.ts') && f !== 'wrong-argument.ts');
  for (const file of consumers) {
    test(file, async () => {
      const { code, output } = await tsc(file);
      assert.equal(code, 0, `tsc failed on ${file}:\n${output}`);
    });
  }

  test('wrong-argument.ts fails: a string for a number', async () => {
    const { code, output } = await tsc('wrong-argument.ts');
    assert.notEqual(code, 0, 'tsc accepted wrong-argument.ts');
    assert.match(output, /wrong-argument\.ts\(4,14\): error TS2345: Argument of type 'string' is not assignable to parameter of type 'number'/);
    assert.equal(output.trim().split('\n').length, 1, output);
  });
});

describe('the declared exports are the module\'s exports', () => {
  /** The checker and the module symbol of a `.d.ts` file. */
  function declarations(file) {
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      lib: LIBS.map((lib) => `lib.${lib}.d.ts`),
    });
    const source = program.getSourceFile(file);
    const checker = program.getTypeChecker();
    return { checker, source, module: checker.getSymbolAtLocation(source) };
  }

  /**
   * Asserts that JS `value` has the members TS `type` declares, recursively: an object's
   * keys, a class's statics and prototype methods (`[Symbol.dispose]` included).
   */
  function assertShape(checker, source, value, type, path) {
    if (value === stub) return; // a host class the component re-exports: the host's own
    const members = (t) => t.getProperties().filter((p) => !p.name.startsWith('__@'));
    const typeOf = (symbol) => checker.getTypeOfSymbolAtLocation(symbol, source);
    const construct = type.getConstructSignatures()[0];
    if (typeof value === 'function' && construct) {
      const statics = Object.getOwnPropertyNames(value).filter((n) => !['length', 'name', 'prototype'].includes(n));
      const declaredStatics = members(type).filter((p) => p.name !== 'prototype');
      assert.deepEqual(statics.sort(), declaredStatics.map((p) => p.name).sort(), `${path}: static members`);
      const instance = construct.getReturnType();
      const methods = Object.getOwnPropertyNames(value.prototype).filter((n) => n !== 'constructor');
      const declaredMethods = members(instance).filter((p) => p.flags & ts.SymbolFlags.Method);
      assert.deepEqual(methods.sort(), declaredMethods.map((p) => p.name).sort(), `${path}: methods`);
      const disposes = instance.getProperties().some((p) => p.name.startsWith('__@dispose'));
      assert.equal(typeof value.prototype[Symbol.dispose] === 'function', disposes, `${path}: [Symbol.dispose]`);
    } else if (typeof value === 'object' && value !== null) {
      const declared = members(type);
      assert.deepEqual(Object.keys(value).sort(), declared.map((p) => p.name).sort(), `${path}: keys`);
      for (const member of declared) {
        assertShape(checker, source, value[member.name], typeOf(member), `${path}.${member.name}`);
      }
    } else {
      assert.equal(typeof value, type.getCallSignatures().length ? 'function' : typeof value, path);
    }
  }

  /** Imports where everything is a function (a class whose every method is one, too). */
  const methods = new Proxy({}, { get: () => stub });
  const stub = new Proxy(function stub() {}, {
    get: (target, key) => (key === 'prototype' ? methods : key in target ? Reflect.get(target, key) : stub),
  });
  const anyImports = new Proxy({}, { get: () => stub });

  // Components without imports load on their own in the default mode.
  for (const name of ['strings-utf8', 'pipeline']) {
    test(`${name}: the module's exports`, async () => {
      const out = join(work, 'exports', name);
      transpileTo(name, out);
      const module = await import(pathToFileURL(join(out, `${name}.js`)).href);
      const { checker, source, module: symbol } = declarations(join(out, `${name}.d.ts`));
      assertShape(checker, source, { ...module }, checker.getTypeOfSymbolAtLocation(symbol, source), name);
    });
  }

  // Every component (those built later are skipped until they exist), instantiated.
  for (const name of ['values', 'strings-utf8', 'pipeline', 'resources', 'cells-provider', 'cells-consumer', 'cells', 'world-res']) {
    test(`${name}: the exports of instantiate(...)`, { skip: !existsSync(join(COMPONENTS, `${name}.wasm`)) }, async () => {
      const out = join(work, 'exports', `${name}-async`);
      transpileTo(name, out, ['--instantiation', 'async']);
      const module = await import(pathToFileURL(join(out, `${name}.js`)).href);
      const root = await module.instantiate((file) => WebAssembly.compile(readFileSync(join(out, file))), anyImports);
      const { checker, source, module: symbol } = declarations(join(out, `${name}.d.ts`));
      const rootType = checker.getDeclaredTypeOfSymbol(checker.getExportsOfModule(symbol).find((s) => s.name === 'Root'));
      assertShape(checker, source, root, rootType, `${name} root`);
    });
  }
});
