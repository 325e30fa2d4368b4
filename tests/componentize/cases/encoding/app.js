const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encode(text) {
  return encoder.encode(text);
}

export function decode(bytes) {
  return decoder.decode(bytes);
}

export function checks() {
  console.log(encoder.encoding, decoder.encoding, decoder.fatal, decoder.ignoreBOM);
  console.log(encoder.encode('h\u00e9\u20ac\ud83d\ude00'));
  console.log(encoder.encode('lone \ud800 surrogate'));
  const destination = new Uint8Array(5);
  console.log(encoder.encodeInto('a\u20ac\u20ac', destination), destination);
  // BOM stripped; a bad byte becomes U+FFFD.
  console.log(JSON.stringify(decoder.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0xff, 0x69]))));
  console.log(new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array([0xef, 0xbb, 0xbf])).length);
  // One U+FFFD per maximal subpart.
  console.log(JSON.stringify(decoder.decode(new Uint8Array([0xf0, 0x9f, 0x98, 0x41, 0xe0, 0x80, 0x80]))));
  // Streaming: a sequence split over calls.
  const streaming = new TextDecoder();
  let text = streaming.decode(new Uint8Array([0x61, 0xe2, 0x82]), { stream: true });
  text += streaming.decode(new Uint8Array([0xac]), { stream: true });
  text += streaming.decode(new Uint8Array([0xe2]), { stream: true });
  text += streaming.decode();
  console.log(JSON.stringify(text));
  // Any buffer source.
  const bytes = new Uint8Array([0x41, 0x42, 0x43, 0x44]);
  console.log(decoder.decode(bytes.buffer), decoder.decode(new DataView(bytes.buffer, 1, 2)),
    decoder.decode(new Uint16Array(bytes.buffer, 2, 1)), JSON.stringify(decoder.decode()));
  console.log(new TextDecoder(' UTF8 ').encoding, new TextDecoder('unicode-1-1-utf-8').encoding);
  for (const attempt of [
    () => new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array([0xc3])),
    () => new TextDecoder('latin1'),
    () => decoder.decode('not bytes'),
    () => encoder.encodeInto('x', []),
  ]) {
    try {
      attempt();
    } catch (error) {
      console.log(`${error.name}: ${error.message}`);
    }
  }
}
