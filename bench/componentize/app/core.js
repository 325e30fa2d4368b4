// The hand-written end of the benchmark app: gen-app.mjs writes the app as its generated
// catalog, regions, shipping zones and pricing rules (CATALOG, REGIONS, ZONES, RULES), then
// this file, which prices an order log with them.

/** The n-th Fibonacci number, recursively (the plain computing workload). */
export function fib(n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

const PRODUCTS = new Map(CATALOG.map((product) => [product.sku, product]));

/** The rules that price a line: three of RULES, chosen by the product and the order. */
function rulesFor(product, order) {
  const start = (product.index * 7 + order.lines.length * 13 + order.region.charCodeAt(2)) % RULES.length;
  return [RULES[start], RULES[(start + 101) % RULES.length], RULES[(start + 211) % RULES.length]];
}

function invoice(order) {
  const region = REGIONS[order.region];
  if (!region) return { id: order.id, rejected: `unknown region ${order.region}` };
  let goods = 0;
  let weight = 0;
  const lines = [];
  for (const line of order.lines) {
    const product = PRODUCTS.get(line.sku);
    if (!product) return { id: order.id, rejected: `unknown product ${line.sku}` };
    let cents = product.cents * line.quantity;
    for (const rule of rulesFor(product, order)) cents = Math.max(0, rule(cents, line, order, product));
    goods += cents;
    weight += product.grams * line.quantity;
    lines.push({ sku: product.sku, name: product.name, quantity: line.quantity, cents, tags: product.tags });
  }
  const shipping = order.gift ? 0 : ZONES[region.zone].cost(weight);
  const tax = Math.round(((goods + shipping) * region.taxBasisPoints) / 10000);
  return {
    id: order.id,
    customer: order.customer,
    month: order.placedAt.slice(0, 7),
    lines,
    goods,
    shipping,
    tax,
    total: goods + shipping + tax,
  };
}

/**
 * The JSON-heavy workload: parses the order log (a JSON array), prices every order and
 * returns, as JSON, each invoice and the totals per customer and per month.
 */
export function report(ordersJson) {
  const invoices = JSON.parse(ordersJson).map(invoice);
  const customers = new Map();
  const months = new Map();
  let rejected = 0;
  for (const inv of invoices) {
    if (inv.rejected) {
      rejected++;
      continue;
    }
    const customer = customers.get(inv.customer) ?? { customer: inv.customer, orders: 0, total: 0 };
    customer.orders++;
    customer.total += inv.total;
    customers.set(inv.customer, customer);
    months.set(inv.month, (months.get(inv.month) ?? 0) + inv.total);
  }
  const byTotal = [...customers.values()].sort((a, b) => b.total - a.total || (a.customer < b.customer ? -1 : 1));
  return JSON.stringify({
    orders: invoices.length,
    rejected,
    months: Object.fromEntries([...months].sort(([a], [b]) => (a < b ? -1 : 1))),
    topCustomers: byTotal.slice(0, 20),
    invoices,
  });
}
