// `ferry guest-types tests/components/world-res/wit`: a guest constructs the world-level
// resource from module `blob` (its default export) and exports world-level functions.
import type { Guest, Labeled } from './out/guest-world-res/world-res.js';
import Blob from 'blob';
import note from 'note';

export function make(n: number) {
  return new Blob(n);
}
export function measure(b: Blob) {
  note(b, 'measure');
  return b.size();
}
export function grow(b: Blob, count: number) {
  for (let i = 0; i < count; i++) b.push(i);
  return b.size();
}
export function consume(b: Blob) {
  const size = b.size();
  b[Symbol.dispose]();
  return size;
}
export function join(a: Blob, b: Blob) {
  return Blob.concat(a, b);
}
export function wrap(blob: Blob, label: string): Labeled {
  return { label, blob };
}
export function unwrap(l: Labeled) {
  return l.blob;
}
export function total(bs: Blob[]) {
  return bs.reduce((sum, b) => sum + b.size(), 0);
}
export function maybe(n: number) {
  return n > 0 ? new Blob(n) : undefined;
}
// @ts-expect-error: the constructor takes the size
new Blob();

({ make, measure, grow, consume, join, wrap, unwrap, total, maybe }) satisfies Guest;
