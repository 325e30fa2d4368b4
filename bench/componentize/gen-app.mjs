// Writes the benchmark app (about 200 KB of JS) that bench/sections/6-componentize.mjs
// componentizes: a generated product catalog, tax regions, shipping zones (classes) and
// pricing rules (functions of several shapes, each with its own constants), then the
// hand-written app/core.js that uses them. Deterministic: the same bytes on every run.
// Given a size, it writes more pricing rules until the app is at least that big: a large
// bundle of many functions, as bundlers make (tests/componentize/hostile.test.mjs, and
// bench/componentize/big-bundle.mjs).
//
// `appSource(minBytes?)` is the text; `node bench/componentize/gen-app.mjs OUT.js [BYTES]`
// writes it.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CATALOG_SIZE, COUPONS, REGION_COUNT, WORDS, random, region, sku } from './orders.mjs';

/** The fewest pricing rules: what makes the default app about 200 KB. */
const RULE_COUNT = 600;
const ZONE_COUNT = 12;
const CATEGORIES = ['garden', 'kitchen', 'office', 'outdoor', 'sport', 'toys', 'tools', 'travel'];

const word = (rng) => rng.pick(WORDS);

function catalog(rng) {
  const products = [];
  for (let i = 0; i < CATALOG_SIZE; i++) {
    const tags = [...new Set([word(rng), word(rng), rng.pick(CATEGORIES)])];
    products.push(
      `  { index: ${i}, sku: '${sku(i)}', name: '${word(rng)} ${word(rng)}', category: '${rng.pick(CATEGORIES)}', ` +
        `cents: ${99 + rng.int(20000)}, grams: ${50 + rng.int(5000)}, tags: ${JSON.stringify(tags).replaceAll('"', "'")} },`,
    );
  }
  return ['/** The products on sale. */', 'const CATALOG = [', ...products, '];'].join('\n');
}

function regions(rng) {
  const entries = [];
  for (let i = 0; i < REGION_COUNT; i++) {
    entries.push(`  ${region(i)}: { taxBasisPoints: ${rng.int(2500)}, zone: ${rng.int(ZONE_COUNT)} },`);
  }
  return ['/** Tax rate and shipping zone per region. */', 'const REGIONS = {', ...entries, '};'].join('\n');
}

function zones(rng) {
  const classes = [];
  for (let i = 0; i < ZONE_COUNT; i++) {
    const base = 200 + rng.int(1500);
    const perKilo = 20 + rng.int(400);
    const freeFrom = 5 + rng.int(40);
    classes.push(`/** Shipping zone ${i}: a base price, a price per started kilogram, free from ${freeFrom} kg. */
class Zone${i} {
  constructor() {
    this.base = ${base};
    this.perKilo = ${perKilo};
  }

  cost(grams) {
    const kilos = Math.ceil(grams / 1000);
    if (kilos >= ${freeFrom}) return 0;
    return this.base + kilos * this.perKilo;
  }
}`);
  }
  const instances = Array.from({ length: ZONE_COUNT }, (_, i) => `new Zone${i}()`).join(', ');
  return [...classes, `const ZONES = [${instances}];`].join('\n\n');
}

