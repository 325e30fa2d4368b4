// Returns the length of `value`, an array-like: read once, so that a getter cannot give the
// check one length and the lowering another.
function checkArray(value, where, type) {
  const len = typeof value === 'object' && value !== null ? value.length : undefined;
  if (!Number.isSafeInteger(len) || len < 0) throw badValue(where, type, value);
  return len;
}
