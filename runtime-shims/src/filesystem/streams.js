// Sources and sinks (for wasi:io streams) over an open file, and the file descriptor that a
// descriptor shares with its streams.
import { closeSync, fstatSync, readSync, writeSync } from 'node:fs';
import { streamAttempt } from './errors.js';

/**
 * A host fd shared by a descriptor and the streams made from it: a stream may outlive its
 * descriptor, so the fd closes when the last of them is dropped (never while one uses it, when
 * the number could already name another file).
 */
export class SharedFd {
  #users = 1;
  constructor(fd) {
    this.fd = fd;
  }
  share() {
    this.#users++;
    return this;
  }
  release() {
    if (--this.#users === 0) closeSync(this.fd);
  }
}

/** A source reading `file` (a `SharedFd`) from byte `offset` (bigint) on. */
export function fileSource(file, offset) {
  let at = Number(offset);
  file.share();
  return {
    read(len) {
      const buffer = new Uint8Array(len);
      const n = streamAttempt(() => readSync(file.fd, buffer, 0, len, at));
      if (n === 0) return null;
      at += n;
      return buffer.subarray(0, n);
    },
    close: () => file.release(),
  };
}

/** A sink writing `file` from byte `offset` (bigint) on, or at its end each time if `offset` is undefined. */
export function fileSink(file, offset) {
  // Numbers: Node's `writeSync` ignores a bigint position (and writes at the fd's own).
  let at = offset === undefined ? undefined : Number(offset);
  file.share();
  return {
    write(bytes) {
      streamAttempt(() => {
        let position = at ?? fstatSync(file.fd).size;
        for (let done = 0; done < bytes.length; ) {
          const n = writeSync(file.fd, bytes, done, bytes.length - done, position);
          done += n;
          position += n;
        }
        if (at !== undefined) at = position;
      });
    },
    close: () => file.release(),
  };
}
