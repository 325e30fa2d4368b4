// wasi:filesystem error codes: Node's fs errors turned into `error-code` values, for results
// and for the stream errors that `filesystem-error-code` reads.
import { failed } from '../io/error.js';

/** Node's error codes (POSIX errno names) and the `error-code` each becomes. */
const CODES = {
  EACCES: 'access',
  EAGAIN: 'would-block',
  EALREADY: 'already',
  EBADF: 'bad-descriptor',
  EBUSY: 'busy',
  EDEADLK: 'deadlock',
  EDQUOT: 'quota',
  EEXIST: 'exist',
  EFBIG: 'file-too-large',
  EILSEQ: 'illegal-byte-sequence',
  EINPROGRESS: 'in-progress',
  EINTR: 'interrupted',
  EINVAL: 'invalid',
  EIO: 'io',
  EISDIR: 'is-directory',
  ELOOP: 'loop',
  EMLINK: 'too-many-links',
  EMSGSIZE: 'message-size',
  ENAMETOOLONG: 'name-too-long',
  ENODEV: 'no-device',
  ENOENT: 'no-entry',
  ENOLCK: 'no-lock',
  ENOMEM: 'insufficient-memory',
  ENOSPC: 'insufficient-space',
  ENOTDIR: 'not-directory',
  ENOTEMPTY: 'not-empty',
  ENOTRECOVERABLE: 'not-recoverable',
  ENOTSUP: 'unsupported',
  EOPNOTSUPP: 'unsupported',
  ENOTTY: 'no-tty',
  ENXIO: 'no-such-device',
  EOVERFLOW: 'overflow',
  EPERM: 'not-permitted',
  EPIPE: 'pipe',
  EROFS: 'read-only',
  ESPIPE: 'invalid-seek',
  ETXTBSY: 'text-file-busy',
  EXDEV: 'cross-device',
};

/**
 * The `error-code` for `e`: an error-code the shim threw itself, or a Node system error. Any
 * other error is a bug, so it is thrown again rather than passed to the component.
 */
function errorCode(e) {
  if (typeof e === 'string') return e;
  if (typeof e?.syscall !== 'string') throw e;
  return CODES[e.code] ?? 'io';
}

/** Runs `op`; what it throws is thrown as an `error-code`. */
export function attempt(op) {
  try {
    return op();
  } catch (e) {
    throw errorCode(e);
  }
}

// The error-code behind each stream error that file streams threw (keys: wasi:io/error objects).
const streamCodes = new WeakMap();

/** Runs a file stream operation; what it throws is thrown as a `stream-error` that keeps its code. */
export function streamAttempt(op) {
  try {
    return op();
  } catch (e) {
    const code = errorCode(e);
    const error = failed(typeof e === 'string' ? code : e.message);
    streamCodes.set(error.val, code);
    throw error;
  }
}

/** `filesystem-error-code`: the code of a stream error from a file, `undefined` for others. */
export const filesystemErrorCode = (err) => streamCodes.get(err);
