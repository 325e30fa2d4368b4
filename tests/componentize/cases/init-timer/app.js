// A timer awaited at the top level: it runs while ferry componentize pre-initialises.
const started = Date.now();
const value = await new Promise((resolve) => setTimeout(() => resolve('waited'), 20));
const took = Date.now() - started;

export function ready() {
  return `${value} ${took >= 20}`;
}
