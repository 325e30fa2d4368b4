// Every component value type through ferry's generated JS, both ways:
//   iface.echo*       JS -> export (lowering) -> back to JS (lifting)
//   iface.roundtrip*  JS -> export -> the component calls the JS import `test:values/host`
//                     (the import's arguments are lifted, its return lowered) -> back to JS
// Expected values follow /work/shared/js-conventions.md exactly. Where it leaves a
// detail open, the test follows jco; each such assumption says "jco:".

import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load, norm } from './transpile.mjs';

const U64_MAX = 2n ** 64n - 1n;
const S64_MIN = -(2n ** 63n);
const S64_MAX = 2n ** 63n - 1n;

// big-flags: b0..b30 and last-flag (bit 31); the component model allows at most 32 flags.
const BIG_FLAG_NAMES = [...Array.from({ length: 31 }, (_, i) => `b${i}`), 'lastFlag'];
const bigFlags = (...set) => Object.fromEntries(BIG_FLAG_NAMES.map((n) => [n, set.includes(n)]));

/** Bits of a f64, and a f64 from bits, through memory (never through a JS number). */
const f64FromBits = (bits) => new Float64Array(new BigUint64Array([bits]).buffer);
const bitsOfF64s = (f64s) => new BigUint64Array(f64s.buffer, f64s.byteOffset, f64s.length);

const deepEntries = [
  {
    key: 'k1',
    items: [
      { tag: 'nums', val: new Int16Array([-32768, 2, 32767]) },
      { tag: 'words', val: ['a', '', '🦀'] },
      { tag: 'points', val: [{ x: 1, y: -2 }] },
      { tag: 'maybe', val: undefined },
      { tag: 'maybe', val: new Uint8Array([9, 0]) },
      { tag: 'outcome', val: { tag: 'ok', val: new BigUint64Array([1n, U64_MAX]) } },
      { tag: 'outcome', val: { tag: 'err', val: 'nope' } },
      { tag: 'nothing' },
    ],
    meta: [7, [{ tag: 'text', val: 'deep' }, { tag: 'big', val: 5n }, { tag: 'empty' }, { tag: 'double', val: 0.5 }]],
  },
  { key: '', items: [], meta: undefined },
  { key: 'é', items: [{ tag: 'outcome', val: { tag: 'ok', val: new BigUint64Array([]) } }], meta: [0, []] },
];

/**
 * [wit function suffix, cases]: each case is [input, expected] or [input] when the
 * expected value is the input itself. `echo-<name>` and `roundtrip-<name>` exist for each.
 */
