// `Headers`, as WHATWG fetch has it: names are case-insensitive (kept lower-case), values
// byte strings with the surrounding whitespace trimmed; `get` joins a name's values with
// ", " and iteration goes by name, sorted, each name once (`set-cookie` once per value).
// Leaves `internal.Headers` for `fetch.js`.
(function (native, internal) {
  'use strict';

  // An RFC 9110 token.
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

  function checkName(name) {
    name = String(name);
    if (!TOKEN.test(name)) throw new TypeError(`Invalid header name: "${name}"`);
    return name.toLowerCase();
  }

  function checkValue(value) {
    value = String(value).replace(/^[\t\n\r ]+|[\t\n\r ]+$/g, '');
    if (/[\0\n\r]|[^\0-\xff]/.test(value)) throw new TypeError(`Invalid header value: "${value}"`);
    return value;
  }

  class Headers {
    // [name, value] pairs in the order they were added, names lower-case.
    #list = [];

    // `init`: a `Headers`, an iterable of [name, value] pairs, or an object of them.
    constructor(init = undefined) {
      if (init === undefined) return;
      if (typeof init !== 'object' && typeof init !== 'function') {
        throw new TypeError("Failed to construct 'Headers': the argument must be an object");
      }
      if (init !== null && typeof init[Symbol.iterator] === 'function') {
        for (const pair of init) {
          const [name, value, ...rest] = pair;
          if (pair.length !== 2 || rest.length !== 0) {
            throw new TypeError("Failed to construct 'Headers': a header pair must have a name and a value");
          }
          this.append(name, value);
        }
      } else {
        for (const name of Object.keys(init)) this.append(name, init[name]);
      }
    }

    append(name, value) {
      this.#list.push([checkName(name), checkValue(value)]);
    }

    delete(name) {
      name = checkName(name);
      this.#list = this.#list.filter(([n]) => n !== name);
    }

    get(name) {
      name = checkName(name);
      const values = this.#list.filter(([n]) => n === name).map(([, v]) => v);
      return values.length === 0 ? null : values.join(', ');
    }

    has(name) {
      name = checkName(name);
      return this.#list.some(([n]) => n === name);
    }

    // Replaces the name's values with `value`, where the first of them was.
    set(name, value) {
      name = checkName(name);
      value = checkValue(value);
      const at = this.#list.findIndex(([n]) => n === name);
      if (at < 0) {
        this.#list.push([name, value]);
        return;
      }
      this.#list = this.#list.filter(([n], i) => n !== name || i === at);
      this.#list[at] = [name, value];
    }

    forEach(callback, thisArg = undefined) {
      for (const [name, value] of this) callback.call(thisArg, value, name, this);
    }

    entries() {
      const names = [...new Set(this.#list.map(([n]) => n))].sort();
      const pairs = [];
      for (const name of names) {
        const values = this.#list.filter(([n]) => n === name).map(([, v]) => v);
        if (name === 'set-cookie') values.forEach((v) => pairs.push([name, v]));
        else pairs.push([name, values.join(', ')]);
      }
      return pairs[Symbol.iterator]();
    }

    [Symbol.iterator]() {
      return this.entries();
    }
  }

  internal.Headers = Headers;
  Object.defineProperty(globalThis, 'Headers', { value: Headers, writable: true, configurable: true });
})
