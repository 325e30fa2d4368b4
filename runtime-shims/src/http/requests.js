// wasi:http requests: `incoming-request` (made by the host), `outgoing-request` (made by the
// component) and `request-options`.
import { IncomingMessage, OutgoingMessage } from './messages.js';
import { isAuthority, isMethod, isPathWithQuery, isScheme } from './syntax.js';

export class IncomingRequest extends IncomingMessage {
  #method;
  #pathWithQuery;
  #scheme;
  #authority;
  /** Made by the host: see http.js. */
  constructor({ method, pathWithQuery, scheme, authority, headers, body }) {
    super(headers, body);
    this.#method = method;
    this.#pathWithQuery = pathWithQuery;
    this.#scheme = scheme;
    this.#authority = authority;
  }
  method() {
    return this.#method;
  }
  pathWithQuery() {
    return this.#pathWithQuery;
  }
  scheme() {
    return this.#scheme;
  }
  authority() {
    return this.#authority;
  }
}

function check(valid, what, value) {
  if (!valid) throw new RangeError(`outgoing-request.set-${what}: invalid ${what} ${JSON.stringify(value)}`);
}

/** Built by the component; `outgoing-handler.handle` rejects what cannot be sent. */
export class OutgoingRequest extends OutgoingMessage {
  #method = { tag: 'get' };
  #pathWithQuery;
  #scheme;
  #authority;
  constructor(headers) {
    super(headers, 'request');
  }
  method() {
    return this.#method;
  }
  setMethod(method) {
    check(method.tag !== 'other' || isMethod(method.val), 'method', method.val);
    this.#method = method;
  }
  pathWithQuery() {
    return this.#pathWithQuery;
  }
  setPathWithQuery(pathWithQuery) {
    check(pathWithQuery == null || isPathWithQuery(pathWithQuery), 'path-with-query', pathWithQuery);
    this.#pathWithQuery = pathWithQuery;
  }
  scheme() {
    return this.#scheme;
  }
  setScheme(scheme) {
    check(scheme?.tag !== 'other' || isScheme(scheme.val), 'scheme', scheme?.val);
    this.#scheme = scheme;
  }
  authority() {
    return this.#authority;
  }
  setAuthority(authority) {
    check(authority == null || isAuthority(authority), 'authority', authority);
    this.#authority = authority;
  }
}

/** Timeouts (nanoseconds, bigint) for `outgoing-handler.handle`, all accepted. */
export class RequestOptions {
  #connectTimeout;
  #firstByteTimeout;
  #betweenBytesTimeout;
  connectTimeout() {
    return this.#connectTimeout;
  }
  setConnectTimeout(duration) {
    this.#connectTimeout = duration;
  }
  firstByteTimeout() {
    return this.#firstByteTimeout;
  }
  setFirstByteTimeout(duration) {
    this.#firstByteTimeout = duration;
  }
  betweenBytesTimeout() {
    return this.#betweenBytesTimeout;
  }
  setBetweenBytesTimeout(duration) {
    this.#betweenBytesTimeout = duration;
  }
}