const expectedOf = (c) => (c.length > 1 ? c[1] : c[0]);
const ECHO_CASES = [
  ['bool', [[true], [false]]],
  ['s8', [[0], [-128], [127], [-1]]],
  ['u8', [[0], [255], [1]]],
  ['s16', [[-32768], [32767], [0]]],
  ['u16', [[0], [65535]]],
  ['s32', [[-2147483648], [2147483647], [0], [-1]]],
  ['u32', [[0], [4294967295], [2147483648]]],
  // A safe-integer number is accepted for 64-bit integers; lifting gives a bigint.
  ['s64', [[S64_MIN], [S64_MAX], [0n], [-1n], [42, 42n], [-5, -5n], [Number.MAX_SAFE_INTEGER, 2n ** 53n - 1n]]],
  ['u64', [[0n], [U64_MAX], [2n ** 63n], [7, 7n]]],
  ['f32', [[0], [-0], [1.5], [Infinity], [-Infinity], [NaN], [3.4028234663852886e38], [1.401298464324817e-45],
    [0.1, Math.fround(0.1)]]],
  ['f64', [[0], [-0], [0.1], [Number.MAX_VALUE], [Number.MIN_VALUE], [-Infinity], [NaN]]],
  ['char', [['a'], ['é'], ['🦀'], ['\0'], ['\u{ffff}'], ['\u{10ffff}'], ['\u{e000}']]],
  ['string', [[''], ['hello'], ['héllo wörld'], ['🦀 crab 𝄞'], ['a\0b'], ['ÿ'], ['x'.repeat(70000) + '🦀']]],
  // Numeric lists are typed arrays; lowering also accepts a plain array.
  ['list-u8', [[new Uint8Array([])], [new Uint8Array([0, 255, 7])], [[1, 2, 3], new Uint8Array([1, 2, 3])]]],
  ['list-s8', [[new Int8Array([-128, 127, 0])], [[-1], new Int8Array([-1])]]],
  ['list-u16', [[new Uint16Array([0, 65535])], [[], new Uint16Array([])]]],
  ['list-s16', [[new Int16Array([-32768, 32767])]]],
  ['list-u32', [[new Uint32Array([0, 4294967295, 5])], [[1, 2], new Uint32Array([1, 2])]]],
  ['list-s32', [[new Int32Array([-2147483648, 2147483647])]]],
  ['list-u64', [[new BigUint64Array([0n, U64_MAX])], [new BigUint64Array([])]]],
  ['list-s64', [[new BigInt64Array([S64_MIN, S64_MAX, -1n])], [[1n, -2n], new BigInt64Array([1n, -2n])]]],
  ['list-f32', [[new Float32Array([1.5, -0, NaN, Infinity])], [[0.1], new Float32Array([0.1])]]],
  ['list-f64', [[new Float64Array([Math.PI, -0, NaN, -Infinity, Number.MIN_VALUE])], [new Float64Array([])]]],
  ['list-bool', [[[true, false, true]], [[]]]],
  ['list-char', [[['a', '🦀', 'é']]]],
  ['list-string', [[[]], [['', 'a', '🦀', 'héllo']]]],
  ['list-point', [[[{ x: 1, y: -2 }, { x: 2147483647, y: -2147483648 }]], [[]]]],
  ['list-list', [[[new Uint32Array([1, 2]), new Uint32Array([]), new Uint32Array([3])]], [[]],
    [[[4], []], [new Uint32Array([4]), new Uint32Array([])]]]],
  ['list-list-string', [[[['a'], [], ['b', '🦀']]]]],
  ['tuple', [[[255, 'tü🦀', 2.5]], [[0, '', -0]]]],
  ['point', [[{ x: -1, y: 1 }], [{ x: -2147483648, y: 2147483647 }]]],
  ['person', [
    [{ firstName: 'Ada', ageYears: 36, nickName: 'Countess', isAdmin: true, favoriteColor: 'green-blue' }],
    [{ firstName: 'Bob', ageYears: 0, nickName: undefined, isAdmin: false, favoriteColor: 'ultra-violet' }],
    // An option field may be absent, or null.
    [{ firstName: '', ageYears: 255, isAdmin: false, favoriteColor: 'red' },
      { firstName: '', ageYears: 255, nickName: undefined, isAdmin: false, favoriteColor: 'red' }],
    [{ firstName: 'é', ageYears: 1, nickName: null, isAdmin: true, favoriteColor: 'red' },
      { firstName: 'é', ageYears: 1, nickName: undefined, isAdmin: true, favoriteColor: 'red' }],
  ]],
  ['mixed', [
    [{ tag: 'empty' }], [{ tag: 'empty', val: undefined }, { tag: 'empty' }],
    [{ tag: 'small', val: -5 }], [{ tag: 'small', val: 2147483647 }],
    [{ tag: 'single', val: 1.5 }], [{ tag: 'single', val: 0.1 }, { tag: 'single', val: Math.fround(0.1) }],
    [{ tag: 'single', val: -Infinity }],
    [{ tag: 'big', val: S64_MIN }], [{ tag: 'big', val: -1n }],
    [{ tag: 'double', val: -0.1 }], [{ tag: 'double', val: -0 }], [{ tag: 'double', val: Number.MAX_VALUE }],
    [{ tag: 'double', val: NaN }],
    [{ tag: 'text', val: 'hé🦀' }], [{ tag: 'text', val: '' }],
    [{ tag: 'pair', val: [7, 1e300] }],
  ]],
  // Enum cases and variant tags keep their kebab-case WIT names.
  ['color', [['red'], ['green-blue'], ['ultra-violet']]],
  // Lifted flags have every flag; lowering takes missing flags as false (jco: Boolean(obj.flag)).
  ['small-flags', [
    [{ read: false, write: false, execNow: false }],
    [{ read: true, write: false, execNow: true }],
    [{ write: true }, { read: false, write: true, execNow: false }],
  ]],
  ['big-flags', [
    [bigFlags()], [bigFlags('lastFlag')], [bigFlags('b0', 'b17', 'b30')], [bigFlags(...BIG_FLAG_NAMES)],
    [{ lastFlag: true, b3: true }, bigFlags('b3', 'lastFlag')],
  ]],
  ['option-u32', [[undefined], [0], [4294967295], [null, undefined]]],
  ['option-string', [[undefined], [''], ['🦀']]],
  // jco: an option whose payload may itself be undefined is tagged, none included:
  // { tag: 'none' } / { tag: 'some', val }, and the inner option<u32> is u32 | undefined.
  // (js-conventions.md's "the outer is `undefined` or ..." can be read as none -> undefined;
  // jco's generated code, which hosts are written against, gives { tag: 'none' }.)
  ['option-option', [
    [{ tag: 'none' }], [{ tag: 'some', val: undefined }], [{ tag: 'some', val: 0 }], [{ tag: 'some', val: 42 }],
  ]],
  ['option-point', [[undefined], [{ x: 1, y: 2 }]]],
  ['results', [
    [{ full: { tag: 'ok', val: 'yes' }, noOk: { tag: 'ok', val: undefined }, noErr: { tag: 'ok', val: 3 }, empty: { tag: 'ok', val: undefined } }],
    [{ full: { tag: 'err', val: 4294967295 }, noOk: { tag: 'err', val: 'no' }, noErr: { tag: 'err', val: undefined }, empty: { tag: 'err', val: undefined } }],
    // `val` may be absent for result cases without payload.
    [{ full: { tag: 'ok', val: '' }, noOk: { tag: 'ok' }, noErr: { tag: 'err' }, empty: { tag: 'ok' } },
      { full: { tag: 'ok', val: '' }, noOk: { tag: 'ok', val: undefined }, noErr: { tag: 'err', val: undefined }, empty: { tag: 'ok', val: undefined } }],
  ]],
  ['list-result', [[[{ tag: 'ok', val: 1 }, { tag: 'err', val: 'bad' }, { tag: 'ok', val: 255 }]], [[]]]],
  ['list-option', [[['a', undefined, '', '🦀']], [[null, 'x'], [undefined, 'x']]]],
  ['entries', [[deepEntries], [[]]]],
];

