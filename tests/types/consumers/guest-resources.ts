// `ferry guest-types tests/components/resources/wit`: the guest implements the exported
// resources as classes and uses the imported ones.
import type { Guest, Shapes, Things, Aliases } from './out/guest-resources/resources.js';
import { Counter } from 'test:resources/host-types';
import { Thing as HostThing } from 'test:resources/things';

class Point implements Shapes.Point {
  constructor(readonly px: number, readonly py: number) {}
  x() {
    return this.px;
  }
  y() {
    return this.py;
  }
  scaled(k: number) {
    return new Point(this.px * k, this.py * k);
  }
  static intoInner(p: Point): [number, number] {
    return [p.px, p.py];
  }
  static distance(a: Point, b: Point) {
    return Math.hypot(a.px - b.px, a.py - b.py);
  }
  static live() {
    return 0;
  }
  [Symbol.dispose]() {}
}

class Path implements Shapes.Path {
  #points: Point[] = [];
  push(p: Point) {
    this.#points.push(p);
  }
  len() {
    return this.#points.length;
  }
  points() {
    return this.#points.map((p) => new Point(p.px, p.py));
  }
  pop() {
    return this.#points.pop();
  }
}

const kept: Counter[] = [];
export const shapes = {
  Point,
  Path,
  describe: (l) => `${l.label} at ${l.at.x()}`,
  swap: (p) => ({ first: p.second, second: p.first }),
  sumX: (ps) => ps.reduce((sum, p) => sum + p.x(), 0),
  count: (ps) => ps.length,
  first: (ps) => {
    if (ps.length === 0) throw 'empty';
    return ps[0];
  },
  shapeName: (s) => s.tag,
  maybePoint: (make) => (make ? new Point(0, 0) : undefined),
  bump: (c, times) => {
    for (let i = 0; i < times; i++) c.add(1);
    return c.get();
  },
  makeCounter: (start) => new Counter(start),
  largest: (a, b) => Counter.max(a, b),
  keep: (c) => {
    kept.push(c);
  },
  releaseKept: () => kept.splice(0).length,
} satisfies Shapes;

// Wraps a thing of the host's.
class Thing {
  #inner: HostThing;
  constructor(name: string) {
    this.#inner = new HostThing(name);
  }
  name() {
    return this.#inner.name();
  }
  static merge(a: Thing, b: Thing): Thing {
    return new Thing(a.name() + b.name());
  }
}
export const things = { Thing } satisfies Things;

export const aliases = {
  origin: () => new Point(0, 0),
  norm: (s) => Math.hypot(s.x(), s.y()),
} satisfies Aliases;

({ things, shapes, aliases }) satisfies Guest;
