// Resources at the host boundary: `resources` (test:resources) defines `point`, `path` and
// an exported `thing`, and uses the host's `counter` and imported `thing`; `cells` is a
// composed pair where `user` passes on the `cell` resource of the plugged-in provider.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { setTimeout as sleep } from 'node:timers/promises';
import { load } from './transpile.mjs';
import { makeHost } from './resources-host.mjs';

describe('resources defined by the component', () => {
  let component, host, shapes, things, aliases;
  before(async () => {
    component = await load('resources');
    host = makeHost();
    ({ shapes, things, aliases } = await component.instantiate(host.imports));
  });

  test('constructor, methods, statics; floats inside', () => {
    const { Point } = shapes;
    const p = new Point(1.5, -2.25);
    assert.ok(p instanceof Point);
    assert.equal(p.x(), 1.5);
    assert.equal(p.y(), -2.25);
    const q = p.scaled(2);
    assert.ok(q instanceof Point);
    assert.deepEqual([q.x(), q.y()], [3, -4.5]);
    assert.equal(Point.distance(new Point(0, 0), new Point(3, 4)), 5);
  });

  test('dispose runs the destructor once; a disposed object is refused', () => {
    const { Point } = shapes;
    const before = Point.live();
    const p = new Point(1, 2);
    assert.equal(Point.live(), before + 1);
    p[Symbol.dispose]();
    assert.equal(Point.live(), before);
    p[Symbol.dispose]();
    assert.equal(Point.live(), before);
    assert.throws(() => p.x(), { name: 'TypeError', message: /Point\.x: this: this Point was disposed or moved into the component/ });
    assert.throws(() => Point.distance(p, p), TypeError);
  });

  test('an object collected without being disposed is dropped by the finalizer', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc');
    const { Point } = shapes;
    const before = Point.live();
    (() => {
      for (let i = 0; i < 10; i++) new Point(i, i);
    })();
    assert.equal(Point.live(), before + 10);
    // Points from earlier tests may be collected too.
    for (let i = 0; i < 100 && Point.live() > before; i++) {
      gc();
      await sleep(10);
    }
    assert.ok(Point.live() <= before, `${Point.live()} points live, ${before} before`);
  });

  test('own moves the object into the component: into-inner, count, path.push', () => {
    const { Point, Path } = shapes;
    const p = new Point(7, 8);
    assert.deepEqual(Point.intoInner(p), [7, 8]);
    assert.throws(() => p.x(), /disposed or moved/);
    const before = Point.live();
    assert.equal(shapes.count([new Point(1, 1), new Point(2, 2), new Point(3, 3)]), 3);
    assert.equal(Point.live(), before, 'the component dropped the points it was given');
    const path = new Path();
    const a = new Point(1, 0);
    path.push(a);
    path.push(new Point(2, 0));
    assert.equal(path.len(), 2);
    assert.throws(() => a.x(), TypeError);
    const copies = path.points();
    assert.deepEqual(copies.map((c) => c.x()), [1, 2]);
    const last = path.pop();
    assert.equal(last.x(), 2);
    assert.equal(path.len(), 1);
  });

  test('a resource object given twice as own in one call is refused, and nothing moves', () => {
    const { Point } = shapes;
    const p = new Point(1, 1);
    assert.throws(() => shapes.count([p, p]), /disposed or moved/);
    assert.equal(p.x(), 1, 'the failed call gave the object back its resource');
    assert.throws(() => shapes.swap({ first: p, second: 42 }), { name: 'TypeError', message: /^shapes\.swap: parameter "p"\.second: expected Point, got 42/ });
    assert.equal(p.x(), 1);
    assert.equal(shapes.count([p]), 1);
  });

  test('borrows in records and lists, owns in records, variants, options, results', () => {
    const { Point } = shapes;
    const p = new Point(2, 3);
    assert.equal(shapes.describe({ label: 'here', at: p }), 'here at (2, 3)');
    assert.equal(p.x(), 2, 'a borrowed object stays usable');
    assert.equal(shapes.sumX([p, new Point(10, 0), p]), 14);
    const [a, b] = [new Point(1, 0), new Point(2, 0)];
    const swapped = shapes.swap({ first: a, second: b });
    assert.deepEqual([swapped.first.x(), swapped.second.x()], [2, 1]);
    assert.equal(shapes.shapeName({ tag: 'dot', val: new Point(5, 6) }), 'dot (5, 6)');
    assert.equal(shapes.shapeName({ tag: 'line', val: { first: new Point(0, 0), second: new Point(1, 1) } }), 'line (0, 0) -> (1, 1)');
    assert.equal(shapes.shapeName({ tag: 'nothing' }), 'nothing');
    assert.equal(shapes.maybePoint(false), undefined);
    const m = shapes.maybePoint(true);
    assert.ok(m instanceof Point);
    assert.deepEqual([m.x(), m.y()], [1.5, -2.5]);
    assert.equal(shapes.first([new Point(9, 9), new Point(8, 8)]).x(), 9);
    assert.throws(() => shapes.first([]), (e) => e instanceof component.module.ComponentError && e.payload === 'no points');
  });

  test('an alias of the type is the same class', () => {
    const o = aliases.origin();
    assert.ok(o instanceof shapes.Point);
    assert.equal(aliases.Spot, shapes.Point);
    assert.equal(aliases.norm(new shapes.Point(3, 4)), 5);
  });

  test('wrong values are TypeErrors naming the function and parameter, and the instance stays usable', () => {
    const { Point, Path } = shapes;
    assert.throws(() => Point.distance({}, new Point(0, 0)), { name: 'TypeError', message: /Point\.distance: parameter "a": expected Point/ });
    assert.throws(() => Point.distance(new Path(), new Point(0, 0)), TypeError);
    assert.throws(() => new Path().push(undefined), TypeError);
    assert.throws(() => Point.prototype.x.call({}), /Point\.x: this: expected Point/);
    assert.equal(new Point(4, 4).x(), 4);
  });
});

