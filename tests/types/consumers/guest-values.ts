// `ferry guest-types tests/components/values/wit`: a guest calls its imports and exports
// what `Guest` says (here a part of `iface`).
import type { Guest, Iface } from './out/guest-values/values.js';
import { echoU64, echoPerson, checkedDivide } from 'test:values/host';

export function version(): string {
  return '1.0';
}

export const iface: Pick<Iface, 'echoU64' | 'echoListU8' | 'echoPerson' | 'checkedDivide' | 'echoOptionU32' | 'computeStats'> = {
  echoU64: (x) => x + 1n,
  echoListU8: (x) => Array.from(x),
  echoPerson: (p) => ({ ...p, nickName: undefined }),
  checkedDivide: (a, b) => {
    if (b === 0) throw 'division by zero';
    return Math.floor(a / b);
  },
  echoOptionU32: (x) => x ?? null,
  computeStats: (xs) => ({ count: BigInt(xs.length), mean: 0, label: '', allPositive: xs.every((x) => x > 0) }),
};

// Imports take what lowering accepts and return lifted values.
const big: bigint = echoU64(2);
const person = echoPerson({ firstName: 'a', ageYears: 1, isAdmin: false, favoriteColor: 'red' });
const quotient: number = checkedDivide(4, 2);
({ version }) satisfies Pick<Guest, 'version'>;
