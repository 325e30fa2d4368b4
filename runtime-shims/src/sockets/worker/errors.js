// Node's errors as wasi:sockets `error-code`s.
import { getSystemErrorName } from 'node:util';

const CODES = {
  EACCES: 'access-denied',
  EPERM: 'access-denied',
  EAFNOSUPPORT: 'not-supported',
  EOPNOTSUPP: 'not-supported',
  EINVAL: 'invalid-argument',
  ENOMEM: 'out-of-memory',
  ENOBUFS: 'out-of-memory',
  ETIMEDOUT: 'timeout',
  EMFILE: 'new-socket-limit',
  ENFILE: 'new-socket-limit',
  EADDRNOTAVAIL: 'address-not-bindable',
  EADDRINUSE: 'address-in-use',
  EHOSTUNREACH: 'remote-unreachable',
  ENETUNREACH: 'remote-unreachable',
  ENETDOWN: 'remote-unreachable',
  ECONNREFUSED: 'connection-refused',
  ECONNRESET: 'connection-reset',
  EPIPE: 'connection-reset',
  ECONNABORTED: 'connection-aborted',
  EMSGSIZE: 'datagram-too-large',
};

/** The `error-code` of a Node error (its `code`, such as `ECONNREFUSED`). */
export const errorCode = (error) => CODES[error?.code] ?? 'unknown';

/** Throws the `error-code` of a libuv status (a negative errno) unless it is 0. */
export function check(status) {
  if (status < 0) throw CODES[getSystemErrorName(status)] ?? 'unknown';
}

/** The `error-code` of a failed DNS lookup. */
export function lookupErrorCode(error) {
  if (error.code === 'ENOTFOUND' || error.code === 'ENODATA') return 'name-unresolvable';
  if (error.code === 'EAI_AGAIN' || error.code === 'ETIMEOUT') return 'temporary-resolver-failure';
  return 'permanent-resolver-failure';
}
