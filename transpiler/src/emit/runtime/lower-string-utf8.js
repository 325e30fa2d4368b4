const utf8Encoder = new TextEncoder();
function lowerStringUtf8(s, memory, realloc) {
  let len = s.length;
  let ascii = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    const ptr = alloc(realloc, memory, 1, len);
    const bytes = new Uint8Array(memory.buffer, ptr, len);
    for (let i = 0; i < len; i++) bytes[i] = s.charCodeAt(i);
    loweredLength = len;
    return ptr;
  }
  const encoded = utf8Encoder.encode(s);
  len = encoded.length;
  const ptr = alloc(realloc, memory, 1, len);
  new Uint8Array(memory.buffer, ptr, len).set(encoded);
  loweredLength = len;
  return ptr;
}
