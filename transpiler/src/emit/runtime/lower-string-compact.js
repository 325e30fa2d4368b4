function lowerStringCompact(s, memory, realloc) {
  let latin1 = true;
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0xff) {
      latin1 = false;
      break;
    }
  }
  if (!latin1) {
    const ptr = lowerStringUtf16(s, memory, realloc);
    loweredLength = s.length | 0x80000000;
    return ptr;
  }
  const ptr = alloc(realloc, memory, 2, s.length);
  const bytes = new Uint8Array(memory.buffer, ptr, s.length);
  for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
  loweredLength = s.length;
  return ptr;
}
