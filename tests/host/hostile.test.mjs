// Hostile values from a JS host (issue 8, point 3): wrong types, out-of-range or fractional
// integers, lone surrogates, getters that throw, proxies, huge lists, re-entrant calls from
// inside an import, resource misuse. Each gives the error class the conventions and the
// component model say, and leaves the instance as the spec says: usable after an argument
// error (nothing reached the component), not enterable after a trap. Every failing call is
// followed by correct calls on the same instance.
//
// What is decided here (README, "How values look in JS"): a value that does not fit its type
// is a `TypeError` naming function, parameter and type; a list too long for 32-bit memory is
// a `RangeError`; a lone surrogate is not a string value (the component model's strings are
// sequences of Unicode scalar values), so it is a `TypeError` whatever the component's string
// encoding, never silently replaced with U+FFFD; an error the host's own code throws while its
// value is lowered (a getter, a proxy trap) propagates unchanged; entering an instance that is
// inside a call traps.

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load, norm } from './transpile.mjs';
import { makeHost } from './resources-host.mjs';

let values; // { module, instantiate } of the `values` component

/**
 * A `test:values/host` whose every import echoes its argument unless `overrides` has a
 * function of that name; the import object is read once, at instantiation.
 */
function valuesHost(overrides = {}) {
  return new Proxy({}, { get: (_, name) => overrides[name] ?? ((x) => x) });
}

async function freshValues(overrides) {
  return (await values.instantiate({ 'test:values/host': valuesHost(overrides) })).iface;
}

/** Correct calls that exercise the entry state, realloc'd memory, lists and an import. */
function assertUsable(iface) {
  assert.equal(iface.echoU32(7), 7);
  assert.equal(iface.echoString('still fine 🦀'), 'still fine 🦀');
  assert.deepStrictEqual(iface.echoListString(['a', '', 'é']), ['a', '', 'é']);
  assert.deepStrictEqual(iface.echoListU32([1, 2]), new Uint32Array([1, 2]));
  assert.equal(iface.roundtripString('via host'), 'via host');
}

/** Asserts the instance trapped earlier: every call traps without running. */
function assertPoisoned(iface) {
  assert.throws(() => iface.echoU32(1), { name: 'RuntimeError', message: /trapped earlier/ });
  assert.throws(() => iface.echoString('x'), { name: 'RuntimeError', message: /trapped earlier/ });
}

/**
 * Asserts `call` throws exactly `cls` with a message naming `iface.<func>`, parameter "x"
 * and `type` (a regexp source), then that the instance still works.
 */
function assertRejected(iface, func, call, cls, type) {
  assert.throws(call, (err) => {
    assert.equal(err?.constructor, cls, `expected ${cls.name}, got ${err?.constructor?.name}: ${err?.message}`);
    assert.match(err.message, new RegExp(`^iface\\.${func}: parameter "x"`), err.message);
    assert.match(err.message, new RegExp(type), err.message);
    return true;
  });
  assertUsable(iface);
}

before(async () => {
  values = await load('values');
});

