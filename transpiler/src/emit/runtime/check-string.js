function checkString(value, where) {
  if (typeof value !== 'string' || !value.isWellFormed()) throw badValue(where, 'string (well-formed Unicode)', value);
}
