let drops = 0;
let live = 0;
let kept;

class Blob {
  #bytes;
  constructor(init) {
    if (!(init instanceof Uint8Array)) throw new TypeError('init is not a Uint8Array');
    this.#bytes = Array.from(init);
    live++;
  }
  write(bytes) {
    this.#bytes.push(...bytes);
  }
  read(n) {
    return new Uint8Array(this.#bytes.slice(0, n));
  }
  size() {
    return this.#bytes.length;
  }
  static merge(a, b) {
    if (!(a instanceof Blob) || !(b instanceof Blob)) throw new TypeError('not blobs');
    return new Blob(new Uint8Array([...a.read(1000), ...b.read(1000)]));
  }
  static take(b) {
    return b.size();
  }
  [Symbol.dispose]() {
    drops++;
    live--;
  }
}

class Token {
  #id;
  constructor(id) {
    this.#id = id;
  }
  id() {
    return this.#id;
  }
}

export const store = {
  Blob,
  Token,
  makeToken: (id) => new Token(id),
  badBlob: () => ({}),
  makeBlob(s) {
    return new Blob(new TextEncoder().encode(s));
  },
  keep(b) {
    kept = b;
  },
  giveBack() {
    const b = kept;
    kept = undefined;
    return b;
  },
  peek: (b) => b.size(),
  drops: () => drops,
  live: () => live,
  echo: (...args) => args,
  check(ok) {
    if (ok) return 'checked';
    throw { payload: { count: 2, names: ['a', 'b'] } };
  },
  maybeFail(ok) {
    if (!ok) throw new Error('any error');
    return 5;
  },
  many: (...args) => args.join('+'),
};
