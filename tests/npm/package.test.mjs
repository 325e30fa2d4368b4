// The npm package @ferry-wasm/ferry as a user gets it: `npm pack` of npm/ (built by
// npm/build.sh) and of runtime-shims/, both installed from their tarballs into a fresh
// project without the network, then `npx ferry transpile|types|run` and the JS API there,
// each compared with the native CLI: the same files byte for byte, the same messages, the
// same exit codes and program output. Runs on the Node that runs it (scripts/test.sh: Node 20
// and Node 24); npx and the bin get that Node first on PATH.
//
//   FERRY_BIN              the native ferry (default ~/.cache/ferry/target/debug/ferry)
//   FERRY_TEST_COMPONENTS  tests/components/build.sh's output (default ~/.cache/ferry/test-components)
//   FERRY_WASI_PROGRAMS    tests/wasi/build.sh's output (default ~/.cache/ferry/test-out/wasi)

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CACHE = join(homedir(), '.cache', 'ferry');
const FERRY_BIN = process.env.FERRY_BIN || join(CACHE, 'target', 'debug', 'ferry');
const COMPONENTS = process.env.FERRY_TEST_COMPONENTS || join(CACHE, 'test-components');
const PROGRAMS = process.env.FERRY_WASI_PROGRAMS || join(CACHE, 'test-out', 'wasi');
/** The limit on the Wasm core's size: 1.5 MB. */
const CORE_LIMIT = 1_500_000;
/** Every child process is killed after this long. */
const TIMEOUT_MS = 120_000;

const work = mkdtempSync(join(tmpdir(), 'ferry-npm-test-'));
after(() => rmSync(work, { recursive: true, force: true }));
const project = join(work, 'project');
/** This Node first on PATH: npx and the bin's `#!/usr/bin/env node` run on it. */
/** npm's own warnings (about the machine's npm config, say) would mix with the bin's output. */
const ENV = {
  ...process.env,
  PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`,
  FERRY_NODE: process.execPath,
  npm_config_loglevel: 'error',
};

/** Runs a command to completion: `{ code, stdout, stderr }` (strings). */
function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', env: ENV, timeout: TIMEOUT_MS, ...options });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function ok(command, args, options) {
  const r = run(command, args, options);
  assert.equal(r.code, 0, `${command} ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
  return r;
}

const npx = (args, options) => run('npx', ['--no-install', 'ferry', ...args], { cwd: project, ...options });
const native = (args, options) => run(FERRY_BIN, args, { cwd: project, ...options });

/** Every file under `dir`, by relative path, with its bytes (a symbolic link: its target). */
function tree(dir) {
  const out = {};
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(d, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isSymbolicLink()) out[relative(dir, path)] = Buffer.from(`-> ${readlinkSync(path)}`);
      else out[relative(dir, path)] = readFileSync(path);
    }
  };
  walk(dir);
  return out;
}

/** Asserts that two sets of files are the same, byte for byte. */
function assertSameFiles(actual, expected, what) {
  assert.deepEqual(Object.keys(actual), Object.keys(expected), `${what}: the same files`);
  for (const [name, bytes] of Object.entries(expected)) {
    assert.ok(Buffer.from(actual[name]).equals(bytes), `${what}: ${name} differs from the native CLI's`);
  }
}

let tarball;

before(() => {
  const wasm = join(ROOT, 'npm', 'dist', 'ferry_core_bg.wasm');
  assert.ok(existsSync(wasm), `${wasm} is missing: run npm/build.sh`);
  for (const name of ['values', 'resources', 'pipeline', 'features', 'world-res', 'strings-utf16']) {
    assert.ok(existsSync(join(COMPONENTS, `${name}.wasm`)), `run tests/components/build.sh ${COMPONENTS}`);
  }
  for (const name of ['args-env', 'exit-codes', 'fs', 'stdio']) {
    assert.ok(existsSync(join(PROGRAMS, `${name}.wasm`)), `run tests/wasi/build.sh ${PROGRAMS}`);
  }
  const pack = (dir) => JSON.parse(ok('npm', ['pack', '--json', '--pack-destination', work], { cwd: dir }).stdout)[0];
  tarball = pack(join(ROOT, 'npm'));
  const shims = pack(join(ROOT, 'runtime-shims'));
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'fresh', private: true, type: 'module' }));
  ok('npm', ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error',
    join(work, tarball.filename), join(work, shims.filename)], { cwd: project });
});