const camel = (s) => s.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());

// Every import of test:values/host: echo* return their argument, except where a test
// sets `hostOverride[name]`; every call is recorded in `hostCalls`.
const HOST_ECHOES = ECHO_CASES.map(([n]) => `echo-${n}`).concat(['echo-result', 'echo-result-no-ok', 'echo-result-no-err', 'echo-result-empty']);
let hostCalls = [];
const hostOverride = {};
function makeHost() {
  const host = {};
  for (const wit of HOST_ECHOES) {
    const name = camel(wit);
    host[name] = (...args) => {
      hostCalls.push([name, args]);
      return (hostOverride[name] ?? ((x) => x))(...args);
    };
  }
  // Whole-return results: the import returns the ok value or throws (with the error
  // value as `payload`, or as itself).
  const resultEcho = (name) => (x) => {
    hostCalls.push([name, [x]]);
    if (hostOverride[name]) return hostOverride[name](x);
    if (x.tag === 'ok') return x.val;
    throw { payload: x.val };
  };
  for (const wit of ['echo-result', 'echo-result-no-ok', 'echo-result-no-err', 'echo-result-empty']) {
    host[camel(wit)] = resultEcho(camel(wit));
  }
  host.manyParams = (...args) => {
    hostCalls.push(['manyParams', args]);
    return `host saw ${args.length}`;
  };
  host.checkedDivide = (a, b) => {
    hostCalls.push(['checkedDivide', [a, b]]);
    if (b === 0) throw 'host: division by zero';
    return Math.floor(a / b);
  };
  return host;
}