describe('wrong types, for each WIT type family', () => {
  let iface;
  before(async () => {
    iface = await freshValues();
  });

  // [function, argument, the WIT type the message names]
  const cases = [
    ['echoBool', 1, 'bool'], ['echoBool', 'true', 'bool'], ['echoBool', undefined, 'bool'], ['echoBool', null, 'bool'],
    ['echoU8', '1', 'u8'], ['echoS16', [1], 's16'], ['echoS32', 1n, 's32'], ['echoU32', 1n, 'u32'],
    ['echoU32', Symbol('x'), 'u32'], ['echoU16', true, 'u16'],
    ['echoU64', '1', 'u64'], ['echoS64', {}, 's64'], ['echoS64', null, 's64'],
    ['echoF32', '1.5', 'f32'], ['echoF64', 1n, 'f64'], ['echoF64', undefined, 'f64'], ['echoF64', new Number(1), 'f64'],
    ['echoChar', 65, 'char'], ['echoChar', 'ab', 'char'], ['echoChar', '', 'char'], ['echoChar', '🦀🦀', 'char'],
    ['echoString', 5, 'string'], ['echoString', null, 'string'], ['echoString', new String('boxed'), 'string'],
    ['echoString', { toString: () => 'x' }, 'string'],
    ['echoListU8', 5, 'list<u8>'], ['echoListU8', 'abc', 'list<u8>'], ['echoListU8', {}, 'list<u8>'],
    ['echoListU8', new Set([1]), 'list<u8>'], ['echoListU8', { length: -1 }, 'list<u8>'],
    ['echoListU8', { length: 1.5 }, 'list<u8>'], ['echoListU8', { length: NaN }, 'list<u8>'],
    ['echoListU8', { length: '2' }, 'list<u8>'], ['echoListU8', { length: 2 ** 53 }, 'list<u8>'],
    ['echoListString', ['a', 1], 'string'], ['echoListString', { length: 1 }, 'string'],
    ['echoListPoint', [{ x: 1, y: 1 }, null], 'record'],
    ['echoListList', [[1], 2], 'list<u32>'],
    ['echoTuple', [1, 'a'], 'tuple<u8, string, f64>'], ['echoTuple', { 0: 1, 1: 'a', 2: 1 }, 'tuple'],
    ['echoTuple', [256, 'a', 1], 'u8'],
    ['echoPoint', null, 'record'], ['echoPoint', 7, 'record'], ['echoPoint', { x: 1 }, 's32'],
    ['echoPoint', [1, 2], 's32'],
    ['echoPerson', { ageYears: 1, isAdmin: true, favoriteColor: 'red' }, 'string'],
    ['echoPerson', { firstName: 'a', ageYears: 1, isAdmin: 'yes', favoriteColor: 'red' }, 'bool'],
    ['echoMixed', { tag: 'nope', val: 1 }, 'variant'], ['echoMixed', 'small', 'variant'], ['echoMixed', null, 'variant'],
    ['echoMixed', { tag: 'small' }, 's32'], ['echoMixed', { tag: 'text', val: 1 }, 'string'],
    ['echoMixed', { tag: 'pair', val: [1] }, 'tuple'],
    ['echoColor', 'Red', 'enum'], ['echoColor', 0, 'enum'], ['echoColor', { toString: () => 'red' }, 'enum'],
    ['echoColor', undefined, 'enum'],
    ['echoSmallFlags', null, 'flags'], ['echoSmallFlags', 'read', 'flags'],
    ['echoOptionU32', 'x', 'u32'], ['echoOptionOption', { tag: 'sometimes' }, 'option'],
    ['echoOptionOption', 5, 'option'], ['echoOptionPoint', { x: 1, y: 'a' }, 's32'],
    ['echoResults', { full: { tag: 'ok', val: 5 }, noOk: { tag: 'ok' }, noErr: { tag: 'ok', val: 1 }, empty: { tag: 'ok' } }, 'string'],
    ['echoResults', { full: { tag: 'maybe' }, noOk: { tag: 'ok' }, noErr: { tag: 'ok', val: 1 }, empty: { tag: 'ok' } }, 'result'],
    ['echoListResult', [{ tag: 'ok', val: 1 }, { tag: 'err', val: 2 }], 'string'],
    ['echoListOption', ['a', 1], 'string'],
  ];
  for (const [func, arg, type] of cases) {
    const shown = typeof arg === 'symbol' || typeof arg === 'bigint' ? String(arg) : JSON.stringify(arg) ?? String(arg);
    test(`${func}(${shown}) is a TypeError naming ${type}`, () => {
      assertRejected(iface, func, () => iface[func](arg), TypeError, type.replace(/[<>(),]/g, '\\$&'));
    });
  }

  test('inside a parameter, the message names the field, element or payload', () => {
    const cases = [
      ['echoPerson', { firstName: 1 }, '.firstName: expected string'],
      ['echoPerson', { firstName: 'a', ageYears: 300 }, '.ageYears: expected u8'],
      ['echoTuple', [1, 2, 3], '[1]: expected string'],
      ['echoMixed', { tag: 'pair', val: [1, 'x'] }, '.val[1]: expected f64'],
      ['echoOptionPoint', { x: 1, y: 'a' }, '.y: expected s32'],
      ['echoResults', { full: { tag: 'ok', val: 5 } }, '.full.val: expected string'],
    ];
    for (const [func, arg, where] of cases) {
      assert.throws(() => iface[func](arg), { name: 'TypeError', message: new RegExp(`^iface\\.${func}: parameter "x"${where.replace(/[.[\]]/g, '\\$&')}`) });
    }
    assertUsable(iface);
  });

  test('an integer parameter never converts an object (its valueOf does not run)', () => {
    let ran = 0;
    const sneaky = { valueOf: () => (ran++, 1) };
    for (const func of ['echoU8', 'echoS8', 'echoU16', 'echoS16', 'echoU32', 'echoS32', 'echoU64', 'echoS64']) {
      assertRejected(iface, func, () => iface[func](sneaky), TypeError, func.slice(4).toLowerCase());
    }
    assert.throws(() => iface.echoListU32([sneaky]), TypeError);
    assert.equal(ran, 0);
  });
});

