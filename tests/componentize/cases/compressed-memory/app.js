// State built by the top level, at componentize time: with --compress-memory it reaches each
// instance through the compressed image, so a byte decoded wrong shows in what the exports read.

// A deterministic generator: the bytes are different everywhere, and the same every run.
let seed = 12345;
function next() {
  seed = (seed * 1103515245 + 12345) >>> 0;
  return seed;
}

const words = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta'];
const table = new Map();
for (let i = 0; i < 5000; i++) {
  table.set(`key${i}`, `${words[i % words.length]}-${next() % 100000}`);
}

const bytes = new Uint8Array(200_000);
for (let i = 0; i < bytes.length; i++) {
  // Runs, zeros and noise.
  bytes[i] = i % 4096 < 1024 ? 0 : i % 4096 < 2048 ? 7 : next() >>> 24;
}

class Account {
  #balance;
  constructor(owner, balance) {
    this.owner = owner;
    this.#balance = balance;
  }
  get balance() {
    return this.#balance;
  }
}
const accounts = Array.from({ length: 300 }, (_, i) => new Account(`owner ${i}`, i * 7));
const text = 'ünïcödé ✓ '.repeat(2000);

export function lookup(key) {
  return table.get(key);
}

export function checksum() {
  let sum = 0;
  for (let i = 0; i < bytes.length; i++) {
    sum = (Math.imul(sum, 31) + bytes[i]) >>> 0;
  }
  return sum;
}

export function summary() {
  const total = accounts.reduce((s, a) => s + a.balance, 0);
  return `${table.size} keys, ${accounts.length} accounts worth ${total}, ${accounts[299].owner}, text ${text.length} chars ending ${text.slice(-3)}`;
}

// Allocates `mebibytes` MiB after instantiation: the allocator grows memory past the
// start function's scratch pages.
export function grow(mebibytes) {
  const chunks = [];
  for (let i = 0; i < mebibytes; i++) {
    const chunk = new Uint8Array(1 << 20);
    chunk[chunk.length - 1] = i + 1;
    chunks.push(chunk);
  }
  return chunks.reduce((s, c) => s + c[c.length - 1], 0) + (table.get('key4999') === undefined ? 0 : 1);
}
