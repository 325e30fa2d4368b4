// wasi:http errors: `error-code` values inside stream errors (`http-error-code`), the
// body-size error codes, and traps.
import { Error as IoError } from '../io/error.js';

/** The error-code each io `error` made by `streamFailure` stands for. */
const codes = new WeakMap();

/** A `stream-error` for a failure that `error-code` `code` describes. */
export function streamFailure(code) {
  const error = new IoError(code.val === undefined ? code.tag : `${code.tag}: ${String(code.val)}`);
  codes.set(error, code);
  return { tag: 'last-operation-failed', val: error };
}

/** `http-error-code`: the error-code behind an io `error`, if it has one. */
export const httpErrorCode = (error) => codes.get(error);

/** The error-code for a body whose size is not its `content-length`: `written` bytes (bigint). */
export const bodySizeError = (kind, written) => ({ tag: `HTTP-${kind}-body-size`, val: written });

/** Misuse the WIT says traps (a child resource still alive, for one). */
export function trap(message) {
  throw new WebAssembly.RuntimeError(message);
}
