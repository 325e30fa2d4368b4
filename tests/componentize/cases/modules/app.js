import { greet } from './lib/greet.js';
import { counter } from './lib/deep/counter.js';

const value = await Promise.resolve('awaited');

export function hello() {
  return `${greet('modules')} ${value}`;
}

export function count() {
  return counter();
}