let component; // { module, instantiate }
let exports; // the instantiate() result
let iface;

/** Asserts that calling `fn` throws a ComponentError whose payload is `payload`. */
function assertComponentError(fn, payload) {
  assert.throws(fn, (err) => {
    const ComponentError = component.module.ComponentError;
    if (typeof ComponentError === 'function') assert.ok(err instanceof ComponentError, `not a ComponentError: ${err}`);
    else assert.equal(err?.constructor?.name, 'ComponentError', `not a ComponentError: ${err}`);
    assert.ok(err instanceof Error);
    assert.deepStrictEqual(norm(err.payload), norm(payload));
    return true;
  });
}

/**
 * Asserts `fn` throws one of `classes`, with a message naming the function (its JS or WIT
 * name), the parameter and the WIT type.
 */
function assertArgError(fn, { func, param, type, classes = [TypeError] }) {
  assert.throws(fn, (err) => {
    assert.ok(classes.some((c) => err instanceof c), `expected ${classes.map((c) => c.name).join('/')}, got ${err}`);
    const msg = String(err.message);
    assert.match(msg, new RegExp(`\\b(${func}|${camel(func)})\\b`), `message does not name the function: ${msg}`);
    assert.match(msg, new RegExp(`\\b(${param}|${camel(param)})\\b`), `message does not name the parameter: ${msg}`);
    assert.match(msg, new RegExp(`\\b${type}\\b`), `message does not name the type ${type}: ${msg}`);
    return true;
  });
}

before(async () => {
  component = await load('values');
  exports = await component.instantiate({ 'test:values/host': makeHost() });
  iface = exports.iface;
});

describe('exports object', () => {
  test('world-level export is a named export', () => {
    assert.equal(typeof exports.version, 'function');
    assert.equal(exports.version(), 'values-1');
  });

  test('exported interface is `iface` and under its full name', () => {
    assert.equal(typeof iface, 'object');
    assert.equal(exports['test:values/iface'], iface);
    assert.equal(typeof iface.echoU32, 'function');
    assert.equal(typeof iface.roundtripListListString, 'function');
  });

  test('the generated module exports ComponentError', () => {
    assert.equal(typeof component.module.ComponentError, 'function');
    assert.ok(new component.module.ComponentError('x') instanceof Error);
  });
});

describe('echo: JS -> export -> JS', () => {
  for (const [name, cases] of ECHO_CASES) {
    test(`echo-${name}`, () => {
      const fn = iface[camel(`echo-${name}`)];
      for (const c of cases) {
        const [input, expected] = [c[0], expectedOf(c)];
        assert.deepStrictEqual(norm(fn(input)), norm(expected), `echo-${name}(${String(input).slice(0, 40)})`);
      }
    });
  }
});

describe('roundtrip: JS -> export -> JS import -> export -> JS', () => {
  for (const [name, cases] of ECHO_CASES) {
    test(`roundtrip-${name}`, () => {
      const fn = iface[camel(`roundtrip-${name}`)];
      for (const c of cases) {
        const [input, expected] = [c[0], expectedOf(c)];
        hostCalls = [];
        const got = fn(input);
        assert.equal(hostCalls.length, 1);
        const [hostName, hostArgs] = hostCalls[0];
        assert.equal(hostName, camel(`echo-${name}`));
        assert.equal(hostArgs.length, 1);
        assert.deepStrictEqual(norm(hostArgs[0]), norm(expected), `the host got echo-${name}'s argument`);
        assert.deepStrictEqual(norm(got), norm(expected), `roundtrip-${name}`);
      }
    });
  }

  test('the host may return alternative forms that lower the same', () => {
    // [export, the import it calls, argument, what the import returns, expected result]
    const cases = [
      ['roundtripListU8', 'echoListU8', new Uint8Array([9]), [1, 2], new Uint8Array([1, 2])],
      ['roundtripListF64', 'echoListF64', new Float64Array([]), [0.5], new Float64Array([0.5])],
      ['roundtripU64', 'echoU64', 1n, 9, 9n],
      ['roundtripOptionString', 'echoOptionString', 'x', null, undefined],
      ['roundtripPerson', 'echoPerson',
        { firstName: 'A', ageYears: 1, nickName: 'a', isAdmin: true, favoriteColor: 'red' },
        { firstName: 'Z', ageYears: 2, isAdmin: false, favoriteColor: 'red' },
        { firstName: 'Z', ageYears: 2, nickName: undefined, isAdmin: false, favoriteColor: 'red' }],
      ['roundtripSmallFlags', 'echoSmallFlags', {}, { execNow: true }, { read: false, write: false, execNow: true }],
      ['roundtripMixed', 'echoMixed', { tag: 'small', val: 1 }, { tag: 'empty' }, { tag: 'empty' }],
    ];
    try {
      for (const [fn, hostName, arg, hostReturns, expected] of cases) {
        hostOverride[hostName] = () => hostReturns;
        assert.deepStrictEqual(norm(iface[fn](arg)), norm(expected), fn);
      }
    } finally {
      for (const k of Object.keys(hostOverride)) delete hostOverride[k];
    }
  });
});

