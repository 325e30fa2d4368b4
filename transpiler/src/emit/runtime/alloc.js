// Calls a component's realloc for a fresh block (or to resize block `old` of `oldSize`
// bytes) and checks what it returns. Whatever realloc throws is a trap: the component's code
// stopped half-way (a JS exception only gets there through a host import it called).
function alloc(realloc, memory, align, size, old = 0, oldSize = 0) {
  if (size > 0xffffffff) trap('allocation size exceeds 4 GiB');
  let ptr;
  try {
    ptr = realloc(old, oldSize, align, size) >>> 0;
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) throw e;
    throw new WebAssembly.RuntimeError('realloc failed', { cause: e });
  }
  if (ptr & (align - 1)) trap('realloc return: result not aligned');
  if (ptr + size > memory.buffer.byteLength) trap('realloc return: beyond end of memory');
  return ptr;
}
