// The differential checker's ferry side: transpiles a batch's component with
// `ferry transpile --instantiation async`, and calls every case in Node, the import
// echo<i> answering with its argument; returns what each export returned, in the checker's
// JSON form: [{ index, value | error, borrow? }], as wasmtime_driver.py writes it.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Res, fromJs, toJs } from './values.mjs';

/** Transpiles `<dir>/batch-<k>.wasm` into `<dir>/js-<k>/`. */
export function transpileBatch(ferryBin, dir, k) {
  execFileSync(
    ferryBin,
    ['transpile', join(dir, `batch-${k}.wasm`), '-o', join(dir, `js-${k}`), '--instantiation', 'async', '-q'],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
}

/** Calls the cases of batch `k` (transpiled by `transpileBatch`). */
export async function runBatch(dir, k, batch) {
  const out = join(dir, `js-${k}`);
  const module = await import(pathToFileURL(join(out, `batch-${k}.js`)).href);
  const getCoreModule = (file) => WebAssembly.compile(readFileSync(join(out, file)));
  const calls = new Calls(batch.cases);
  const results = [];
  let exports;
  for (const c of batch.cases) {
    exports ??= await module.instantiate(getCoreModule, calls.imports);
    const result = calls.call(exports, module.ComponentError, c);
    // A trap leaves the instance unusable: the next case gets a fresh one.
    if (result.error !== undefined) exports = undefined;
    results.push(result);
  }
  return results;
}

/** The host side of one batch's calls: the imports, and the resource objects of the case being called. */
class Calls {
  constructor(cases) {
    this.objects = new Map();
    this.borrowed = undefined;
    this.imports = { res: Res };
    for (const c of cases) this.imports[`echo${c.index}`] = (x, b) => this.echo(c, x, b);
  }

  echo(c, x, b) {
    if (c.borrow !== undefined) this.borrowed = this.resourceId(b);
    if (c.type.k !== 'result') return x;
    // A result as the whole return: `ok` is returned, `err` thrown.
    if (x.tag === 'ok') return x.val;
    throw c.type.err ? { payload: x.val } : new Error('err');
  }

  /** The JSON of a host object the component handed back: its id, `copy` if it is not the object given. */
  resourceId(x) {
    if (!(x instanceof Res)) return { badJs: `not a Res: ${String(x)}` };
    return this.objects.get(x.id) === x ? { res: x.id } : { res: x.id, copy: true };
  }

  /** The host object for resource `id` of the case being called (one object per id). */
  resource(id) {
    let object = this.objects.get(id);
    if (!object) {
      object = new Res(id);
      this.objects.set(id, object);
    }
    return object;
  }

  call(exports, ComponentError, c) {
    this.objects.clear();
    // Odd cases use the other JS forms lowering accepts (see values.mjs).
    const args = [toJs(c.type, c.value, (id) => this.resource(id), c.index % 2 === 1)];
    if (c.borrow !== undefined) args.push(this.resource(c.borrow));
    this.borrowed = undefined;
    const out = { index: c.index };
    const lift = (x) => fromJs(c.type, x, (object) => this.resourceId(object));
    try {
      const returned = exports[`pass${c.index}`](...args);
      out.value = c.type.k === 'result' ? lift({ tag: 'ok', val: returned }) : lift(returned);
    } catch (e) {
      if (c.type.k === 'result' && e instanceof ComponentError) {
        out.value = lift({ tag: 'err', val: c.type.err ? e.payload : undefined });
      } else {
        out.error = `${e?.name}: ${String(e?.message ?? e).split('\n')[0]}`;
      }
    }
    if (c.borrow !== undefined) out.borrow = this.borrowed?.copy ? this.borrowed : this.borrowed?.res ?? this.borrowed;
    return out;
  }
}
