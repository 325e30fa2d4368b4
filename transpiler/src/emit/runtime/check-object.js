function checkObject(value, where, type) {
  if (typeof value !== 'object' || value === null) throw badValue(where, type, value);
}
