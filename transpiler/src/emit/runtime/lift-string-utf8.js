// ignoreBOM: a leading U+FEFF is part of the string, which TextDecoder would otherwise drop.
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
function liftStringUtf8(memory, ptr, len) {
  ptr >>>= 0;
  len >>>= 0;
  if (ptr + len > memory.buffer.byteLength) trap('string content out-of-bounds');
  const bytes = new Uint8Array(memory.buffer, ptr, len);
  // Short ASCII strings decode faster by hand than through TextDecoder.
  if (len < 32) {
    let s = '';
    for (let i = 0; i < len; i++) {
      const b = bytes[i];
      if (b > 0x7f) return decodeUtf8(bytes);
      s += String.fromCharCode(b);
    }
    return s;
  }
  return decodeUtf8(bytes);
}
function decodeUtf8(bytes) {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    trap('invalid utf-8');
  }
}
