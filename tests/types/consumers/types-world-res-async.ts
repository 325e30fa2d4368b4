// `ferry types tests/components/world-res/wit --instantiation async`: the class of a
// world-level resource is `imports.blob` (or its `default`), the functions are on `Root`.
import { instantiate, type Blob, type ImportObject, type Root } from './out/types-world-res-async/world-res.js';

class MyBlob {
  constructor(readonly n: number) {}
  size() {
    return this.n;
  }
  push(byte: number) {}
  static concat(a: MyBlob, b: MyBlob) {
    return new MyBlob(a.n + b.n);
  }
  [Symbol.dispose]() {}
}
const note = (b: Blob, what: string) => console.log(what, b.size());
const imports: ImportObject = { blob: MyBlob, note };
const asModules: ImportObject = { blob: { default: MyBlob }, note: { default: note } };
// @ts-expect-error: the class is missing
const missing: ImportObject = { note };
// @ts-expect-error: a class without `size`
const wrong: ImportObject = { blob: class { static concat(a: MyBlob, b: MyBlob) { return a; } }, note };

const root: Root = await instantiate((path) => WebAssembly.compile(new Uint8Array()), imports);
const b: Blob = root.make(2);
const n: number = root.measure(b) + root.grow(b, 1);
const labeled = root.wrap(new MyBlob(1), 'one');
const label: string = labeled.label;
const inside: Blob = labeled.blob;
const maybe: Blob | undefined = root.maybe(0);
