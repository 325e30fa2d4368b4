// wasi:random: random, insecure, insecure-seed, all from the platform's CSPRNG.

/** `crypto.getRandomValues` fills at most 64 KiB at a time. */
const MAX_FILL = 65536;

function randomBytes(len) {
  const bytes = new Uint8Array(Number(len));
  for (let at = 0; at < bytes.length; at += MAX_FILL) crypto.getRandomValues(bytes.subarray(at, at + MAX_FILL));
  return bytes;
}

const randomU64 = () => crypto.getRandomValues(new BigUint64Array(1))[0];

export const random = { getRandomBytes: randomBytes, getRandomU64: randomU64 };
export const insecure = { getInsecureRandomBytes: randomBytes, getInsecureRandomU64: randomU64 };
export const insecureSeed = { insecureSeed: () => [randomU64(), randomU64()] };
