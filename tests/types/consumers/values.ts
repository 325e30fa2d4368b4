// `ferry transpile values.wasm`: the default module. Each `@ts-expect-error` line must fail.
import { iface, version, ComponentError } from './out/values/values.js';
import * as values from './out/values/values.js';
import type { TestValuesTypes } from './out/values/values.js';

const v: string = version();

// Numbers; 64-bit integers lift to bigint and lower from a bigint or a number.
const u8: number = iface.echoU8(200);
const u64: bigint = iface.echoU64(1n);
const s64: bigint = iface.echoS64(-5);
// @ts-expect-error: a u64 lifts to a bigint
const notNumber: number = iface.echoU64(1n);
const char: string = iface.echoChar('x');

// Numeric lists lift to typed arrays and lower from any array-like; other lists are arrays.
const bytes: Uint8Array = iface.echoListU8([1, 2, 3]);
const longs: BigInt64Array = iface.echoListS64([1n, 2]);
const floats: Float64Array = iface.echoListF64(new Float64Array(2));
const words: string[] = iface.echoListString(['a', 'b']);
const nested: Uint32Array[] = iface.echoListList([[1], new Uint32Array(2)]);
const tuple: [number, string, number] = iface.echoTuple([1, 'a', 2.5]);

// Records (camelCase fields, an option field may be absent), variants, enums, flags.
const person: iface.Person = iface.echoPerson({ firstName: 'Ada', ageYears: 36, isAdmin: true, favoriteColor: 'green-blue' });
const nick: string | undefined = person.nickName;
const mixed: iface.Mixed = iface.echoMixed({ tag: 'pair', val: [1, 2.5] });
if (mixed.tag === 'big') {
  const big: bigint = mixed.val;
}
iface.echoMixed({ tag: 'empty' });
// @ts-expect-error: `small` carries a number
iface.echoMixed({ tag: 'small', val: 'x' });
const color: 'red' | 'green-blue' | 'ultra-violet' = iface.echoColor('ultra-violet');
// @ts-expect-error: not a case of `color`
iface.echoColor('blue');
const flags: iface.SmallFlags = iface.echoSmallFlags({ read: true, execNow: true });
const point: TestValuesTypes.Point = iface.echoPoint({ x: 1, y: -1 });

// Options lower from undefined or null; an option of an option is tagged.
const maybe: number | undefined = iface.echoOptionU32(null);
const maybeMaybe = iface.echoOptionOption({ tag: 'some', val: undefined });
if (maybeMaybe.tag === 'some') {
  const inner: number | undefined = maybeMaybe.val;
}
const results: iface.Results = iface.echoResults({
  full: { tag: 'ok', val: 'x' },
  noOk: { tag: 'ok' },
  noErr: { tag: 'err' },
  empty: { tag: 'ok' },
});

// A whole `result` returns its `ok` value and throws `ComponentError` with the `err` payload.
try {
  const quotient: number = iface.checkedDivide(1, 0);
  const parsed: iface.Color = iface.parseColor('red');
} catch (e) {
  if (e instanceof ComponentError) {
    const payload: unknown = e.payload;
    const error: Error = e;
  }
}
const nothing: void = iface.validate(true);

// The interface is also exported under its full name.
values['test:values/iface'].echoBool(true);
