// ignoreBOM: a leading U+FEFF is part of the string, which TextDecoder would otherwise drop.
const utf16Decoder = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true });
function liftStringUtf16(memory, ptr, units) {
  ptr >>>= 0;
  units >>>= 0;
  if (ptr & 1) trap('unaligned pointer');
  if (ptr + 2 * units > memory.buffer.byteLength) trap('string content out-of-bounds');
  try {
    return utf16Decoder.decode(new Uint8Array(memory.buffer, ptr, 2 * units));
  } catch {
    trap('invalid utf-16');
  }
}
