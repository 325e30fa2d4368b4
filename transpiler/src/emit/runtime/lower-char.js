function lowerChar(value, where) {
  if (typeof value === 'string') {
    const code = value.codePointAt(0);
    if (code !== undefined && value.length === (code > 0xffff ? 2 : 1) && (code < 0xd800 || code >= 0xe000)) return code;
  }
  throw badValue(where, 'char (a string of one Unicode scalar value)', value);
}