describe('result as a whole return', () => {
  test('export: returns the ok value or throws ComponentError with the err payload', () => {
    assert.equal(iface.echoResult({ tag: 'ok', val: 'hi' }), 'hi');
    assertComponentError(() => iface.echoResult({ tag: 'err', val: 7 }), 7);
    assert.equal(iface.echoResultNoOk({ tag: 'ok' }), undefined);
    assertComponentError(() => iface.echoResultNoOk({ tag: 'err', val: 'bad' }), 'bad');
    assert.equal(iface.echoResultNoErr({ tag: 'ok', val: 4294967295 }), 4294967295);
    assertComponentError(() => iface.echoResultNoErr({ tag: 'err' }), undefined);
    assert.equal(iface.echoResultEmpty({ tag: 'ok' }), undefined);
    assertComponentError(() => iface.echoResultEmpty({ tag: 'err' }), undefined);
  });

  test('export: computed results', () => {
    assert.equal(iface.checkedDivide(7, 2), 3);
    assertComponentError(() => iface.checkedDivide(7, 0), 'cannot divide 7 by zero');
    assert.equal(iface.parseColor('green-blue'), 'green-blue');
    assertComponentError(() => iface.parseColor('Blue!'), { input: 'Blue!', position: 0 });
    assertComponentError(() => iface.parseColor('gr4y'), { input: 'gr4y', position: 2 });
    assert.equal(iface.validate(true), undefined);
    assertComponentError(() => iface.validate(false), 'not valid');
  });

  test('the ComponentError message of a string payload is the payload (jco)', () => {
    assert.throws(() => iface.validate(false), (err) => err.message === 'not valid');
  });

  test('import: the host returns the ok value or throws', () => {
    hostCalls = [];
    assert.equal(iface.roundtripResult({ tag: 'ok', val: 'hé' }), 'hé');
    assert.deepStrictEqual(norm(hostCalls[0][1][0]), { tag: 'ok', val: 'hé' });
    assertComponentError(() => iface.roundtripResult({ tag: 'err', val: 5 }), 5);
    assert.equal(iface.roundtripResultNoOk({ tag: 'ok' }), undefined);
    assertComponentError(() => iface.roundtripResultNoOk({ tag: 'err', val: 'e' }), 'e');
    assert.equal(iface.roundtripResultNoErr({ tag: 'ok', val: 0 }), 0);
    assertComponentError(() => iface.roundtripResultNoErr({ tag: 'err' }), undefined);
    assert.equal(iface.roundtripResultEmpty({ tag: 'ok' }), undefined);
    assertComponentError(() => iface.roundtripResultEmpty({ tag: 'err' }), undefined);
  });

  test('import: a thrown value without `payload` is the error itself', () => {
    assert.equal(iface.roundtripCheckedDivide(9, 3), 3);
    assertComponentError(() => iface.roundtripCheckedDivide(1, 0), 'host: division by zero');
    assert.deepStrictEqual(hostCalls.at(-1), ['checkedDivide', [1, 0]]);
  });

  test('import: a thrown ComponentError gives its payload', () => {
    hostOverride.echoResult = () => {
      throw new component.module.ComponentError(99);
    };
    try {
      assert.equal(typeof component.module.ComponentError, 'function');
      assertComponentError(() => iface.roundtripResult({ tag: 'ok', val: 'x' }), 99);
    } finally {
      delete hostOverride.echoResult;
    }
  });
});

