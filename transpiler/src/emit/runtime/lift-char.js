function liftChar(code) {
  code >>>= 0;
  if (code >= 0x110000 || (code >= 0xd800 && code < 0xe000)) trap('invalid `char` bit pattern');
  return String.fromCodePoint(code);
}
