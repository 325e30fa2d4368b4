const utf8Encoder = new TextEncoder();
// Lowers `s` as UTF-8 and leaves its byte length in `loweredLength`. The block is first sized
// at a byte per UTF-16 unit, exact for ASCII, which then takes one pass and one realloc; from
// the first other character on, the rest is encoded apart and the block resized once, to the
// exact length. Short strings are copied by hand: calling TextEncoder costs more.
function lowerStringUtf8(s, memory, realloc) {
  const units = s.length;
  let ptr = alloc(realloc, memory, 1, units);
  let read = 0;
  let written = 0;
  if (units <= 32) {
    const bytes = new Uint8Array(memory.buffer, ptr, units);
    for (let c; read < units && (c = s.charCodeAt(read)) < 0x80; read++) bytes[read] = c;
    written = read;
  } else {
    ({ read, written } = utf8Encoder.encodeInto(s, new Uint8Array(memory.buffer, ptr, units)));
  }
  if (read < units) {
    const rest = utf8Encoder.encode(s.slice(read));
    ptr = alloc(realloc, memory, 1, written + rest.length, ptr, units);
    new Uint8Array(memory.buffer, ptr + written, rest.length).set(rest);
    written += rest.length;
  }
  loweredLength = written;
  return ptr;
}