describe('more than 16 flat params', () => {
  const args = [255, -128, 65535, -32768, 4294967295, -2147483648, U64_MAX, S64_MIN, 1.5, -2.25, true, '🦀', 'hé',
    'green-blue', 1, 2, 3, new Uint8Array([1, 2, 3])];

  test('export', () => {
    assert.equal(iface.manyParams(...args),
      '255,-128,65535,-32768,4294967295,-2147483648,18446744073709551615,-9223372036854775808,1.5,-2.25,true,🦀,hé,green-blue,1,2,3,[1, 2, 3]');
  });

  test('import', () => {
    hostCalls = [];
    assert.equal(iface.roundtripManyParams(...args), 'host saw 18');
    assert.equal(hostCalls.length, 1);
    assert.deepStrictEqual(hostCalls[0], ['manyParams', args]);
  });
});

describe('several results through memory', () => {
  test('record', () => {
    assert.deepStrictEqual(iface.computeStats(new Float64Array([1, 2, 3, 4])), { count: 4n, mean: 2.5, label: '4 values', allPositive: true });
    assert.deepStrictEqual(iface.computeStats([-1]), { count: 1n, mean: -1, label: '1 values', allPositive: false });
    assert.deepStrictEqual(iface.computeStats(new Float64Array([])), { count: 0n, mean: 0, label: '0 values', allPositive: true });
  });

  test('tuple', () => {
    assert.deepStrictEqual(iface.splitAt('héllo🦀!', 5), ['héllo', '🦀!', 7]);
    assert.deepStrictEqual(iface.splitAt('', 3), ['', '', 0]);
  });
});

describe('float bits', () => {
  test('flat f32/f64 values keep their bits (not NaN)', () => {
    assert.equal(iface.f32Bits(1.5), 0x3fc00000);
    assert.equal(iface.f32Bits(-0), 0x80000000);
    assert.equal(iface.f32FromBits(0x7f800000), Infinity);
    assert.ok(Object.is(iface.f32FromBits(0x80000000), -0));
    assert.equal(iface.f64Bits(1), 0x3ff0000000000000n);
    assert.equal(iface.f64Bits(-0), 0x8000000000000000n);
    assert.ok(Object.is(iface.f64FromBits(0x8000000000000000n), -0));
    assert.equal(iface.f64FromBits(0x0000000000000001n), Number.MIN_VALUE);
  });

  test('flat NaN stays a NaN (its payload may change)', () => {
    const isNaN32 = (b) => (b & 0x7f800000) === 0x7f800000 && (b & 0x7fffff) !== 0;
    const isNaN64 = (b) => (b & 0x7ff0000000000000n) === 0x7ff0000000000000n && (b & 0xfffffffffffffn) !== 0n;
    assert.ok(isNaN32(iface.f32Bits(NaN)));
    assert.ok(isNaN64(iface.f64Bits(NaN)));
    assert.ok(Number.isNaN(iface.f32FromBits(0x7fc00001)));
    assert.ok(Number.isNaN(iface.f64FromBits(0x7ff8000000000001n)));
  });

  test('f64 NaN payloads survive through memory', () => {
    const bits = [0x7ff8deadbeef0001n, 0xfff8000000000123n, 0x7ff8000000000000n];
    const nans = new Float64Array(new BigUint64Array(bits).buffer);
    assert.deepStrictEqual([...iface.listF64Bits(nans)], bits);
    assert.deepStrictEqual([...bitsOfF64s(iface.listF64FromBits(new BigUint64Array(bits)))], bits);
    assert.deepStrictEqual([...bitsOfF64s(iface.echoListF64(nans))], bits);
    assert.deepStrictEqual([...bitsOfF64s(iface.roundtripListF64(nans))], bits);
    assert.deepStrictEqual([...bitsOfF64s(iface.echoListF64(f64FromBits(bits[0])))], [bits[0]]);
  });
});

