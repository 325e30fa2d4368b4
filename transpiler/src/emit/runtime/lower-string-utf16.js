function lowerStringUtf16(s, memory, realloc) {
  const ptr = alloc(realloc, memory, 2, 2 * s.length);
  const view = new DataView(memory.buffer);
  for (let i = 0; i < s.length; i++) view.setUint16(ptr + 2 * i, s.charCodeAt(i), true);
  loweredLength = s.length;
  return ptr;
}
