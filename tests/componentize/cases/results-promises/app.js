export function parse(s) {
  const n = Number(s);
  if (!Number.isInteger(n)) throw `not a number: ${s}`;
  return n;
}

function inner() {
  throw new TypeError('it broke');
}

export function boom() {
  inner();
}

export async function later(x) {
  await null;
  return (await Promise.resolve(x)) * 2;
}

export async function sleepy() {
  await new Promise((resolve) => setTimeout(resolve, 5));
  return 'slept';
}

export function never() {
  return new Promise(() => {});
}

export async function rejects() {
  await null;
  throw new RangeError('async failure');
}

export async function resultAsync(fail) {
  await null;
  if (fail) throw new Error('failed');
  return 'fine';
}

export function resultBadErr() {
  throw 'not a u32';
}

export function customPayload() {
  throw Object.assign(new Error('with payload'), { payload: 7 });
}

export function unitErr(fail) {
  if (fail) throw new Error('ignored');
}

export function thenable() {
  return { then: (resolve) => resolve('from a thenable') };
}

// A rejection no one handles fails the call, as it ends a Node process.
export function forgotten() {
  Promise.reject(new TypeError('nobody waits for this'));
  return 1;
}

// Handled before the call ends: not an error.
export async function handledLater() {
  const rejected = Promise.reject(new Error('caught later'));
  await null;
  return rejected.catch((error) => error.message.length);
}
