let drops = 0;
let kept;

class Blob {
  #bytes;
  constructor(init) {
    if (!(init instanceof Uint8Array)) throw new TypeError('init is not a Uint8Array');
    this.#bytes = Array.from(init);
  }
  size() {
    return this.#bytes.length;
  }
  append(more) {
    this.#bytes.push(...more);
  }
  read() {
    return new Uint8Array(this.#bytes);
  }
  static take(b) {
    return b.read();
  }
  static merge(a, b) {
    return new Blob(new Uint8Array([...a.read(), ...b.read()]));
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
