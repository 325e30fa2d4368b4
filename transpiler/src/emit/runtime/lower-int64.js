function lowerU64(value, where) {
  if (typeof value === 'bigint' ? BigInt.asUintN(64, value) === value : Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  throw badValue(where, 'u64', value);
}
function lowerS64(value, where) {
  if (typeof value === 'bigint' ? BigInt.asIntN(64, value) === value : Number.isSafeInteger(value)) return BigInt(value);
  throw badValue(where, 's64', value);
}