describe(`@ferry-wasm/ferry on Node ${process.version}`, () => {
  test('npx and the bin run on this Node', () => {
    assert.equal(ok('npx', ['--no-install', 'node', '--version'], { cwd: project }).stdout.trim(), process.version);
  });

  test('the tarball holds the API, its declarations, the bin and the Wasm core, at most 1.5 MB', () => {
    const files = tarball.files.map((f) => f.path).sort();
    for (const needed of ['bin/ferry.js', 'src/index.js', 'src/index.d.ts', 'dist/ferry_core.js', 'dist/ferry_core_bg.wasm', 'package.json']) {
      assert.ok(files.includes(needed), `${needed} missing from ${files}`);
    }
    assert.ok(!files.some((f) => f.startsWith('core/')), `the Rust crate is not shipped: ${files}`);
    const wasm = statSync(join(project, 'node_modules/@ferry-wasm/ferry/dist/ferry_core_bg.wasm')).size;
    assert.ok(wasm <= CORE_LIMIT, `the Wasm core is ${wasm} bytes, over ${CORE_LIMIT}`);
  });

  // transpile: component, then the flags given to both CLIs (and as API options below).
  const TRANSPILE_CASES = [
    ['values', [], {}],
    ['resources', ['--instantiation', 'async'], { instantiation: 'async' }],
    ['strings-utf16', ['--instantiation', 'sync', '--no-namespaced-exports'], { instantiation: 'sync', noNamespacedExports: true }],
    ['pipeline', ['--tla-compat', '--base64-cutoff', '100000', '--name', 'piped'], { tlaCompat: true, base64Cutoff: 100000, name: 'piped' }],
    ['features', ['--map', 'test:features/*=./host/*.js#impl', '--map', 'ns:pkg/iface=./iface.js'],
      { map: { 'test:features/*': './host/*.js#impl', 'ns:pkg/iface': './iface.js' } }],
    ['world-res', ['--no-wasi-shim'], { noWasiShim: true }],
    [join(PROGRAMS, 'fs.wasm'), [], {}],
    [join(PROGRAMS, 'stdio.wasm'), ['--no-wasi-shim', '--map', 'wasi:io/*=./io.js'], { noWasiShim: true, map: [['wasi:io/*', './io.js']] }],
  ];
  const wasmOf = (component) => (component.endsWith('.wasm') ? component : join(COMPONENTS, `${component}.wasm`));
  const stem = (component) => wasmOf(component).split('/').pop().replace(/\.wasm$/, '');

  /** The native CLI's files for case `i` of TRANSPILE_CASES (transpiled at the first call). */
  const nativeFiles = (i) => {
    const [component, flags] = TRANSPILE_CASES[i];
    const dir = join(work, 'transpile-native', stem(component));
    if (!existsSync(dir)) ok(FERRY_BIN, ['transpile', wasmOf(component), '-o', dir, '-q', ...flags]);
    return tree(dir);
  };

  test('npx ferry transpile writes the native CLI\'s files, byte for byte', () => {
    TRANSPILE_CASES.forEach(([component, flags], i) => {
      const b = join(work, 'transpile-npx', stem(component));
      const r = ok('npx', ['--no-install', 'ferry', 'transpile', wasmOf(component), '-o', b, '-q', ...flags], { cwd: project });
      assert.equal(r.stdout + r.stderr, '', '-q prints nothing');
      assertSameFiles(tree(b), nativeFiles(i), `${stem(component)} ${flags.join(' ')}`);
    });
  });

  test('npx ferry transpile lists the files as the CLI does, and warns as it does', () => {
    const a = native(['transpile', wasmOf('values'), '-o', 'listed']);
    const b = npx(['transpile', wasmOf('values'), '-o', 'listed']);
    assert.equal(b.code, 0, b.stderr);
    assert.equal(b.stdout, a.stdout);
    assert.equal(b.stderr, a.stderr);
  });

  test('the JS API gives the native CLI\'s files, imports and exports, call after call in one process', () => {
    // Written into the project, so that `@ferry-wasm/ferry` resolves as it does for a user.
    const script = join(project, 'api-transpile.mjs');
    writeFileSync(script, `
      import { transpile } from '@ferry-wasm/ferry';
      import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      const cases = JSON.parse(process.argv[2]);
      const summaries = [];
      for (let round = 0; round < 2; round++) {
        for (const [wasm, options, out] of cases) {
          const result = await transpile(readFileSync(wasm), options);
          mkdirSync(out, { recursive: true });
          for (const [name, bytes] of Object.entries(result.files)) {
            if (!(bytes instanceof Uint8Array)) throw new Error(name + ' is not a Uint8Array');
            writeFileSync(join(out, name), bytes);
          }
          summaries.push({ imports: result.imports, exports: result.exports, warnings: result.warnings });
        }
      }
      console.log(JSON.stringify(summaries));
    `);
    const cases = TRANSPILE_CASES.map(([component, , options]) => [
      wasmOf(component),
      { name: stem(component), ...options },
      join(work, 'transpile-api', stem(component)),
    ]);
    const summaries = JSON.parse(ok(process.execPath, [script, JSON.stringify(cases)], { cwd: project }).stdout);
    TRANSPILE_CASES.forEach(([component, flags], i) => {
      assertSameFiles(tree(join(work, 'transpile-api', stem(component))), nativeFiles(i), `API: ${stem(component)} ${flags.join(' ')}`);
    });
    // The second round gave what the first did.
    assert.deepEqual(summaries.slice(cases.length), summaries.slice(0, cases.length));
    // What each module imports and exports, as its JS says.
    cases.forEach(([, options, out], i) => {
      const js = readFileSync(join(out, `${options.name}.js`), 'utf8');
      const { imports, exports } = summaries[i];
      for (const specifier of imports) assert.ok(js.includes(JSON.stringify(specifier).slice(1, -1)), `${options.name}: imports ${specifier}`);
      for (const [name, kind] of exports) {
        assert.ok(['function', 'instance', 'class', 'module'].includes(kind), `${name}: ${kind}`);
        assert.ok(js.includes(name), `${options.name}: exports ${name}`);
      }
    });
    const values = summaries[0];
    assert.ok(values.imports.includes('test:values/host'), JSON.stringify(values.imports));
    assert.deepEqual(values.exports.find(([name]) => name === 'iface'), ['iface', 'instance']);
    assert.deepEqual(values.exports.find(([name]) => name === 'version'), ['version', 'function']);
    const fs = summaries[TRANSPILE_CASES.findIndex(([c]) => c.endsWith('fs.wasm'))];
    assert.ok(fs.imports.includes('@ferry-wasm/shims/filesystem'), JSON.stringify(fs.imports));
  });

  test('the transpiled module runs, on @ferry-wasm/shims from the install', () => {
    const out = join(project, 'args-env');
    ok('npx', ['--no-install', 'ferry', 'transpile', join(PROGRAMS, 'args-env.wasm'), '-o', out, '-q'], { cwd: project });
    const main = join(project, 'run-args-env.mjs');
    writeFileSync(main, `
      import { configure } from '@ferry-wasm/shims';
      configure({ args: ['args-env.wasm', 'x'], env: [['A', 'b']] });
      const { run } = await import('./args-env/args-env.js');
      run.run();
    `);
    const r = ok(process.execPath, [main], { cwd: project });
    assert.match(r.stdout, /^argc: 2\narg\[0\]: "args-env.wasm"\narg\[1\]: "x"\nenvironment: 1 variables\n {2}"A"="b"\n/);
  });

  test('the declarations type a consumer of the installed package (tsc --strict)', () => {
    const consumer = join(project, 'consumer.mts');
    writeFileSync(consumer, `
      import { transpile, types, type ExportKind, type Transpiled } from '@ferry-wasm/ferry';
      const out: Transpiled = await transpile(new Uint8Array(0), { name: 'x', instantiation: 'async', map: { a: 'b' }, base64Cutoff: 10, noWasiShim: true });
      const bytes: Uint8Array | undefined = out.files['x.js'];
      const kinds: ExportKind[] = out.exports.map(([, kind]) => kind);
      const names: string[] = out.imports.concat(out.warnings);
      const { files } = await types({ 'a.wit': '', 'deps/b.wit': '' }, { world: 'w', features: ['f'], allFeatures: false, map: [['a', 'b']] });
      // @ts-expect-error: not an instantiation mode
      await transpile(new Uint8Array(0), { instantiation: 'lazy' });
      // @ts-expect-error: not an option of types
      await types('', { base64Cutoff: 1 });
      export { bytes, kinds, names, files };
    `);
    const tscBin = join(ROOT, 'tests', 'node_modules', 'typescript', 'bin', 'tsc');
    ok(process.execPath, [tscBin, '--strict', '--noEmit', '--module', 'nodenext', '--target', 'es2022', '--lib', 'es2022', consumer], { cwd: project });
  });

  // types: the WIT (a file or a package's directory with deps/), then the flags.
  const TYPES_CASES = [
    ['tests/components/values/wit/values.wit', []],
    ['tests/components/resources/wit/resources.wit', ['--instantiation', 'async', '--name', 'res']],
    ['tests/components/pipeline/wit/pipeline.wit', ['--world', 'run', '--no-namespaced-exports']],
    ['tests/componentize/cases/cli-command/wit', ['--world', 'command', '--map', 'wasi:cli/*=./cli/*.js']],
    ['componentize/wit', ['--world', 'http', '--tla-compat']],
  ];

  /** The native CLI's declarations for case `i` of TYPES_CASES. */
  const nativeTypes = (i) => {
    const [wit, flags] = TYPES_CASES[i];
    const dir = join(work, 'types-native', wit);
    if (!existsSync(dir)) ok(FERRY_BIN, ['types', join(ROOT, wit), '-o', dir, '-q', ...flags]);
    return tree(dir);
  };

  test('npx ferry types writes the native CLI\'s declarations, from a file or a directory with deps', () => {
    TYPES_CASES.forEach(([wit, flags], i) => {
      const b = join(work, 'types-npx', wit);
      ok('npx', ['--no-install', 'ferry', 'types', join(ROOT, wit), '-o', b, '-q', ...flags], { cwd: project });
      assertSameFiles(tree(b), nativeTypes(i), `types ${wit} ${flags.join(' ')}`);
    });
  });

  test('the JS API\'s types(witSource) gives the native CLI\'s declarations', () => {
    const script = join(project, 'api-types.mjs');
    writeFileSync(script, `
      import { types } from '@ferry-wasm/ferry';
      import { readFileSync, writeFileSync } from 'node:fs';
      const [wit, out] = process.argv.slice(2);
      const { files } = await types(readFileSync(wit, 'utf8'), { name: 'res', instantiation: 'async' });
      writeFileSync(out, JSON.stringify(Object.entries(files).map(([name, bytes]) => [name, Buffer.from(bytes).toString('base64')])));
    `);
    const out = join(work, 'types-api.json');
    ok(process.execPath, [script, join(ROOT, TYPES_CASES[1][0]), out], { cwd: project });
    const files = Object.fromEntries(JSON.parse(readFileSync(out, 'utf8')).map(([name, b64]) => [name, Buffer.from(b64, 'base64')]));
    assertSameFiles(files, nativeTypes(1), 'types() of resources.wit');
  });

  test('bad input: the same message as the CLI, an Error from the API, exit 1 from the bin', () => {
    const bad = join(work, 'bad');
    mkdirSync(bad);
    const core = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    const valuesWasm = readFileSync(wasmOf('values'));
    const inputs = {
      'not-wasm.wasm': Buffer.from('hello, not wasm'),
      'core.wasm': core,
      'truncated.wasm': valuesWasm.subarray(0, 1000),
      'empty.wasm': Buffer.alloc(0),
    };
    for (const [name, bytes] of Object.entries(inputs)) writeFileSync(join(bad, name), bytes);
    writeFileSync(join(bad, 'bad.wit'), 'package a:b;\ninterface i {\n  f: func() -> strin;\n}\nworld w { export i; }\n');
    writeFileSync(join(bad, 'syntax.wit'), 'package a:b;\nworld w {\n  export f: func() ->;\n}\n');

    const commands = [
      ...Object.keys(inputs).map((name) => ['transpile', join(bad, name), '-o', join(bad, 'out')]),
      ['transpile', join(bad, 'missing.wasm'), '-o', join(bad, 'out')],
      ['transpile', wasmOf('values'), '-o', join(bad, 'out'), '--map', 'nothing'],
      ['types', join(bad, 'bad.wit'), '-o', join(bad, 'out')],
      ['types', join(bad, 'syntax.wit'), '-o', join(bad, 'out')],
      ['types', join(bad, 'bad.wit'), '-o', join(bad, 'out'), '--world', 'nope'],
    ];
    for (const args of commands) {
      const a = native(args);
      const b = npx(args);
      assert.equal(a.code, 1, `native ${args.join(' ')}: ${a.stderr}`);
      assert.equal(b.code, 1, `npx ${args.join(' ')}: ${b.stderr}`);
      assert.match(b.stderr, /^error: /);
      assert.doesNotMatch(b.stderr, /unreachable|RuntimeError|panicked/);
      if (!args[1].endsWith('missing.wasm')) assert.equal(b.stderr, a.stderr, args.join(' '));
    }
    assert.ok(!existsSync(join(bad, 'out')), 'nothing written');

    // The API throws an Error with the message the CLI gives after `error: <file>: `.
    const script = join(project, 'api-errors.mjs');
    writeFileSync(script, `
      import { transpile, types } from '@ferry-wasm/ferry';
      import { readFileSync } from 'node:fs';
      const [dir, names] = [process.argv[2], JSON.parse(process.argv[3])];
      const messages = {};
      const attempt = async (key, fn) => {
        try {
          await fn();
          messages[key] = 'no error';
        } catch (e) {
          messages[key] = (e instanceof Error ? '' : 'not an Error: ') + e.message;
        }
      };
      for (const name of names) await attempt(name, () => transpile(readFileSync(dir + '/' + name)));
      await attempt('bad.wit', () => types(readFileSync(dir + '/bad.wit', 'utf8'), { witPath: dir + '/bad.wit' }));
      await attempt('world.wit', () => types(readFileSync(dir + '/syntax.wit', 'utf8')));
      await attempt('option', () => transpile(readFileSync(dir + '/core.wasm'), { instantiaton: 'async' }));
      // After all that, the core still works.
      await attempt('after', () => transpile(readFileSync(${JSON.stringify(wasmOf('values'))})));
      console.log(JSON.stringify(messages));
    `);
    const messages = JSON.parse(ok(process.execPath, [script, bad, JSON.stringify(Object.keys(inputs))], { cwd: project }).stdout);
    for (const name of Object.keys(inputs)) {
      const cli = native(['transpile', join(bad, name), '-o', join(bad, 'out')]).stderr;
      assert.equal(`error: ${join(bad, name)}: ${messages[name]}\n`, cli, name);
    }
    assert.equal(`error: ${messages['bad.wit']}\n`, native(['types', join(bad, 'bad.wit'), '-o', join(bad, 'out')]).stderr);
    assert.equal(messages['world.wit'], "world.wit:3:22: expected a type, found ';'");
    assert.equal(messages.option, 'transpile: unknown option `instantiaton`');
    assert.equal(messages.after, 'no error');
  });

  // run: the program, its flags and arguments, its stdin.
  const RUN_CASES = [
    ['args-env', ['--env', 'A=b', '--env', 'FERRY_T_HOST', '--', 'hello', 'wörld 🦀', '--dir', 'var:A'], ''],
    ['args-env', ['--inherit-env', 'x'], ''],
    ['exit-codes', ['exit', '7'], ''],
    ['exit-codes', ['err'], ''],
    ['exit-codes', ['unreachable'], ''],
    ['stdio', ['copy', '3', 'bye'], 'some input\nand more'],
    ['fs', ['--dir', 'sandbox::/sandbox', '/sandbox'], ''],
  ];

  test('npx ferry run gives what the native ferry run gives: output, exit code, grants', () => {
    for (const [program, args, stdin] of RUN_CASES) {
      // Each side in the same directory (and temporary directory), made afresh: `--inherit-env` shows them.
      const dir = join(work, 'run');
      const results = ['native', 'npx'].map((side) => {
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(join(dir, 'sandbox'), { recursive: true });
        const runArgs = ['run', join(PROGRAMS, `${program}.wasm`), ...args];
        const env = { ...ENV, FERRY_T_HOST: 'from the host', TMPDIR: join(dir, 'tmp') };
        mkdirSync(env.TMPDIR);
        const r = side === 'native'
          ? run(FERRY_BIN, runArgs, { cwd: dir, input: stdin, env })
          : run(process.execPath, [join(project, 'node_modules/@ferry-wasm/ferry/bin/ferry.js'), ...runArgs], { cwd: dir, input: stdin, env });
        assert.deepEqual(readdirSync(env.TMPDIR), [], `${side} ${program}: the temporary directory is removed`);
        rmSync(env.TMPDIR, { recursive: true });
        return { ...r, files: tree(dir) };
      });
      const what = `${program} ${args.join(' ')}`;
      assert.equal(results[1].stdout, results[0].stdout, `${what}: stdout`);
      assert.equal(results[1].stderr, results[0].stderr, `${what}: stderr`);
      assert.equal(results[1].code, results[0].code, `${what}: exit code`);
      assertSameFiles(results[1].files, results[0].files, `${what}: files left`);
    }
  });

  test('npx ferry run removes its temporary directory when it is ended by a signal', async () => {
    const tmp = join(work, 'signal-tmp');
    mkdirSync(tmp);
    // `stdio copy` waits for stdin, which stays open.
    const child = spawn(process.execPath, [join(project, 'node_modules/@ferry-wasm/ferry/bin/ferry.js'), 'run', join(PROGRAMS, 'stdio.wasm'), 'copy'],
      { cwd: project, env: { ...ENV, TMPDIR: tmp }, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    const deadline = Date.now() + 30_000;
    while (readdirSync(tmp).length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(readdirSync(tmp).length, 1, 'the run made its temporary directory');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    const { code } = await exited;
    clearTimeout(timer);
    assert.notEqual(code, 0);
    assert.deepEqual(readdirSync(tmp), [], 'the temporary directory is removed');
  });
});
