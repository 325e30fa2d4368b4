// The input of the JSON-heavy workload: an order log as JSON, the same bytes on every run
// (a seeded generator, no randomness from the machine). gen-app.mjs builds the app's catalog
// and regions from the same constants, so that every order refers to things the app knows.

export const CATALOG_SIZE = 300;
export const REGION_COUNT = 40;
export const COUPONS = ['SAVE5', 'SAVE10', 'WELCOME', 'LOYAL', 'SPRING', 'BULK'];
export const WORDS = [
  'amber', 'basil', 'cedar', 'delta', 'ember', 'fjord', 'gamma', 'harbor', 'indigo', 'juniper',
  'kelp', 'lumen', 'maple', 'nectar', 'onyx', 'pepper', 'quartz', 'raven', 'sage', 'tundra',
  'umber', 'velvet', 'willow', 'xenon', 'yarrow', 'zephyr',
];

/** A seeded pseudo-random generator (mulberry32): integers in [0, n) with `int(n)`. */
export function random(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

export const sku = (i) => `P${String(i).padStart(4, '0')}`;
export const region = (i) => `R${String(i).padStart(2, '0')}`;

/** `count` orders as a JSON array (about 190 bytes per order). */
export function ordersJson(count) {
  const rng = random(2024);
  const orders = [];
  for (let i = 0; i < count; i++) {
    const lines = [];
    for (let n = 1 + rng.int(4); n > 0; n--) {
      lines.push({ sku: sku(rng.int(CATALOG_SIZE)), quantity: 1 + rng.int(12) });
    }
    const day = 1 + rng.int(28);
    orders.push({
      id: `O${String(i).padStart(6, '0')}`,
      customer: `C${String(rng.int(count / 8 + 1)).padStart(5, '0')}`,
      region: region(rng.int(REGION_COUNT)),
      placedAt: `2024-${String(1 + rng.int(12)).padStart(2, '0')}-${String(day).padStart(2, '0')}T${String(rng.int(24)).padStart(2, '0')}:00:00Z`,
      coupon: rng.int(3) === 0 ? rng.pick(COUPONS) : null,
      gift: rng.int(10) === 0,
      lines,
      notes: `${rng.pick(WORDS)} ${rng.pick(WORDS)} ${rng.pick(WORDS)}`,
    });
  }
  return JSON.stringify(orders);
}
