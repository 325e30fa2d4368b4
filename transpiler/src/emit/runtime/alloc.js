// Calls a component's realloc for a fresh block (or to resize block `old` of `oldSize`
// bytes) and checks what it returns.
function alloc(realloc, memory, align, size, old = 0, oldSize = 0) {
  if (size > 0xffffffff) trap('allocation size exceeds 4 GiB');
  const ptr = realloc(old, oldSize, align, size) >>> 0;
  if (ptr & (align - 1)) trap('realloc return: result not aligned');
  if (ptr + size > memory.buffer.byteLength) trap('realloc return: beyond end of memory');
  return ptr;
}
