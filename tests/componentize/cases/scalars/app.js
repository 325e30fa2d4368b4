const id = (x) => x;
export const idBool = id, idS8 = id, idU8 = id, idS16 = id, idU16 = id, idS32 = id, idU32 = id;
export const idS64 = id, idU64 = id, idF32 = id, idF64 = id, idChar = id, idString = id;

export function describe(b, s8, u64, s64, c) {
  return [typeof b, b, typeof s8, s8, typeof u64, u64, typeof s64, s64, typeof c, c, c.length].join(' ');
}

export function u8Of(x) {
  return x;
}

export function s64OfNumber(x) {
  return x;
}

export function u64OfString(x) {
  return BigInt(x);
}

export function stringOfNumber() {
  return 42;
}
