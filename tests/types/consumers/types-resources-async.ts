// `ferry types tests/components/resources/wit --instantiation async`: host classes in
// `ImportObject`, the component's classes on `Root`.
import { instantiate, type ImportObject, type shapes } from './out/types-resources-async/resources.js';

class Counter {
  constructor(private value: number) {}
  get() {
    return this.value;
  }
  add(n: number) {
    this.value += n;
  }
  static max(a: Counter, b: Counter) {
    return Math.max(a.get(), b.get());
  }
  [Symbol.dispose]() {}
}
class Thing {
  constructor(readonly label: string) {}
  name() {
    return this.label;
  }
  static merge(a: Thing, b: Thing) {
    return new Thing(a.label + b.label);
  }
}
const imports: ImportObject = { 'test:resources/host-types': { Counter }, 'test:resources/things': { Thing } };
const root = await instantiate((path) => WebAssembly.compile(new Uint8Array()), imports);
const point: shapes.Point = new root.shapes.Point(1, 2);
const live: number = root['test:resources/shapes'].Point.live();
root.things.Thing.merge(new root.things.Thing('a'), new root.things.Thing('b'));
point[Symbol.dispose]();
