// console's formatting follows Node's util.format/util.inspect (compared with Node 26).
class Point {
  constructor(x, y) {
    this.x = x;
    this.y = y;
  }
}

export function values() {
  console.log('text', 42, -0, 10n, true, null, undefined, Symbol('s'));
  console.log({ a: 1, b: 'x', 'c-d': [1, 2] }, [], {}, [[1, [2, [3, [4]]]]]);
  console.log({ a: { b: { c: { d: 1 } } } }, new Point(1, 2), Object.create(null));
  const cycle = { name: 'cycle' };
  cycle.self = cycle;
  console.log(cycle);
  console.log(new Map([['k', 1]]), new Set([1, 'a']), new Uint8Array([1, 2]), [1, , 3]);
  console.log([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  console.log(function named() {}, () => {}, class Shape {}, /re/g, new Date(0));
  console.log({ s: "it's", t: 'line\nbreak', u: '\ud800' });
  console.log({ get g() { return 1; }, long: 'x'.repeat(60), other: 'y'.repeat(10) });
}

export function formats() {
  console.log('%s is %d years and %i days, %f%%', 'Bob', 42.5, '7.9', '1.5');
  console.log('%o %O %j', { a: 1 }, [1], { b: [2] });
  console.log('%s and %s', 'one');
  console.log('%c styled', 'color: red', 'extra', { x: 1 });
  console.log(1, '%s', 'a');
}

export function errors() {
  try {
    null.x;
  } catch (error) {
    console.log(error);
  }
  console.log({ error: new RangeError('out of range') });
  const error = new Error('with cause', { cause: 'the cause' });
  console.log(error.message, error.cause);
}

export function streams() {
  console.info('info');
  console.debug('debug');
  console.warn('warn');
  console.error('error %d', 1);
  console.assert(true, 'not printed');
  console.assert(false, 'assertion %s', 'printed');
  console.dir({ dir: 1 });
}
