// The checker's JSON values (see README.md) to the JS values of
// ../../../shared/js-conventions.md and back, directed by the case's type description.
// `fromJs` is strict: a JS value of the wrong shape for its type (a number where a bigint
// belongs, an Array where a typed array belongs, a float that is not an f32) comes back as
// `{ badJs: ... }`, which never equals an expected value.

/** The host's resource class: the component's `res`. */
export class Res {
  constructor(id) {
    this.id = id;
  }
}

const TYPED_ARRAYS = {
  u8: Uint8Array,
  s8: Int8Array,
  u16: Uint16Array,
  s16: Int16Array,
  u32: Uint32Array,
  s32: Int32Array,
  u64: BigUint64Array,
  s64: BigInt64Array,
  f32: Float32Array,
  f64: Float64Array,
};

const INT_RANGES = {
  u8: [0, 0xff],
  s8: [-0x80, 0x7f],
  u16: [0, 0xffff],
  s16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  s32: [-0x80000000, 0x7fffffff],
};

/** `beta-kappa3` -> `betaKappa3`. */
export function camelCase(name) {
  return name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

const view = new DataView(new ArrayBuffer(8));

function floatFromJson(v, bits) {
  if (v === 'nan') return NaN;
  if (bits === 32) {
    view.setUint32(0, Number(v));
    return view.getFloat32(0);
  }
  view.setBigUint64(0, BigInt(v));
  return view.getFloat64(0);
}

function floatToJson(x, bits) {
  if (typeof x !== 'number') return bad(x);
  if (Number.isNaN(x)) return 'nan';
  if (bits === 32) {
    if (Math.fround(x) !== x) return bad(x);
    view.setFloat32(0, x);
    return `0x${view.getUint32(0).toString(16).padStart(8, '0')}`;
  }
  view.setFloat64(0, x);
  return `0x${view.getBigUint64(0).toString(16).padStart(16, '0')}`;
}

function bad(x) {
  let text;
  try {
    text = typeof x === 'bigint' ? `${x}n` : JSON.stringify(x) ?? String(x);
  } catch {
    text = String(x);
  }
  return { badJs: `${typeof x} ${x?.constructor?.name ?? ''} ${text}`.slice(0, 200) };
}

/** Whether option type `ty` is written tagged (its payload is itself an option). */
function taggedOption(ty) {
  return ty.t.k === 'option';
}

/**
 * The JS value of JSON value `v` of type `ty`. `resource(json)` gives the host object for an
 * `own<res>`'s JSON (`{ res: id }`). `alt`: the other forms lowering accepts: plain Arrays for numeric lists,
 * `null` for an option's `none`, a record field that is `none` left out, a safe-integer
 * number for a `u64`/`s64`.
 */
export function toJs(ty, v, resource, alt = false) {
  switch (ty.k) {
    case 'bool':
    case 'u8':
    case 's8':
    case 'u16':
    case 's16':
    case 'u32':
    case 's32':
    case 'char':
    case 'string':
    case 'enum':
      return v;
    case 'u64':
    case 's64':
      return alt && Number.isSafeInteger(Number(v)) ? Number(v) : BigInt(v);
    case 'f32':
      return floatFromJson(v, 32);
    case 'f64':
      return floatFromJson(v, 64);
    case 'list': {
      const items = v.map((x) => toJs(ty.t, x, resource, alt));
      const Typed = TYPED_ARRAYS[ty.t.k];
      return Typed && !alt ? Typed.from(items) : items;
    }
    case 'tuple':
      return ty.ts.map((t, i) => toJs(t, v[i], resource, alt));
    case 'record': {
      const fields = alt ? ty.fields.filter(([name, t]) => t.k !== 'option' || v[name].tag !== 'none') : ty.fields;
      return Object.fromEntries(fields.map(([name, t]) => [camelCase(name), toJs(t, v[name], resource, alt)]));
    }
    case 'flags':
      return Object.fromEntries(ty.names.map((name) => [camelCase(name), v.includes(name)]));
    case 'own':
      return resource(v);
    case 'option':
      if (v.tag === 'none') return alt ? null : undefined;
      if (taggedOption(ty)) return { tag: 'some', val: toJs(ty.t, v.val, resource, alt) };
      return toJs(ty.t, v.val, resource, alt);
    default: {
      const payload = caseType(ty, v.tag);
      return payload ? { tag: v.tag, val: toJs(payload, v.val, resource, alt) } : { tag: v.tag };
    }
  }
}

/** The payload type of case `tag` of a variant or result type (null: none). */
export function caseType(ty, tag) {
  if (ty.k === 'result') return ty[tag];
  const found = ty.cases.find(([name]) => name === tag);
  return found ? found[1] : undefined;
}

/**
 * The JSON value of JS value `x` of type `ty`. `resourceId(x)` gives the JSON of a host
 * object returned for an `own<res>`.
 */
export function fromJs(ty, x, resourceId) {
  switch (ty.k) {
    case 'bool':
      return typeof x === 'boolean' ? x : bad(x);
    case 'u8':
    case 's8':
    case 'u16':
    case 's16':
    case 'u32':
    case 's32': {
      const [lo, hi] = INT_RANGES[ty.k];
      return Number.isInteger(x) && x >= lo && x <= hi && !Object.is(x, -0) ? x : bad(x);
    }
    case 'u64':
    case 's64':
      return typeof x === 'bigint' ? x.toString() : bad(x);
    case 'f32':
      return floatToJson(x, 32);
    case 'f64':
      return floatToJson(x, 64);
    case 'char':
      return typeof x === 'string' && [...x].length === 1 ? x : bad(x);
    case 'string':
      return typeof x === 'string' ? x : bad(x);
    case 'enum':
      return ty.cases.includes(x) ? x : bad(x);
    case 'list': {
      const Typed = TYPED_ARRAYS[ty.t.k];
      if (Typed ? !(x instanceof Typed) : !Array.isArray(x)) return bad(x);
      return Array.from(x, (item) => fromJs(ty.t, item, resourceId));
    }
    case 'tuple':
      if (!Array.isArray(x) || x.length !== ty.ts.length) return bad(x);
      return ty.ts.map((t, i) => fromJs(t, x[i], resourceId));
    case 'record':
      if (typeof x !== 'object' || x === null) return bad(x);
      return Object.fromEntries(ty.fields.map(([name, t]) => [name, fromJs(t, x[camelCase(name)], resourceId)]));
    case 'flags':
      if (typeof x !== 'object' || x === null) return bad(x);
      if (ty.names.some((name) => typeof x[camelCase(name)] !== 'boolean')) return bad(x);
      return ty.names.filter((name) => x[camelCase(name)]);
    case 'own':
      return x instanceof Res ? resourceId(x) : bad(x);
    case 'option':
      if (x === undefined) return { tag: 'none' };
      if (!taggedOption(ty)) return { tag: 'some', val: fromJs(ty.t, x, resourceId) };
      return variantFromJs(ty, x, resourceId);
    default:
      return variantFromJs(ty, x, resourceId);
  }
}

function variantFromJs(ty, x, resourceId) {
  if (typeof x !== 'object' || x === null) return bad(x);
  const payload = ty.k === 'option' ? { none: null, some: ty.t }[x.tag] : caseType(ty, x.tag);
  if (payload === undefined) return bad(x);
  if (!payload) return x.val === undefined ? { tag: x.tag } : bad(x);
  return { tag: x.tag, val: fromJs(payload, x.val, resourceId) };
}
