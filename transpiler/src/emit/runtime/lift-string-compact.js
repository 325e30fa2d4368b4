// latin1+utf16: the top bit of the length says UTF-16; otherwise one byte per code point.
function liftStringCompact(memory, ptr, tagged) {
  tagged >>>= 0;
  if (tagged & 0x80000000) return liftStringUtf16(memory, ptr, tagged & 0x7fffffff);
  ptr >>>= 0;
  if (ptr & 1) trap('unaligned pointer');
  if (ptr + tagged > memory.buffer.byteLength) trap('string content out-of-bounds');
  const bytes = new Uint8Array(memory.buffer, ptr, tagged);
  let s = '';
  for (let i = 0; i < bytes.length; i += 4096) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 4096));
  return s;
}