describe('lifted values are copies', () => {
  test('a returned typed array does not change with later calls', () => {
    const first = iface.echoListU32(new Uint32Array([1, 2, 3]));
    iface.echoListU32(new Uint32Array([7, 8, 9]));
    iface.echoString('z'.repeat(1000));
    assert.deepStrictEqual(first, new Uint32Array([1, 2, 3]));
    const bytes = iface.echoListU8(new Uint8Array([5]));
    iface.echoListU8(new Uint8Array([6]));
    assert.deepStrictEqual(bytes, new Uint8Array([5]));
  });

  test('the argument is not modified', () => {
    const arg = new Uint8Array([1, 2, 3]);
    const out = iface.echoListU8(arg);
    out[0] = 42;
    assert.deepStrictEqual(arg, new Uint8Array([1, 2, 3]));
  });
});

describe('wrong JS values', () => {
  // Each wrong call gets a fresh instance, so that these tests do not depend on each
  // other; whether an instance survives an argument error is tested on its own below.
  const fresh = async () => (await component.instantiate({ 'test:values/host': makeHost() })).iface;
  const ok = [3, 'lbl', 'x', 5n, 7, 0.5, 'red'];
  /** takeArgs with argument `i` replaced by `v`. */
  const call = (i, v) => async () => {
    const w = await fresh();
    return () => w.takeArgs(...ok.map((o, j) => (j === i ? v : o)));
  };
  const RANGE = [TypeError, RangeError];
  const at = (func, param, type, classes) => ({ func, param, type, classes });
  const argError = async (make, expected) => assertArgError(await make(), expected);

  test('the valid call works', () => {
    assert.equal(iface.takeArgs(...ok), '3 lbl x 5 7 0.5 0');
    assert.equal(iface.takeArgs(4294967295, '', '🦀', -(2n ** 63n), 255, -0.25, 'ultra-violet'),
      '4294967295  🦀 -9223372036854775808 255 -0.25 2');
  });

  test('u32: not an integer, out of range, not a number', async () => {
    await argError(call(0, 1.5), at('take-args', 'count', 'u32', RANGE));
    await argError(call(0, -1), at('take-args', 'count', 'u32', RANGE));
    await argError(call(0, 2 ** 32), at('take-args', 'count', 'u32', RANGE));
    await argError(call(0, NaN), at('take-args', 'count', 'u32', RANGE));
    await argError(call(0, '3'), at('take-args', 'count', 'u32'));
    await argError(call(0, undefined), at('take-args', 'count', 'u32'));
  });

  test('string: not a string', async () => {
    await argError(call(1, 42), at('take-args', 'label', 'string'));
    await argError(call(1, undefined), at('take-args', 'label', 'string'));
  });

  test('char: not exactly one code point', async () => {
    await argError(call(2, 'ab'), at('take-args', 'initial', 'char'));
    await argError(call(2, '🦀🦀'), at('take-args', 'initial', 'char'));
    await argError(call(2, ''), at('take-args', 'initial', 'char'));
    await argError(call(2, 65), at('take-args', 'initial', 'char'));
    // A lone surrogate is one code point but not a Unicode scalar value.
    await argError(call(2, '\ud800'), at('take-args', 'initial', 'char', RANGE));
  });

  test('s64: out of range, not an integer', async () => {
    await argError(call(3, 2n ** 63n), at('take-args', 'amount', 's64', RANGE));
    await argError(call(3, -(2n ** 63n) - 1n), at('take-args', 'amount', 's64', RANGE));
    await argError(call(3, 1.5), at('take-args', 'amount', 's64', RANGE));
    await argError(call(3, 'x'), at('take-args', 'amount', 's64'));
  });

  test('u8: out of range', async () => {
    await argError(call(4, 256), at('take-args', 'level', 'u8', RANGE));
    await argError(call(4, -1), at('take-args', 'level', 'u8', RANGE));
  });

  test('enum: not a case name', async () => {
    // The type may be named (`color`) or spelled out (`enum { red, ... }`).
    await argError(call(6, 'blue'), at('take-args', 'shade', '(color|enum)'));
    await argError(call(6, 'Red'), at('take-args', 'shade', '(color|enum)'));
  });

  test('other types reject wrong values', async () => {
    const rangeOrType = (e) => e instanceof TypeError || e instanceof RangeError;
    const cases = [
      [(w) => w.echoS8(128), rangeOrType],
      [(w) => w.echoS8(-129), rangeOrType],
      [(w) => w.echoU16(65536), rangeOrType],
      [(w) => w.echoS16(-32769), rangeOrType],
      [(w) => w.echoS32(2147483648), rangeOrType],
      [(w) => w.echoU64(-1n), rangeOrType],
      [(w) => w.echoU64(2n ** 64n), rangeOrType],
      [(w) => w.echoListU8([256]), rangeOrType],
      [(w) => w.echoListS32([1.5]), rangeOrType],
      [(w) => w.echoPoint({ x: 1.5, y: 0 }), rangeOrType],
      [(w) => w.echoString(5), TypeError],
      [(w) => w.echoChar('ab'), TypeError],
      [(w) => w.echoColor('purple'), TypeError],
      [(w) => w.echoMixed({ tag: 'nope', val: 1 }), TypeError],
      [(w) => w.echoResults({ full: { tag: 'maybe' }, noOk: { tag: 'ok' }, noErr: { tag: 'ok', val: 1 }, empty: { tag: 'ok' } }), TypeError],
      [(w) => w.echoOptionOption({ tag: 'sometimes' }), TypeError],
      [(w) => w.echoSmallFlags(5), TypeError],
    ];
    for (const [f, expected] of cases) {
      const w = await fresh();
      assert.throws(() => f(w), expected, String(f));
    }
  });

  test('an argument error is not a trap: the instance still works', async () => {
    const w = await fresh();
    assert.throws(() => w.echoString(5));
    assert.equal(w.echoString('still alive'), 'still alive');
    assert.throws(() => w.takeArgs(3, 42, 'x', 5n, 7, 0.5, 'red'));
    assert.throws(() => w.echoListU8([1, 256]));
    assert.throws(() => w.echoListString(['a', 1]));
    assert.throws(() => w.echoColor('purple'));
    assert.equal(w.takeArgs(3, 'lbl', 'x', 5n, 7, 0.5, 'red'), '3 lbl x 5 7 0.5 0');
    assert.deepStrictEqual(w.echoListString(['a', 'b']), ['a', 'b']);
  });
});

