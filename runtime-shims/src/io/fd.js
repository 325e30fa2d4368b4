// Sources and sinks over host file descriptors, with Node's blocking fs calls.
import { closeSync, readSync, writeSync } from 'node:fs';
import { failed } from './error.js';
import { sleep } from './sleep.js';

/** Retries `op` while the descriptor is non-blocking and not ready (EAGAIN). */
function retrying(op) {
  for (;;) {
    try {
      return op();
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      sleep(1);
    }
  }
}

/**
 * A source reading descriptor `fd` from `position` on (`null`: the current position, for
 * pipes and terminals). Reads block until data or the end arrives.
 */
export function fdSource(fd, position = null, { close = false } = {}) {
  let at = position;
  return {
    read(len) {
      const buffer = new Uint8Array(len);
      let n;
      try {
        n = retrying(() => readSync(fd, buffer, 0, len, at));
      } catch (e) {
        if (e.code === 'EOF') return null;
        throw failed(e.message);
      }
      if (n === 0) return null;
      if (at !== null) at += n;
      return buffer.subarray(0, n);
    },
    close() {
      if (close) closeSync(fd);
    },
  };
}

/** A sink writing descriptor `fd` at `position` on (`null`: the current position). */
export function fdSink(fd, position = null, { close = false, append = false } = {}) {
  let at = append ? null : position;
  return {
    write(bytes) {
      let done = 0;
      try {
        while (done < bytes.length) {
          const n = retrying(() => writeSync(fd, bytes, done, bytes.length - done, at));
          done += n;
          if (at !== null) at += n;
        }
      } catch (e) {
        throw failed(e.message);
      }
    },
    close() {
      if (close) closeSync(fd);
    },
  };
}
