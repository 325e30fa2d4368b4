// `ferry transpile world-res.wasm`: a world-level resource. The host writes module `blob`,
// whose default export is the class; the module exports the class as a type only.
/// <reference path="./out/world-res/world-res.imports.d.ts" />
import { make, measure, grow, consume, join, wrap, unwrap, total, maybe } from './out/world-res/world-res.js';
import * as worldRes from './out/world-res/world-res.js';
import type { Blob, Labeled } from './out/world-res/world-res.js';
import HostBlob from 'blob';
import note from 'note';

// Any class with the constructor, methods and statics implements it.
class MyBlob implements Blob {
  #bytes: number[];
  constructor(n: number) {
    this.#bytes = new Array<number>(n).fill(0);
  }
  size() {
    return this.#bytes.length;
  }
  push(byte: number) {
    this.#bytes.push(byte);
  }
  static concat(a: MyBlob, b: MyBlob) {
    return new MyBlob(a.size() + b.size());
  }
}
MyBlob satisfies typeof Blob;
MyBlob satisfies typeof HostBlob;
class NoConcat {
  constructor(n: number) {}
  size() {
    return 0;
  }
  push(byte: number) {}
}
// @ts-expect-error: the static `concat` is missing
NoConcat satisfies typeof Blob;

const b: Blob = make(3);
const size: number = measure(b) + grow(new MyBlob(1), 2) + consume(b);
const joined: Blob = join(b, new MyBlob(2));
const labeled: Labeled = wrap(b, 'label');
const inside: Blob = labeled.blob;
const back: Blob = unwrap({ label: 'x', blob: new HostBlob(1) });
total([b, new MyBlob(1)]);
const maybeBlob: Blob | undefined = maybe(0);
// @ts-expect-error: a number is no blob
measure(1);
// @ts-expect-error: the module does not export the class, the host provides it
worldRes.Blob;
note(b, 'here');
