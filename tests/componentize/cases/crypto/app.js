// Drawn while the engine was pre-initialised: the run time's draws must not repeat them.
const atInit = [Math.random(), Math.random()];

export function checks() {
  const array = new Uint32Array(8);
  console.log(crypto.getRandomValues(array) === array, array.some((x) => x !== 0));
  const bytes = crypto.getRandomValues(new Uint8Array(65536));
  console.log(bytes.length, new Set(bytes).size > 200);
  console.log(crypto.getRandomValues(new BigUint64Array(2)).length);
  for (const attempt of [
    () => crypto.getRandomValues(new Float64Array(2)),
    () => crypto.getRandomValues(new Uint8Array(65537)),
    () => crypto.getRandomValues([1, 2]),
  ]) {
    try {
      attempt();
    } catch (error) {
      console.log(`${error.name}: ${error.message}`);
    }
  }
  const uuid = crypto.randomUUID();
  console.log(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uuid), uuid !== crypto.randomUUID());
  const draws = Array.from({ length: 1000 }, () => Math.random());
  console.log(draws.every((x) => x >= 0 && x < 1), new Set(draws).size, !atInit.includes(draws[0]));
}

export function uuid() {
  return crypto.randomUUID().length.toString();
}
