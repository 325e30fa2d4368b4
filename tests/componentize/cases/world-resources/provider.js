let drops = 0;
let kept;

const concat = (a, b) => {
  const bytes = new Uint8Array(a.length + b.length);
  bytes.set(a);
  bytes.set(b, a.length);
  return bytes;
};

// A byte buffer: its constructor, methods and statics are the consumer's world-level imports.
class Blob {
  #bytes;
  constructor(init) {
    this.#bytes = concat(new Uint8Array(0), init);
  }
  size() {
    return this.#bytes.length;
  }
  append(more) {
    this.#bytes = concat(this.#bytes, more);
  }
  read() {
    return this.#bytes.slice();
  }
  static take(b) {
    return b.read();
  }
  static merge(a, b) {
    return new Blob(concat(a.read(), b.read()));
  }
  [Symbol.dispose]() {
    drops++;
  }
}

const describe = (s, c, p) => ({
  text: `${s.tag}${s.val === undefined ? '' : `(${s.val})`} ${c} ${Object.keys(p).filter((k) => p[k]).join('+') || 'none'}`,
  size: s.tag === 'line' ? s.val : 0,
  tint: c === 'red' ? 'sky-blue' : 'red',
  sides: new Uint8Array([p.read ? 1 : 0, p.writeAll ? 1 : 0]),
});

export const store = {
  Blob,
  makeBlob: (s) => new Blob(new TextEncoder().encode(s)),
  blobSize: (b) => b.size(),
  keep(b) {
    kept = b;
  },
  giveBack() {
    const b = kept;
    kept = undefined;
    return b;
  },
  drops: () => drops,
  describe,
};
