// wasi:http `fields` (headers and trailers): names lower-cased, each name's values together in
// the order the name first came, as wasmtime's `http::HeaderMap` keeps them (a deleted name's
// place goes to the last name). Errors are thrown as `header-error` values.
import { isContentLength, isFieldName, isFieldValue } from './syntax.js';

const INVALID = Object.freeze({ tag: 'invalid-syntax' });
const FORBIDDEN = Object.freeze({ tag: 'forbidden' });
const IMMUTABLE = Object.freeze({ tag: 'immutable' });

/** Names a component may not set, as wasmtime forbids them (it drops them from incoming fields). */
const FORBIDDEN_NAMES = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'host',
  'http2-settings',
]);

/** The lower-case form of `name` if a component may set it; throws the header-error otherwise. */
function settable(name) {
  if (!isFieldName(name)) throw INVALID;
  const lower = name.toLowerCase();
  if (FORBIDDEN_NAMES.has(lower)) throw FORBIDDEN;
  return lower;
}

function checkValues(name, values) {
  if (!values.every((v) => isFieldValue(v) && (name !== 'content-length' || isContentLength(v)))) throw INVALID;
}

let seal;

export class Fields {
  /** `[name, values]` pairs, names lower-case and distinct. */
  #groups = [];
  #immutable = false;

  static fromList(entries) {
    const fields = new Fields();
    for (const [name, value] of entries) fields.append(name, value);
    return fields;
  }

  #find(name) {
    return this.#groups.findIndex(([n]) => n === name);
  }
  #values(name) {
    return isFieldName(name) ? this.#groups[this.#find(name.toLowerCase())]?.[1] : undefined;
  }
  #remove(i) {
    const last = this.#groups.pop();
    if (i < this.#groups.length) this.#groups[i] = last;
  }
  #mutable() {
    if (this.#immutable) throw IMMUTABLE;
  }

  get(name) {
    return [...(this.#values(name) ?? [])];
  }
  has(name) {
    return this.#values(name) !== undefined;
  }
  set(name, values) {
    const key = settable(name);
    checkValues(key, values);
    this.#mutable();
    const i = this.#find(key);
    if (values.length === 0) {
      if (i >= 0) this.#remove(i);
    } else if (i >= 0) {
      this.#groups[i][1] = [...values];
    } else {
      this.#groups.push([key, [...values]]);
    }
  }
  delete(name) {
    const key = settable(name);
    this.#mutable();
    const i = this.#find(key);
    if (i >= 0) this.#remove(i);
  }
  append(name, value) {
    const key = settable(name);
    checkValues(key, [value]);
    this.#mutable();
    const i = this.#find(key);
    if (i >= 0) this.#groups[i][1].push(value);
    else this.#groups.push([key, [value]]);
  }
  entries() {
    return this.#groups.flatMap(([name, values]) => values.map((value) => [name, value]));
  }
  clone() {
    const copy = new Fields();
    copy.#groups = this.#groups.map(([name, values]) => [name, [...values]]);
    return copy;
  }

  static {
    seal = (fields) => {
      fields.#immutable = true;
      return fields;
    };
  }
}


/** An immutable copy of `fields`: what `headers()` returns, what a request or response keeps. */
export const immutableCopy = (fields) => seal(fields.clone());

/**
 * Immutable fields from `[name, value]` pairs the host received (valid names in any case,
 * valid `Uint8Array` values: a header-error is thrown otherwise), without the forbidden names,
 * as wasmtime drops them.
 */
export function receivedFields(entries) {
  const fields = new Fields();
  for (const [name, value] of entries) if (!FORBIDDEN_NAMES.has(name.toLowerCase())) fields.append(name, value);
  return seal(fields);
}
