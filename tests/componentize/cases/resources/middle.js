import { Blob } from 'test:res/store';

export const visitor = {
  visit(b) {
    if (!(b instanceof Blob)) throw new TypeError('not a Blob');
    return b.size();
  },
  consume(b) {
    const n = b.size();
    b[Symbol.dispose]();
    return n;
  },
  async visitLater(b) {
    await null;
    const n = b.size();
    b[Symbol.dispose]();
    return n + 1000;
  },
};
