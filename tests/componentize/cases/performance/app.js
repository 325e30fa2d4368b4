// Read while the engine was pre-initialised: the run time's clock starts afresh.
const atInit = performance.now();

export function checks() {
  const now = performance.now();
  // The time origin is the first reading at run time: the first reading is about 0.
  console.log(typeof atInit, typeof now, now >= 0 && now < 50);
  let later = performance.now();
  while (later - now < 5) later = performance.now();
  console.log(later > now, Math.abs(performance.timeOrigin + later - Date.now()) < 1000);
  console.log(JSON.stringify(performance).startsWith('{"timeOrigin":'));
}
