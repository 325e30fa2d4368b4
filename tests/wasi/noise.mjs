// Test input shared by the tests that feed the WASI programs binary stdin (run.test.mjs,
// tests/browser/wasi.test.mjs).

/** Deterministic pseudo-random bytes (xorshift32), every byte value, not UTF-8. */
export function noise(n, seed = 0x9e3779b9) {
  const out = Buffer.alloc(n);
  let x = seed >>> 0;
  for (let i = 0; i < n; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