describe('integers: out of range, fractional, NaN, Infinity', () => {
  let iface;
  before(async () => {
    iface = await freshValues();
  });

  const bad = [Number.NaN, Infinity, -Infinity, 0.5, -0.5, 1e-300];
  // [function, WIT type, values just outside its range, values at its edges]
  const widths = [
    ['U8', [256, -1, 2 ** 32 + 1], [0, 255]],
    ['S8', [128, -129, 255], [-128, 127]],
    ['U16', [65536, -1], [0, 65535]],
    ['S16', [32768, -32769, 65535], [-32768, 32767]],
    ['U32', [2 ** 32, -1, 2 ** 53], [0, 2 ** 32 - 1]],
    ['S32', [2 ** 31, -(2 ** 31) - 1, 2 ** 32 - 1], [-(2 ** 31), 2 ** 31 - 1]],
  ];
  for (const [w, outside, edges] of widths) {
    test(`${w.toLowerCase()}: each wrong value is a TypeError, the edges pass, the instance works`, () => {
      const func = `echo${w}`;
      for (const v of [...outside, ...bad]) assertRejected(iface, func, () => iface[func](v), TypeError, w.toLowerCase());
      for (const v of edges) assert.equal(iface[func](v), v);
      assert.ok(Object.is(iface[func](-0), 0), '-0 is the integer 0');
      // The same checks inside a list and through an import's result.
      assertRejected(iface, `echoList${w}`, () => iface[`echoList${w}`]([edges[0], outside[0]]), TypeError, w.toLowerCase());
    });
  }

  test('u64 and s64: bigints outside the range, unsafe or fractional numbers', () => {
    const U64_MAX = 2n ** 64n - 1n;
    for (const v of [-1n, U64_MAX + 1n, 2n ** 100n, -1, 2 ** 53, 0.5, Number.NaN, Infinity]) {
      assertRejected(iface, 'echoU64', () => iface.echoU64(v), TypeError, 'u64');
    }
    for (const v of [2n ** 63n, -(2n ** 63n) - 1n, -(2 ** 53), 1.5, -Infinity]) {
      assertRejected(iface, 'echoS64', () => iface.echoS64(v), TypeError, 's64');
    }
    assert.equal(iface.echoU64(U64_MAX), U64_MAX);
    assert.equal(iface.echoS64(-(2n ** 63n)), -(2n ** 63n));
    assert.equal(iface.echoU64(2 ** 53 - 1), 2n ** 53n - 1n);
    assertRejected(iface, 'echoListU64', () => iface.echoListU64([1n, -1n]), TypeError, 'u64');
    assertRejected(iface, 'echoListS64', () => iface.echoListS64([2n ** 63n]), TypeError, 's64');
  });

  test('floats take any number, NaN and the infinities included, and nothing else', () => {
    assert.ok(Number.isNaN(iface.echoF64(Number.NaN)));
    assert.equal(iface.echoF32(Infinity), Infinity);
    assert.equal(iface.echoF32(1e300), Infinity, 'f32 rounds, as Math.fround');
    assertRejected(iface, 'echoF32', () => iface.echoF32(null), TypeError, 'f32');
  });
});

