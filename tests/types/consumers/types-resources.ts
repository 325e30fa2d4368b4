// `ferry types tests/components/resources/wit`: the component's resource classes, and the
// host's class for the imported resource, as the imports file declares its module.
/// <reference path="./out/types-resources/resources.imports.d.ts" />
import { shapes, things, aliases, ComponentError } from './out/types-resources/resources.js';
import type { TestResourcesHostTypes } from './out/types-resources/resources.js';
import * as HostTypes from 'test:resources/host-types';

// Constructors, methods, statics and dispose.
const p = new shapes.Point(1, 2);
const x: number = p.x();
const scaled: shapes.Point = p.scaled(2);
const [px, py]: [number, number] = shapes.Point.intoInner(scaled);
const live: number = shapes.Point.live();
p[Symbol.dispose]();
// @ts-expect-error: `x` takes no argument
p.x(1);
const path = new shapes.Path();
path.push(new shapes.Point(0, 0));
const popped: shapes.Point | undefined = path.pop();
const all: shapes.Point[] = path.points();
shapes.shapeName({ tag: 'line', val: { first: p, second: p } });
shapes.describe({ label: 'here', at: p });
const distance: number = shapes.Point.distance(p, p);
try {
  const first: shapes.Point = shapes.first([p]);
} catch (e) {
  if (e instanceof ComponentError) console.log(e.payload);
}

// Aliases of a resource are its class.
const spot: aliases.Spot = aliases.origin();
aliases.norm(p);
const sameClass: typeof shapes.Point = aliases.Spot;

// An interface both imported and exported: the component's class here.
const merged: things.Thing = things.Thing.merge(new things.Thing('a'), new things.Thing('b'));
const name: string = merged.name();

// The host implements `counter`: any class with its constructor, methods and statics.
class Counter implements HostTypes.Counter {
  #value: number;
  constructor(start: number) {
    this.#value = start;
  }
  get() {
    return this.#value;
  }
  add(n: number) {
    this.#value += n;
  }
  static max(a: Counter, b: Counter) {
    return Math.max(a.get(), b.get());
  }
}
Counter satisfies typeof HostTypes.Counter;
Counter satisfies typeof TestResourcesHostTypes.Counter;
shapes.bump(new Counter(1), 3);
const made: HostTypes.Counter = shapes.makeCounter(5);
const hostClass: typeof HostTypes.Counter = shapes.Counter;
