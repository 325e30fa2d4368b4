// `ferry types tests/components/values/wit --instantiation sync`: synchronous `instantiate`.
import { instantiate, type ImportObject } from './out/types-values-sync/values.js';

declare const host: ImportObject['test:values/host'];
const root = instantiate((path) => new WebAssembly.Module(new Uint8Array()), { 'test:values/host': host });
const point = root.iface.echoPoint({ x: 1, y: 2 });
const x: number = point.x;
// @ts-expect-error: sync instantiation returns the exports, not a promise
root.then(() => {});
