// A guest of a world that defines `blob` and its types itself: the class is the default
// export of the module named after the resource, as a world-level function is.
import Blob from 'blob';
import { Blob as NamedBlob } from 'blob';
import makeBlob from 'make-blob';
import blobSize from 'blob-size';
import keep from 'keep';
import giveBack from 'give-back';
import drops from 'drops';
import describe from 'describe';

const text = (bytes) => new TextDecoder().decode(bytes);
const bytes = (s) => new TextEncoder().encode(s);
const error = (f) => {
  try {
    f();
  } catch (e) {
    return `${e.name}: ${e.message}`;
  }
  return 'no error';
};

export function runClass() {
  const a = new Blob(bytes('ab'));
  a.append(bytes('c'));
  const b = makeBlob('xyz');
  const m = Blob.merge(a, b);
  return [NamedBlob === Blob, a instanceof Blob, b instanceof Blob, m instanceof Blob, a.size(), text(m.read()), m.size()].join(' ');
}

export function runOwnBorrow() {
  const before = drops();
  const a = makeBlob('hello');
  const out = [blobSize(a), blobSize(a), error(() => blobSize({}))];
  keep(a); // moved into the host: `a` is unusable, nothing dropped
  out.push(error(() => a.size()), drops() - before);
  const back = giveBack();
  out.push(back instanceof Blob, back.size(), giveBack() === undefined);
  out.push(text(Blob.take(back)), error(() => back.size()), drops() - before);
  return out.join(' | ');
}

export function runDispose() {
  const before = drops();
  const a = makeBlob('q');
  a[Symbol.dispose]();
  a[Symbol.dispose]();
  const out = [drops() - before, error(() => a.size())];
  {
    using b = new Blob(bytes('r'));
    b.size();
  }
  out.push(drops() - before);
  return out.join(' | ');
}

export function runGc() {
  const before = drops();
  for (let i = 0; i < 100; i++) makeBlob('garbage');
  return `${drops() - before}`;
}

export function runTypes() {
  const out = [
    describe({ tag: 'line', val: 7 }, 'sky-blue', { read: true, writeAll: true }),
    describe({ tag: 'dot' }, 'red', {}),
    describe({ tag: 'named', val: 'é' }, 'red', { writeAll: true }),
  ];
  return JSON.stringify(out, (k, v) => (v instanceof Uint8Array ? [...v] : v));
}

export function echo(s, c, p) {
  return {
    text: `${JSON.stringify(s)} ${c} ${JSON.stringify(p)}`,
    size: s.tag === 'line' ? s.val + 1 : 0,
    tint: c,
    sides: new Uint8Array([p.read, p.writeAll].map(Number)),
  };
}