describe('lone surrogates', () => {
  const lone = ['\ud800', '\udfff', 'a\udc00b', '🦀'.slice(0, 1), 'x'.repeat(100) + '\ud83e'];

  test('string: a TypeError naming the parameter; well-formed strings pass', async () => {
    const iface = await freshValues();
    for (const s of lone) assertRejected(iface, 'echoString', () => iface.echoString(s), TypeError, 'well-formed');
    for (const s of lone) assertRejected(iface, 'echoListString', () => iface.echoListString(['ok', s]), TypeError, 'well-formed');
    assertRejected(iface, 'echoPerson',
      () => iface.echoPerson({ firstName: '\ud800', ageYears: 1, isAdmin: true, favoriteColor: 'red' }), TypeError, 'well-formed');
    assert.equal(iface.echoString('\ud83e\udd80'), '🦀');
  });

  test('char: a TypeError', async () => {
    const iface = await freshValues();
    for (const c of ['\ud800', '\udfff']) assertRejected(iface, 'echoChar', () => iface.echoChar(c), TypeError, 'char');
    assertRejected(iface, 'echoListChar', () => iface.echoListChar(['a', '\udc00']), TypeError, 'char');
  });

  for (const encoding of ['utf8', 'utf16', 'compact']) {
    test(`the same in a ${encoding} component, which could have stored the unit: never replaced with U+FFFD`, async () => {
      const { echo, concat } = await (await load(`strings-${encoding}`)).instantiate();
      for (const s of lone) {
        assert.throws(() => echo(s), { name: 'TypeError', message: /^echo: parameter "s": expected string \(well-formed Unicode\)/ });
        assert.throws(() => concat(['a', s]), { name: 'TypeError', message: /^concat: parameter "parts"/ });
      }
      assert.equal(echo('é ❤ 🦀'), 'é ❤ 🦀');
    });
  }

  test('a lone surrogate the host returns to the component traps the call', async () => {
    const iface = await freshValues({ echoString: () => '\ud800' });
    assert.throws(() => iface.roundtripString('x'), { name: 'TypeError', message: /^test:values\/host#echo-string: result: expected string \(well-formed Unicode\)/ });
    assertPoisoned(iface);
  });
});

describe('getters that throw', () => {
  let iface;
  before(async () => {
    iface = await freshValues();
  });

  /** An object whose `key` getter throws `err`. */
  const throwingAt = (base, key, err) => Object.defineProperty({ ...base }, key, { get() { throw err; }, enumerable: true });
  const person = { firstName: 'Ada', ageYears: 36, nickName: 'A', isAdmin: true, favoriteColor: 'red' };

  test('a record field getter: its error propagates as it is; the instance works', () => {
    // Fields after strings: their memory was already allocated in the component.
    for (const [key, err] of [['firstName', new Error('first')], ['isAdmin', new RangeError('admin')],
      ['favoriteColor', 'a string'], ['nickName', new WebAssembly.CompileError('not a trap')]]) {
      assert.throws(() => iface.echoPerson(throwingAt(person, key, err)), (e) => e === err);
      assertUsable(iface);
    }
    assert.throws(() => iface.echoPoint(throwingAt({ x: 1, y: 2 }, 'y', new TypeError('y'))), { message: 'y' });
    assertUsable(iface);
    assert.deepStrictEqual(norm(iface.echoPerson(person)), person);
  });

  test('an element getter, a length getter, a variant tag getter', () => {
    const err = new Error('element');
    const list = ['a', 'b', 'c'];
    Object.defineProperty(list, 1, { get() { throw err; } });
    assert.throws(() => iface.echoListString(list), (e) => e === err);
    assertUsable(iface);
    const bytes = { length: 2, 0: 1, get 1() { throw err; } };
    assert.throws(() => iface.echoListU8(bytes), (e) => e === err);
    assert.throws(() => iface.echoListU8({ get length() { throw err; } }), (e) => e === err);
    assert.throws(() => iface.echoMixed({ get tag() { throw err; } }), (e) => e === err);
    assert.throws(() => iface.echoSmallFlags({ get read() { throw err; } }), (e) => e === err);
    assertUsable(iface);
  });

  test('a length that changes between reads is read once', () => {
    let reads = 0;
    const shifty = { get length() { return reads++ === 0 ? 1 : 2 ** 40; }, 0: 'x' };
    assert.deepStrictEqual(iface.echoListString(shifty), ['x']);
    assert.equal(reads, 1);
    assertUsable(iface);
  });

  test('lists are read by index: an iterator that throws is never called', () => {
    const list = ['a', 'b'];
    list[Symbol.iterator] = () => {
      throw new Error('iterated');
    };
    assert.deepStrictEqual(iface.echoListString(list), ['a', 'b']);
    const generator = (function* () { yield 1; })();
    assertRejected(iface, 'echoListU32', () => iface.echoListU32(generator), TypeError, 'list<u32>');
  });
});

describe('proxies', () => {
  let iface;
  before(async () => {
    iface = await freshValues();
  });

  test('a proxy record or list lowers like its target', () => {
    const point = new Proxy({}, { get: (_, key) => ({ x: 3, y: -4 })[key] });
    assert.deepStrictEqual(iface.echoPoint(point), { x: 3, y: -4 });
    assert.deepStrictEqual(iface.echoListString(new Proxy(['p', 'q'], {})), ['p', 'q']);
    assert.deepStrictEqual(iface.echoListU16(new Proxy([1, 2, 3], {})), new Uint16Array([1, 2, 3]));
  });

  test('a proxy of a typed array: its length getter refuses the proxy, a TypeError', () => {
    // `instanceof` sees the target's prototype, but TypedArray.prototype.length throws for a
    // receiver that is not a typed array itself.
    assert.throws(() => iface.echoListU8(new Proxy(new Uint8Array([1, 2, 3]), {})), TypeError);
    assertUsable(iface);
  });

  test('a proxy whose traps throw: the error propagates; the instance works', () => {
    const err = new Error('trap');
    const hostile = new Proxy({}, { get() { throw err; } });
    for (const func of ['echoPoint', 'echoPerson', 'echoListString', 'echoMixed', 'echoSmallFlags', 'echoTuple']) {
      assert.throws(() => iface[func](hostile), (e) => e === err, func);
      assertUsable(iface);
    }
  });

  test('a revoked proxy is a TypeError; the instance works', () => {
    const { proxy, revoke } = Proxy.revocable({ x: 1, y: 2 }, {});
    revoke();
    for (const func of ['echoPoint', 'echoPerson', 'echoListU8', 'echoListString', 'echoMixed']) {
      assert.throws(() => iface[func](proxy), TypeError, func);
      assertUsable(iface);
    }
  });

  test('a getter that calls into the instance while its arguments are lowered', () => {
    // Lowering `person` allocates in the component first, so the instance is entered: the
    // inner call traps (re-entrance). Caught by the getter, the outer call goes on.
    let inner;
    const person = {
      firstName: 'Re', ageYears: 1, isAdmin: false, favoriteColor: 'red',
      get nickName() {
        try {
          iface.echoU32(1);
        } catch (e) {
          inner = e;
        }
        return 'entered';
      },
    };
    assert.equal(iface.echoPerson(person).nickName, 'entered');
    assert.ok(inner instanceof WebAssembly.RuntimeError);
    assert.match(inner.message, /re-entrance/);
    assertUsable(iface);
  });
});

describe('huge lists', () => {
  let iface;
  before(async () => {
    iface = await freshValues();
  });

  test('a list of 4 GiB or more is a RangeError before anything is allocated', () => {
    const cases = [
      ['echoListU8', 2 ** 32, 'list<u8>'],
      ['echoListU32', 2 ** 30, 'list<u32>'],
      ['echoListU64', 2 ** 29, 'list<u64>'],
      ['echoListString', 2 ** 29, 'list<string>'],
      ['echoListPoint', 2 ** 29 + 1, 'list<record'],
      ['echoListU8', Number.MAX_SAFE_INTEGER, 'list<u8>'],
    ];
    for (const [func, length, type] of cases) {
      // An array-like: its elements are never read.
      const list = { length, get 0() { throw new Error('read an element'); } };
      assertRejected(iface, func, () => iface[func](list), RangeError, `${type.replace(/[<>]/g, '\\$&')}.* of ${length} elements does not fit in 4 GiB`);
    }
  });

  test('big but valid lists work, and the instance stays usable', () => {
    const bytes = new Uint8Array(32 << 20).map((_, i) => i * 7);
    assert.deepStrictEqual(iface.echoListU8(bytes), bytes);
    const words = new Uint32Array(4 << 20).map((_, i) => i);
    assert.deepStrictEqual(iface.echoListU32(words), words);
    const strings = Array.from({ length: 100000 }, (_, i) => `s${i}`);
    assert.deepStrictEqual(iface.echoListString(strings), strings);
    assertUsable(iface);
  });
});

describe('re-entrant calls from inside an import', () => {
  test('entering the instance from its import traps; caught by the host, the outer call goes on', async () => {
    let iface, inner;
    iface = await freshValues({
      echoU32: (x) => {
        try {
          iface.echoString('again');
        } catch (e) {
          inner = e;
        }
        return x + 1;
      },
    });
    assert.equal(iface.roundtripU32(41), 42);
    assert.ok(inner instanceof WebAssembly.RuntimeError, String(inner));
    assert.match(inner.message, /cannot enter component instance: it is already running \(re-entrance\)/);
    assertUsable(iface);
  });

  test('uncaught, the trap ends the outer call and the instance cannot be entered again', async () => {
    let iface;
    iface = await freshValues({ echoString: (s) => iface.echoString(s) });
    assert.throws(() => iface.roundtripString('x'), { name: 'RuntimeError', message: /re-entrance/ });
    assertPoisoned(iface);
    // Other instances are not affected.
    assertUsable(await freshValues());
  });

  test('another instance may be called from inside the import', async () => {
    const other = await freshValues();
    const iface = await freshValues({ echoU32: (x) => other.echoU32(x) * 2 });
    assert.equal(iface.roundtripU32(21), 42);
    assertUsable(iface);
    assertUsable(other);
  });

  test('the import returning a wrong value traps the call', async () => {
    // [export, its argument, what the import returns, the error]
    const cases = [
      ['roundtripU8', 1, 300, TypeError, 'echo-u8: result: expected u8'],
      ['roundtripU64', 1n, 1.5, TypeError, 'echo-u64: result: expected u64'],
      ['roundtripChar', 'a', 'ab', TypeError, 'echo-char: result: expected char'],
      ['roundtripPoint', { x: 1, y: 2 }, { x: 1 }, TypeError, 'echo-point: result.y: expected s32'],
      ['roundtripListU32', [1], { length: 2 ** 30 }, RangeError, 'echo-list-u32: result: a list<u32> of 1073741824 elements'],
    ];
    for (const [func, arg, returned, cls, message] of cases) {
      const host = `echo${func.slice('roundtrip'.length)}`;
      const iface = await freshValues({ [host]: () => returned });
      assert.throws(() => iface[func](arg), (e) => e.constructor === cls && e.message.startsWith(`test:values/host#${message}`), func);
      // The component called the import and cannot go on without its result: a trap.
      assertPoisoned(iface);
    }
  });
});

describe('resource misuse', () => {
  let shapes, Counter;
  before(async () => {
    const host = makeHost();
    // `add`, which the component calls, runs a counter's hook (set on the prototype: the
    // module binds the class's methods when it is instantiated).
    ({ Counter } = host);
    const add = Counter.prototype.add;
    Counter.prototype.add = function (n) {
      add.call(this, n);
      this.onAdd?.();
    };
    ({ shapes } = await (await load('resources')).instantiate(host.imports));
  });

  const usable = () => {
    const { Point } = shapes;
    const p = new Point(3, 4);
    assert.equal(Point.distance(p, new Point(0, 0)), 5);
    assert.equal(shapes.bump(new Counter(1), 2), 3);
  };

  test('use after dispose, a moved object, the wrong class, a plain object: TypeErrors', () => {
    const { Point, Path } = shapes;
    const p = new Point(1, 2);
    p[Symbol.dispose]();
    assert.throws(() => p.x(), { name: 'TypeError', message: /Point\.x: this: this Point was disposed or moved/ });
    assert.throws(() => Point.distance(p, new Point(0, 0)), { name: 'TypeError', message: /parameter "a"/ });
    const q = new Point(5, 6);
    assert.deepStrictEqual(Point.intoInner(q), [5, 6]);
    assert.throws(() => q.y(), { name: 'TypeError', message: /disposed or moved/ });
    assert.throws(() => Point.distance(new Path(), new Point(0, 0)), { name: 'TypeError', message: /parameter "a": expected Point/ });
    assert.throws(() => Point.prototype.x.call(Object.create(Point.prototype)), { name: 'TypeError', message: /Point\.x: this/ });
    assert.throws(() => shapes.bump({ add() {} }, 1), { name: 'TypeError', message: /parameter "c": expected Counter/ });
    usable();
  });

  test('a call that fails on a later argument gives the moved objects back', () => {
    const { Point } = shapes;
    const p = new Point(7, 8);
    assert.throws(() => shapes.count([p, 'not a point']), TypeError);
    assert.equal(p.x(), 7, 'p was not moved into the component');
    assert.equal(shapes.count([p]), 1);
    assert.throws(() => p.x(), /disposed or moved/);
    usable();
  });

  test('disposing or calling a component object from inside an import traps; the object stays valid', () => {
    const { Point } = shapes;
    const p = new Point(1, 1);
    const c = new Counter(0);
    const inner = [];
    c.onAdd = () => {
      for (const f of [() => p[Symbol.dispose](), () => p.x(), () => Point.live()]) {
        try {
          f();
        } catch (e) {
          inner.push(e);
        }
      }
    };
    assert.equal(shapes.bump(c, 2), 2);
    assert.equal(inner.length, 6);
    for (const e of inner) assert.match(`${e.name}: ${e.message}`, /^RuntimeError: .*re-entrance/);
    assert.equal(p.x(), 1, 'the failed dispose did not drop p');
    p[Symbol.dispose]();
    assert.throws(() => p.x(), /disposed/);
    usable();
  });
});
