// What `outgoing-handler.handle` reads of a request and refuses before sending it, as wasmtime
// 49 does, on every platform (http/outgoing.js on Node, browser/http/outgoing.js).
import { trap } from './errors.js';

const fail = (tag) => {
  throw { tag };
};

/** Traps unless the host granted the network: wasmtime without `-S http` does not even instantiate such a component. */
export function checkNetwork(granted, how) {
  if (!granted) trap(`wasi:http/outgoing-handler: the network is not granted (${how})`);
}

/** The request's scheme, `http` or `https` (the default); others are an `HTTP-protocol-error`. */
export function schemeOf(request) {
  const scheme = request.scheme() ?? { tag: 'HTTPS' };
  const name = scheme.tag === 'other' ? scheme.val : scheme.tag.toLowerCase();
  if (name !== 'http' && name !== 'https') fail('HTTP-protocol-error');
  return name;
}

/** The request's authority; `HTTP-request-URI-invalid` without one. */
export function authorityOf(request) {
  const authority = request.authority();
  if (!authority) fail('HTTP-request-URI-invalid');
  return authority;
}

/** The request's method as sent: `GET`, ..., or an extension method as the component gave it. */
export function methodOf(request) {
  const method = request.method();
  return method.tag === 'other' ? method.val : method.tag.toUpperCase();
}

/** The request's path and query as sent, without a fragment: `/` when there is none. */
export const pathOf = (request) => (request.pathWithQuery() ?? '/').split('#', 1)[0] || '/';

/** A `request-options` duration (nanoseconds) in milliseconds. */
const ms = (ns) => (ns === undefined ? undefined : Number(ns) / 1e6);

/** The timeouts of `request-options` (if any) in milliseconds, undefined where not set. */
export const timeoutsOf = (options) => ({
  connect: ms(options?.connectTimeout()),
  firstByte: ms(options?.firstByteTimeout()),
  betweenBytes: ms(options?.betweenBytesTimeout()),
});