describe('traps', () => {
  test('a trap throws, and the instance cannot be entered again', async () => {
    const { iface: doomed } = await component.instantiate({ 'test:values/host': makeHost() });
    assert.equal(doomed.echoU32(1), 1);
    // A WebAssembly.RuntimeError, or an Error subclass naming the trap.
    assert.throws(() => doomed.trap('boom'), Error);
    assert.throws(() => doomed.echoU32(1), Error);
    assert.throws(() => doomed.echoString('x'), Error);
    // Other instances are unaffected.
    assert.equal(iface.echoU32(2), 2);
  });
});

describe('the host giving wrong values', () => {
  test('an import returning an out-of-range value makes the call throw', async () => {
    const host = makeHost();
    host.echoU8 = () => 300;
    const { iface: fresh } = await component.instantiate({ 'test:values/host': host });
    assert.throws(() => fresh.roundtripU8(1), (e) => e instanceof TypeError || e instanceof RangeError);
  });

  test('an error thrown by an import propagates to the caller', async () => {
    const host = makeHost();
    host.echoString = () => {
      throw new Error('host failed');
    };
    const { iface: fresh } = await component.instantiate({ 'test:values/host': host });
    assert.throws(() => fresh.roundtripString('x'), /host failed/);
  });

  test('instances are independent', async () => {
    const { iface: other } = await component.instantiate({ 'test:values/host': makeHost() });
    assert.equal(other.echoU32(5), 5);
    assert.equal(iface.echoU32(6), 6);
  });
});
