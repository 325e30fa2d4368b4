// Node's errors for an outgoing request as wasi:http `error-code`s, as wasmtime 49 maps its own:
// before the TCP connection, a failed name lookup is a `DNS-error` and anything else
// `connection-refused`; during the TLS handshake `TLS-protocol-error`; after it (hyper's
// errors) `HTTP-protocol-error`. Timeouts carry their code (`timeoutError`).

const DNS_FAILURES = new Set(['ENOTFOUND', 'ENODATA', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);

/** What wasmtime reports for any failed lookup. */
const DNS_ERROR = { tag: 'DNS-error', val: { rcode: 'address not available', infoCode: 0 } };

/** An Error standing for `error-code` `tag` (a timeout), to destroy a request or response with. */
export const timeoutError = (tag) => Object.assign(new Error(tag), { wasiCode: { tag } });

/** The `error-code` of `error`, met while `phase` is `'connect'`, `'tls'` or `'http'`. */
export function requestErrorCode(phase, error) {
  if (error.wasiCode) return error.wasiCode;
  if (phase === 'connect') return DNS_FAILURES.has(error.code) ? DNS_ERROR : { tag: 'connection-refused' };
  return { tag: phase === 'tls' ? 'TLS-protocol-error' : 'HTTP-protocol-error' };
}

/** The `error-code` of an error of the response body (always after the head came). */
export const bodyErrorCode = (error) => requestErrorCode('http', error);
