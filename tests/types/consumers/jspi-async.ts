// `ferry transpile jspi.wasm --instantiation async --async-mode jspi`: the exports return
// Promises; the async imports may be async functions, the others may not.
import { instantiate } from './out/jspi-async/jspi.js';
import type { ImportObject } from './out/jspi-async/jspi.js';

const imports: ImportObject = {
  'sleep-then-echo': async (s: string) => `${s}!`,
  'fetch-list': (n: number) => [n, n],
  fallible: async (fail: boolean) => {
    if (fail) throw 'refused';
    return 'fine';
  },
  tick: () => 1,
  'test:jspi/gates': {
    Gate: class {
      constructor(label: string) {}
      async pass(n: number) {
        return n;
      }
    },
  },
};
const notAsync: ImportObject = {
  ...imports,
  // @ts-expect-error: `tick` is not an async import: it returns its value
  tick: async () => 1,
};

const root = await instantiate((path) => WebAssembly.compile(new Uint8Array(0)), imports);
const echoed: Promise<string> = root.echo('x');
const text: string = await root.echo('x');
// @ts-expect-error: an async export returns a Promise
const notText: string = root.echo('x');
const list: Uint32Array = await root.doubled(2);
const attempted: string = await root.attempt(false);
const passed: number = await root.throughGate('g', 1) + (await root.plain(1));
