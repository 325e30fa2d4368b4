// `ferry transpile values.wasm --instantiation async`: `instantiate` with a host written
// against `ImportObject`, whose functions get lifted arguments and may return what lowering
// accepts (a number for a u64, any array-like for a numeric list, null for none).
import { instantiate, type ImportObject, type Root, type iface } from './out/values-async/values.js';

const host: ImportObject['test:values/host'] = {
  echoBool: (x) => x,
  echoS8: (x) => x,
  echoU8: (x) => x,
  echoS16: (x) => x,
  echoU16: (x) => x,
  echoS32: (x) => x,
  echoU32: (x) => x,
  echoS64: (x) => Number(x),
  echoU64: (x) => x,
  echoF32: (x) => x,
  echoF64: (x) => x,
  echoChar: (x) => x,
  echoString: (x) => x.toUpperCase(),
  echoListU8: (x) => Array.from(x),
  echoListS8: (x) => x,
  echoListU16: (x) => x,
  echoListS16: (x) => x,
  echoListU32: (x) => x,
  echoListS32: (x) => x,
  echoListU64: (x) => [...x, 1],
  echoListS64: (x) => x,
  echoListF32: (x) => x,
  echoListF64: (x) => x,
  echoListBool: (x) => x,
  echoListChar: (x) => x,
  echoListString: (x) => x,
  echoListPoint: (x) => x,
  echoListList: (x) => x,
  echoListListString: (x) => x,
  echoTuple: ([a, b, c]) => [a, b, c],
  echoPoint: (p) => ({ x: p.y, y: p.x }),
  echoPerson: (p) => p,
  echoMixed: (m) => m,
  echoColor: (c) => c,
  echoSmallFlags: (f) => f,
  echoBigFlags: (f) => f,
  echoOptionU32: (x) => x ?? null,
  echoOptionString: (x) => x,
  echoOptionOption: (x) => (x.tag === 'none' ? undefined : x),
  echoOptionPoint: (x) => x,
  echoResults: (x) => x,
  echoResult: (x) => {
    if (x.tag === 'err') throw x.val;
    return x.val;
  },
  echoResultNoOk: (x) => {
    if (x.tag === 'err') throw { payload: x.val };
  },
  echoResultNoErr: (x) => {
    if (x.tag === 'err') throw new Error('no value');
    return x.val;
  },
  echoResultEmpty: () => {},
  echoListResult: (x) => x,
  echoListOption: (x) => x,
  echoEntries: (x) => x,
  manyParams: (...args) => args.join(','),
  checkedDivide: (a, b) => {
    if (b === 0) throw 'division by zero';
    return Math.floor(a / b);
  },
};

const root: Root = await instantiate((path: string) => WebAssembly.compile(new Uint8Array()), { 'test:values/host': host });
const point: iface.Point = root.iface.echoPoint({ x: 1, y: 2 });
const sum: bigint = root['test:values/iface'].roundtripU64(2);
const version: string = root.version();
// @ts-expect-error: the component has imports
await instantiate(() => WebAssembly.compile(new Uint8Array()));
