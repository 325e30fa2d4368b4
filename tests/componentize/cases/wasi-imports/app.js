import { getEnvironment, getArguments, initialCwd } from 'wasi:cli/environment';
import * as versioned from 'wasi:cli/environment@0.2.6';
import { getRandomBytes, getRandomU64 } from 'wasi:random/random';
import { now, subscribeDuration } from 'wasi:clocks/monotonic-clock';

export function env() {
  const vars = getEnvironment().filter(([k]) => k.startsWith('FERRY_'));
  return JSON.stringify([vars, getArguments(), initialCwd() ?? null, versioned.getArguments === getArguments]);
}

export function random() {
  const bytes = getRandomBytes(5n);
  return [bytes.constructor.name, bytes.length, typeof getRandomU64()].join(' ');
}

export function clock() {
  const a = now();
  const pollable = subscribeDuration(1000n);
  const out = [typeof a, now() >= a, pollable.constructor.name, typeof pollable.ready, typeof pollable.block];
  pollable.block();
  out.push(pollable.ready());
  pollable[Symbol.dispose]();
  return out.join(' ');
}
