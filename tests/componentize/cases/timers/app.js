// The intervals' three runs are due at 5, 10 and 15 ms (and later when a wait wakes late, as
// on a busy machine); the 100 ms timeout leaves them a wide margin.
export async function order() {
  const order = [];
  queueMicrotask(() => order.push('microtask'));
  setTimeout((a, b) => order.push(`timeout 100 ${a} ${b}`), 100, 'x', 'y');
  const cancelled = setTimeout(() => order.push('cancelled'), 5);
  clearTimeout(cancelled);
  let n = 0;
  const interval = setInterval(() => {
    order.push(`interval ${++n}`);
    if (n === 3) clearInterval(interval);
  }, 5);
  setTimeout(() => order.push('timeout'));
  setTimeout(() => order.push('timeout -5'), -5);
  Promise.resolve().then(() => order.push('promise'));
  order.push('sync');
  await new Promise((resolve) => setTimeout(resolve, 120));
  return order.join(', ');
}

export async function elapsed() {
  const start = Date.now();
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, 100));
  const ms = performance.now() - t0;
  return `performance: ${ms >= 100 && ms < 2000}, Date: ${Date.now() - start >= 99}`;
}

export function ids() {
  const a = setTimeout(() => {}, 1000);
  const b = setInterval(() => {}, 1000);
  clearTimeout(a);
  clearInterval(b);
  let error;
  try {
    setTimeout('code');
  } catch (e) {
    error = `${e.name}: ${e.message}`;
  }
  return `${typeof a} ${b === a + 1} ${error}`;
}

// An exception in a timer is uncaught: printed, then the component traps (as Node exits).
export async function throws() {
  setTimeout(function tick() {
    throw new TypeError('from a timer');
  }, 1);
  await new Promise((resolve) => setTimeout(resolve, 20));
}
