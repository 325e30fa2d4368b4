function checkArray(value, where, type) {
  if (typeof value !== 'object' || value === null || !Number.isSafeInteger(value.length) || value.length < 0) throw badValue(where, type, value);
}