describe('resources defined by the host', () => {
  let component, host, shapes, things;
  before(async () => {
    component = await load('resources');
    host = makeHost();
    ({ shapes, things } = await component.instantiate(host.imports));
  });

  test('the component calls methods of a borrowed host object', () => {
    const c = new host.Counter(10);
    assert.equal(shapes.bump(c, 5), 15);
    assert.equal(c.value, 15);
  });

  test('the component constructs host objects and hands them over', () => {
    const c = shapes.makeCounter(3);
    assert.ok(c instanceof host.Counter);
    assert.equal(c.get(), 3);
  });

  test('owned host objects dropped by the component are disposed', () => {
    host.log.length = 0;
    assert.equal(shapes.largest(new host.Counter(4), new host.Counter(9)), 9);
    // Rust drops `b` before `a`.
    assert.deepEqual(host.log, [['new counter', 4], ['new counter', 9], ['dispose counter', 9], ['dispose counter', 4]]);
    host.log.length = 0;
    shapes.keep(new host.Counter(1));
    shapes.keep(new host.Counter(2));
    assert.deepEqual(host.log, [['new counter', 1], ['new counter', 2]]);
    assert.equal(shapes.releaseKept(), 2);
    assert.deepEqual(host.log.slice(2), [['dispose counter', 1], ['dispose counter', 2]]);
  });

  test('an object of another class is refused', () => {
    assert.throws(() => shapes.bump({ get() { return 1; } }, 1), { name: 'TypeError', message: /bump: parameter "c": expected Counter/ });
    assert.equal(shapes.bump(new host.Counter(0), 1), 1);
  });

  test('import and export of the same interface: the exported thing wraps the host thing', () => {
    const t = new things.Thing('a');
    assert.notEqual(things.Thing, host.Thing);
    assert.equal(t.name(), 'guest(a!)');
    const merged = things.Thing.merge(t, new things.Thing('b'));
    assert.equal(merged.name(), 'guest(a!+b!)');
    assert.throws(() => t.name(), TypeError);
  });

  test('a missing host class method is reported at instantiation', async () => {
    class Counter {}
    await assert.rejects(
      component.instantiate({ ...host.imports, 'test:resources/host-types': { Counter } }),
      { name: 'TypeError', message: /missing import: the method `add` of class Counter must be a function/ },
    );
  });
});

describe('resources across a composed pair', () => {
  let user;
  before(async () => {
    ({ user } = await (await load('cells')).instantiate({}));
  });

  test('a cell made by the provider travels through the consumer to JS and back', () => {
    const c = user.make(21);
    assert.ok(c instanceof user.Cell);
    user.double(c);
    assert.equal(user.sum(c, user.make(1)), 43);
    assert.equal(user.take(c), 42);
    assert.throws(() => user.double(c), /disposed or moved/);
  });

  test('the class has no constructor: the composition does not export one', () => {
    assert.throws(() => new user.Cell(), /Cell has no constructor/);
    const c = user.make(1);
    c[Symbol.dispose]();
    assert.throws(() => user.take(c), TypeError);
  });
});
