// wasi:sockets addresses: `ip-address` (`{ tag: 'ipv4', val: [127, 0, 0, 1] }`, or 'ipv6'
// with eight 16-bit groups) and `ip-socket-address` (`{ tag: 'ipv4', val: { port, address } }`,
// 'ipv6' adding `flowInfo` and `scopeId`), to and from Node's address strings.
import { isIPv4, isIPv6 } from 'node:net';

/** The `ip-address` of an IP literal, or undefined if `text` is none. */
export function parseIp(text) {
  if (isIPv4(text)) return { tag: 'ipv4', val: text.split('.').map(Number) };
  if (!isIPv6(text)) return undefined;
  let groups = text.replace(/%.*/, '');
  // A dotted IPv4 tail (`::ffff:1.2.3.4`) is two groups.
  groups = groups.replace(/\d+\.\d+\.\d+\.\d+$/, (v4) => {
    const [a, b, c, d] = v4.split('.').map(Number);
    return `${(a * 256 + b).toString(16)}:${(c * 256 + d).toString(16)}`;
  });
  const [head, tail] = groups.split('::').map((part) => (part ? part.split(':').map((g) => parseInt(g, 16)) : []));
  const zeros = tail === undefined ? [] : new Array(8 - head.length - tail.length).fill(0);
  return { tag: 'ipv6', val: [...head, ...zeros, ...(tail ?? [])] };
}

/** The text of an `ip-address`. */
export const ipText = ({ tag, val }) =>
  tag === 'ipv4' ? val.join('.') : val.map((g) => g.toString(16)).join(':');

/** The `ip-socket-address` of Node's `{ address, port }`. */
export function socketAddress({ address, port }) {
  const ip = parseIp(address);
  return ip.tag === 'ipv4'
    ? { tag: 'ipv4', val: { port, address: ip.val } }
    : { tag: 'ipv6', val: { port, flowInfo: 0, address: ip.val, scopeId: 0 } };
}

/** Node's host text for an `ip-socket-address`. */
export function hostText({ tag, val }) {
  const text = ipText({ tag, val: val.address });
  return tag === 'ipv6' && val.scopeId ? `${text}%${val.scopeId}` : text;
}

export const sameAddress = (a, b) => a.tag === b.tag && a.val.port === b.val.port && hostText(a) === hostText(b);

/**
 * Throws `invalid-argument` unless `address` is one a socket of `family` may bind to: of that
 * family, not multicast or broadcast, not IPv4-mapped IPv6 (as wasmtime).
 */
export function checkLocal(family, { tag, val: { address } }) {
  const invalid =
    tag !== family ||
    (tag === 'ipv4'
      ? (address[0] >= 224 && address[0] <= 239) || address.every((b) => b === 255)
      : address[0] >= 0xff00 || (address.slice(0, 5).every((g) => g === 0) && address[5] === 0xffff));
  if (invalid) throw 'invalid-argument';
}

/** Throws `invalid-argument` unless `address` is one a socket of `family` may send to. */
export function checkRemote(family, address) {
  checkLocal(family, address);
  if (address.val.port === 0 || address.val.address.every((g) => g === 0)) throw 'invalid-argument';
}