// Each shape returns the source of one rule `name(cents, line, order, product) -> cents`.
const SHAPES = [
  (name, rng) => {
    const quantity = 2 + rng.int(10);
    const permille = 10 + rng.int(200);
    return `/** Bulk discount: ${permille}/1000 off from ${quantity} items. */
function ${name}(cents, line) {
  if (line.quantity >= ${quantity}) {
    return cents - Math.floor((cents * ${permille}) / 1000);
  }
  return cents;
}`;
  },
  (name, rng) => {
    const coupon = rng.pick(COUPONS);
    const off = 50 + rng.int(2000);
    return `/** Coupon ${coupon}: ${off} cents off, never below zero. */
function ${name}(cents, line, order) {
  if (order.coupon === '${coupon}') {
    return Math.max(0, cents - ${off});
  }
  return cents;
}`;
  },
  (name, rng) => {
    const surcharges = new Map();
    for (let n = 3 + rng.int(4); n > 0; n--) surcharges.set(region(rng.int(REGION_COUNT)), 1 + rng.int(500));
    const cases = [...surcharges].map(([code, extra]) => `    case '${code}':\n      return cents + ${extra};`);
    return `/** Regional surcharges. */
function ${name}(cents, line, order) {
  switch (order.region) {
${cases.join('\n')}
    default:
      return cents;
  }
}`;
  },
  (name, rng) => {
    const tag = word(rng);
    const bonus = 1 + rng.int(60);
    return `/** Products tagged '${tag}' cost ${bonus}/1000 more per tag letter over four. */
function ${name}(cents, line, order, product) {
  let adjusted = cents;
  for (const tag of product.tags) {
    if (tag === '${tag}' && tag.length > 4) {
      adjusted += Math.floor((cents * ${bonus} * (tag.length - 4)) / 1000);
    }
  }
  return adjusted;
}`;
  },
  (name, rng) => {
    const month = 1 + rng.int(12);
    const permille = 20 + rng.int(300);
    return `/** Seasonal sale: ${permille}/1000 off in month ${month}. */
function ${name}(cents, line, order) {
  const month = Number(order.placedAt.slice(5, 7));
  if (month === ${month}) {
    return cents - Math.floor((cents * ${permille}) / 1000);
  }
  return cents;
}`;
  },
  (name, rng) => {
    const note = word(rng);
    const fee = 10 + rng.int(900);
    return `/** A handling fee when the notes ask for '${note}'. */
function ${name}(cents, line, order) {
  const words = order.notes.toLowerCase().split(' ');
  return words.includes('${note}') ? cents + ${fee} : cents;
}`;
  },
  (name, rng) => {
    const category = rng.pick(CATEGORIES);
    const step = 100 + rng.int(5000);
    return `/** ${category}: prices rounded up to a multiple of ${step} cents. */
function ${name}(cents, line, order, product) {
  if (product.category !== '${category}') return cents;
  const steps = Math.ceil(cents / ${step});
  return steps * ${step};
}`;
  },
  (name, rng) => {
    const limit = 1000 + rng.int(50000);
    const cap = 5 + rng.int(95);
    return `/** Gift orders over ${limit} cents get at most ${cap}% of the excess back. */
function ${name}(cents, line, order) {
  if (!order.gift || cents <= ${limit}) return cents;
  const excess = cents - ${limit};
  return cents - Math.min(excess, Math.floor((excess * ${cap}) / 100));
}`;
  },
];

/** At least RULE_COUNT rules, and more until their source (RULES too) is at least `minBytes` long. */
function rules(rng, minBytes) {
  const names = [];
  const sources = [];
  let bytes = 0;
  for (let i = 0; i < RULE_COUNT || bytes < minBytes; i++) {
    const name = `rule${String(i).padStart(3, '0')}`;
    names.push(name);
    sources.push(SHAPES[i % SHAPES.length](name, rng));
    bytes += sources[i].length + 2 + name.length + 2; // the rule and its entry in RULES
  }
  const table = ['/** Every pricing rule; the core picks three per line. */', 'const RULES = ['];
  for (let i = 0; i < names.length; i += 8) table.push(`  ${names.slice(i, i + 8).join(', ')},`);
  table.push('];');
  return [...sources, table.join('\n')].join('\n\n');
}

/**
 * The app's source: the generated part, then app/core.js; at least `minBytes` long, about
 * 200 KB by default.
 */
export function appSource(minBytes = 0) {
  const rng = random(7);
  const core = readFileSync(fileURLToPath(new URL('app/core.js', import.meta.url)), 'utf8');
  const header = "// Generated by bench/componentize/gen-app.mjs: the componentize benchmarks' app.";
  const parts = [header, catalog(rng), regions(rng), zones(rng)];
  const fixed = parts.reduce((sum, part) => sum + part.length + 2, core.length + 2);
  return [...parts, rules(rng, minBytes - fixed), core].join('\n\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [out, bytes = '0'] = process.argv.slice(2);
  if (!out || !/^\d+$/.test(bytes)) throw new Error('usage: node bench/componentize/gen-app.mjs OUT.js [BYTES]');
  writeFileSync(out, appSource(Number(bytes)));
}
