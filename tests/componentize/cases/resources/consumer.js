import { Blob, Token, makeBlob, makeToken, badBlob, keep, giveBack, peek, drops, live, echo, check, maybeFail, many } from 'test:res/store';
import * as versioned from 'test:res/store';

const text = (bytes) => new TextDecoder().decode(bytes);

export function runBlob() {
  const a = new Blob(new TextEncoder().encode('ab'));
  a.write(new Uint8Array([99]));
  const b = makeBlob('xyz');
  const m = Blob.merge(a, b);
  const out = [a instanceof Blob, m instanceof Blob, a.size(), text(a.read(10)), text(m.read(10)), m.size(), versioned.Blob === Blob];
  return out.join(' ');
}

export function runDispose() {
  const before = drops();
  const a = makeBlob('q');
  a[Symbol.dispose]();
  a[Symbol.dispose]();
  let error;
  try {
    a.size();
  } catch (e) {
    error = `${e.name}: ${e.message}`;
  }
  {
    using b = makeBlob('r');
    b.size();
  }
  return `${drops() - before} ${error}`;
}

export function runMoved() {
  const before = drops();
  const a = makeBlob('hello');
  const n = Blob.take(a);
  let error;
  try {
    a.size();
  } catch (e) {
    error = `${e.name}: ${e.message}`;
  }
  return `${n} ${drops() - before} ${error}`;
}

export function runEcho() {
  const r = echo(
    { tag: 'pair', val: [-5n, 7] },
    { read: true, exec: 1 },
    { count: 3, names: ['x', 'y'] },
    { tag: 'some', val: undefined },
    [1.5, 2],
    'é',
    2n ** 64n - 1n,
  );
  const r2 = echo({ tag: 'nothing' }, {}, { count: 0, names: [] }, undefined, new Float32Array([0.25]), 'x', 3);
  return JSON.stringify([r, r2], (k, v) => (typeof v === 'bigint' ? `${v}n` : v instanceof Float32Array ? `f32[${[...v]}]` : v));
}

export function runErrors() {
  const out = [check(true)];
  try {
    check(false);
  } catch (e) {
    out.push(e instanceof ComponentError, e.name, e.message, JSON.stringify(e.payload));
  }
  out.push(maybeFail(true));
  try {
    maybeFail(false);
  } catch (e) {
    out.push(e instanceof ComponentError, e.payload);
  }
  return out.join(' | ');
}

export function runMany() {
  return many(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 'end');
}

export function runWrongClass() {
  try {
    Blob.take({});
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
  return 'no error';
}

export function runNoConstructor() {
  const t = makeToken(7);
  const out = [t.id(), t instanceof Token, live()];
  try {
    new Token();
  } catch (e) {
    out.push(`${e.name}: ${e.message}`);
  }
  return out.join(' ');
}

export function runBadBlob() {
  return badBlob().size();
}

export function runRoundTrip() {
  const before = drops();
  const a = makeBlob('abc');
  keep(a);
  const b = giveBack();
  const out = [b.size(), peek(b), drops() - before];
  b[Symbol.dispose]();
  out.push(drops() - before);
  return out.join(' ');
}

export function runGc() {
  const before = drops();
  for (let i = 0; i < 100; i++) makeBlob('garbage');
  return `${drops() - before}`;
}
