// What wasi:http accepts as a field name or value, a method, a scheme, a path with query, an
// authority and a status code: the rules of wasmtime 49 (the `http` crate's parsers, plus
// wasmtime's own checks), found by running a component that tries each character under it.

/** RFC 9110 `token`: a field name (at most 65535 characters) or an extension method. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export const isFieldName = (name) => name.length <= 0xffff && TOKEN.test(name);

/** Any byte but the controls (tab aside) and DEL. */
export const isFieldValue = (value) => value.every((b) => (b >= 0x20 && b !== 0x7f) || b === 0x09);

const U64_MAX = 2n ** 64n - 1n;

/** `content-length` values must be digits only, as a u64 (wasmtime checks them as fields are set). */
export const isContentLength = (value) =>
  value.length > 0 && value.every((b) => b >= 0x30 && b <= 0x39) && BigInt(new TextDecoder().decode(value)) <= U64_MAX;

export const isMethod = (method) => TOKEN.test(method);

/** A scheme of `scheme.other`: letters, digits, `+ - . ~`, at most 64 (possibly none). */
export const isScheme = (scheme) => /^[A-Za-z0-9+\-.~]{0,64}$/.test(scheme);

// Characters a path and a query may hold as they are (non-ASCII ones included).
const PATH = /^[!"$-;=@-_a-~\u0080-\uffff]*$/;
const QUERY = /^[!$-;=?-~\u0080-\uffff]*$/;

/** Empty, or starting with `/` or `?`; whatever follows a `#` is not checked. */
export function isPathWithQuery(text) {
  if (text !== '' && text[0] !== '/' && text[0] !== '?') return false;
  const [beforeFragment] = text.split('#', 1);
  const q = beforeFragment.indexOf('?');
  return q < 0 ? PATH.test(beforeFragment) : PATH.test(beforeFragment.slice(0, q)) && QUERY.test(beforeFragment.slice(q + 1));
}

/** `host`, `host:port`, `user@host`, `[v6]:port`, ... as the `http` crate's `Authority` parses them. */
export function isAuthority(text) {
  if (text === '') return false;
  let colons = 0, open = false, closed = false, percent = false;
  for (const c of text) {
    if (c === ':') {
      if (++colons > 8) return false;
    } else if (c === '[') {
      if (percent || open) return false;
      open = true;
    } else if (c === ']') {
      if (!open || closed) return false;
      closed = true;
      colons = 0;
      percent = false;
    } else if (c === '@') {
      colons = 0;
      percent = false;
    } else if (c === '%') {
      percent = true; // allowed in the user info only
    } else if (!/[!$&-.0-9;=A-Z_a-z~]/.test(c)) {
      return false;
    }
  }
  if (open !== closed || colons > 1 || percent || text.endsWith('@')) return false;
  // wasmtime: a port, when there is one (a `:` after any `]`), must be a u16.
  const afterHost = text.slice(text.lastIndexOf(']') + 1);
  if (!afterHost.includes(':')) return true;
  const port = text.slice(text.lastIndexOf(':') + 1);
  return /^\+?[0-9]+$/.test(port) && Number(port) <= 0xffff;
}

export const isStatus = (status) => status >= 100 && status <= 999;
