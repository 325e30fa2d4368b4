// The differential checker's ferry side: transpiles a batch's component with
// `ferry transpile --instantiation async`, and calls every case in Node, the import
// echo<i> (inner<i> when composed: the batch's `host`) answering with its argument; returns
// what each export pass<i> returned, in the checker's JSON form, as wasmtime_driver.py
// writes it: [{ index, value | error, reallocs?, borrow?, layout | layoutError? }].
// With `jspi`, the module is transpiled with `--async-mode jspi` and every echo<i> async:
// it answers with a Promise, and the exports return Promises (Node 26).

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Res, fromJs, toJs } from './values.mjs';

/** Transpiles `<dir>/batch-<k>.wasm` into `<dir>/js-<k>/`. */
export function transpileBatch(ferryBin, dir, k, batch, jspi) {
  const args = ['transpile', join(dir, `batch-${k}.wasm`), '-o', join(dir, `js-${k}`), '--instantiation', 'async', '-q'];
  if (jspi) args.push('--async-mode', 'jspi', '--async-imports', batch.cases.map((c) => `${batch.host}${c.index}`).join(','));
  execFileSync(ferryBin, args, { stdio: ['ignore', 'inherit', 'inherit'] });
}

/** Calls the cases of batch `k` (transpiled by `transpileBatch` with the same `jspi`). */
export async function runBatch(dir, k, batch, jspi) {
  const out = join(dir, `js-${k}`);
  const module = await import(pathToFileURL(join(out, `batch-${k}.js`)).href);
  const getCoreModule = (file) => WebAssembly.compile(readFileSync(join(out, file)));
  const calls = new Calls(batch, jspi);
  const results = [];
  let exports;
  for (const c of batch.cases) {
    exports ??= await module.instantiate(getCoreModule, calls.imports);
    const result = await calls.call(exports, module.ComponentError, c);
    // A trap leaves the instance unusable: the next case gets a fresh one.
    if (result.error !== undefined || result.layoutError !== undefined) exports = undefined;
    results.push(result);
  }
  return results;
}

/** The host side of one batch's calls: the imports, and the resource objects of the case being called. */
class Calls {
  constructor(batch, jspi) {
    this.objects = new Map();
    this.borrowed = undefined;
    this.imports = { res: Res };
    for (const c of batch.cases) {
      this.imports[`${batch.host}${c.index}`] = jspi
        ? async (x, b) => {
            await new Promise((resolve) => setImmediate(resolve));
            return this.echo(c, x, b);
          }
        : (x, b) => this.echo(c, x, b);
    }
  }

  echo(c, x, b) {
    if (c.borrow !== undefined) this.borrowed = this.resourceId(b);
    // Odd cases answer in the other JS forms lowering accepts (see values.mjs), and throw an
    // error payload that is not an object as it is.
    const alt = c.index % 2 === 1;
    const answer = (ty, value) => (alt && ty ? this.inOtherForms(ty, value) : value);
    if (c.type.k !== 'result') return answer(c.type, x);
    // A result as the whole return: `ok` is returned, `err` thrown.
    if (x.tag === 'ok') return answer(c.type.ok, x.val);
    if (!c.type.err) throw new Error('err');
    const payload = answer(c.type.err, x.val);
    throw alt && (typeof payload !== 'object' || payload === null) ? payload : { payload };
  }

  /** A JS value of type `ty`, as `toJs(..., alt = true)` writes it (a copied host object stays a copy). */
  inOtherForms(ty, x) {
    const json = fromJs(ty, x, (object) => this.resourceId(object));
    return toJs(ty, json, ({ res, copy }) => (copy ? new Res(res) : this.resource(res)), true);
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

  async call(exports, ComponentError, c) {
    const out = { index: c.index };
    const lift = (x) => fromJs(c.type, x, (object) => this.resourceId(object));
    try {
      await exports.reallocs();
      const returned = await this.invoke(exports, 'pass', c);
      out.value = c.type.k === 'result' ? lift({ tag: 'ok', val: returned }) : lift(returned);
    } catch (e) {
      if (c.type.k === 'result' && e instanceof ComponentError) {
        out.value = lift({ tag: 'err', val: c.type.err ? e.payload : undefined });
      } else {
        out.error = describe(e);
      }
    }
    if (out.error === undefined) out.reallocs = Array.from(await exports.reallocs());
    if (c.borrow !== undefined) out.borrow = borrowJson(this.borrowed);
    if (c.layout && out.error === undefined) {
      try {
        out.layout = Buffer.from(await this.invoke(exports, 'layout', c)).toString('hex');
      } catch (e) {
        out.layoutError = describe(e);
      }
    }
    return out;
  }

  /** Calls `<prefix><i>` with the case's value (and lent resource). */
  invoke(exports, prefix, c) {
    this.objects.clear();
    // Odd cases use the other JS forms lowering accepts (see values.mjs).
    const args = [toJs(c.type, c.value, ({ res }) => this.resource(res), c.index % 2 === 1)];
    if (c.borrow !== undefined) args.push(this.resource(c.borrow));
    this.borrowed = undefined;
    return exports[`${prefix}${c.index}`](...args);
  }
}

function describe(e) {
  return `${e?.name}: ${String(e?.message ?? e).split('\n')[0]}`;
}

/** The lent resource as the import saw it: its id, or what was wrong with it (null: not seen). */
function borrowJson(seen) {
  if (seen === undefined) return null;
  return Object.keys(seen).length === 1 && 'res' in seen ? seen.res : seen;
}
