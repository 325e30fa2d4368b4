const id = (x) => x;
export const idPoint = id, idShape = id, idColor = id, idSmall = id, idMedium = id, idLarge = id, idTuple = id;
export const idBytes = id, idF64s = id, idS64s = id, idStrings = id, idPoints = id, idOpt = id, idOptOpt = id;
export const idListRes = id, idNested = id;

// A whole `result` return: `ok` is returned, `err` thrown (here as the payload itself).
export function idRes(r) {
  if (r.tag === 'ok') return r.val;
  throw r.val;
}

const kind = (v) => (Array.isArray(v) ? 'Array' : v?.constructor?.name ?? typeof v);

export function kinds(b, f, s, p, sh, c, fl, t) {
  return [kind(b), kind(f), kind(s), JSON.stringify(p), JSON.stringify(sh), c, JSON.stringify(fl), JSON.stringify(t)].join(' ');
}

export function many(...args) {
  return args.join(',');
}

export function exactly16(...args) {
  return args.slice(0, 15).reduce((a, b) => a + Number(b), 0) + args[15];
}

export function makeBytes() {
  return new Uint8Array([1, 2, 3]);
}

export function makeBytesFromArray() {
  return { length: 2, 0: 9, 1: 8 };
}

export function makeShape(kind) {
  return { tag: kind, val: kind === 'circle' ? 2.5 : kind === 'named' ? 'n' : undefined };
}

export function badColor() {
  return 'purple';
}

export function recordMissingField() {
  return { x: 1 };
}

// The error names where in the value it is wrong.
export function badNested() {
  return [[['a', true]], [undefined, [7, false]]];
}
