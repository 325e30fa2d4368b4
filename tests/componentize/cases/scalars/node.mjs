// expect.txt's calls on Node: each scalar type round trips, and a value the component returns
// that does not fit its type traps with the engine's message.
import assert from 'node:assert/strict';
import { load, trapsAsExpected } from '../../node-harness.mjs';

const app = await load();
assert.equal(app.idBool(true), true);
assert.equal(app.idBool(false), false);
assert.equal(app.idS8(-128), -128);
assert.equal(app.idU8(255), 255);
assert.equal(app.idS16(-32768), -32768);
assert.equal(app.idU16(65535), 65535);
assert.equal(app.idS32(-2147483648), -2147483648);
assert.equal(app.idU32(4294967295), 4294967295);
assert.equal(app.idS64(-9223372036854775808n), -9223372036854775808n);
assert.equal(app.idU64(18446744073709551615n), 18446744073709551615n);
assert.equal(app.idF32(1.5), 1.5);
assert.equal(app.idF32(-0), -0);
assert.equal(app.idF64(3.141592653589793), 3.141592653589793);
assert.equal(app.idF64(NaN), NaN);
assert.equal(app.idF64(-Infinity), -Infinity);
assert.equal(app.idChar('x'), 'x');
assert.equal(app.idChar('😀'), '😀');
assert.equal(app.idString('héllo wörld 😀'), 'héllo wörld 😀');
assert.equal(app.idString(''), '');
assert.equal(
  app.describe(true, -5, 18446744073709551615n, -1n, '😀'),
  'boolean true number -5 bigint 18446744073709551615 bigint -1 string 😀 2',
);
assert.equal(app.u8Of(7), 7);
assert.equal(app.s64OfNumber(-9007199254740991), -9007199254740991n);

await trapsAsExpected('u8-of(256)', (i) => i.u8Of(256));
await trapsAsExpected('u8-of(1.5)', (i) => i.u8Of(1.5));
await trapsAsExpected('s64-of-number(9007199254740992)', (i) => i.s64OfNumber(9007199254740992));
await trapsAsExpected('u64-of-string("18446744073709551616")', (i) => i.u64OfString('18446744073709551616'));
await trapsAsExpected('u64-of-string("-1")', (i) => i.u64OfString('-1'));
await trapsAsExpected('string-of-number()', (i) => i.stringOfNumber());
