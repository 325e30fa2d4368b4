// wasi:sockets/ip-name-lookup: IP literals answer at once; names are looked up by the worker
// thread (worker/lookup.js) with the system's resolver.
import { readyPollable, watched } from '../io/poll.js';
import { call } from '../io/worker.js';
import { parseIp } from './address.js';
import { checkGranted } from './network.js';

export class ResolveAddressStream {
  /** The addresses not returned yet, once known. */
  #addresses;
  #error;
  /** The worker's lookup while it runs: its id and condition. */
  #lookup;

  /** `{ ip }` for a literal, else `{ host }` to look up; internal. */
  constructor({ ip, host }) {
    if (ip) this.#addresses = [ip];
    else this.#lookup = call('lookupStart', host);
  }
  resolveNextAddress() {
    if (this.#lookup !== undefined) this.#collect();
    if (this.#error !== undefined) throw this.#error;
    return this.#addresses.shift();
  }
  /** Takes the lookup's result, or throws `would-block`. */
  #collect() {
    try {
      this.#addresses = call('lookupResult', this.#lookup.id).map(parseIp);
    } catch (code) {
      if (code === 'would-block') throw code;
      this.#error = code;
    }
    this[Symbol.dispose]();
  }
  subscribe() {
    return this.#lookup === undefined ? readyPollable() : watched(this.#lookup.watch);
  }
  [Symbol.dispose]() {
    if (this.#lookup !== undefined) call('release', this.#lookup.id);
    this.#lookup = undefined;
  }
}

/** `{ ip }` or `{ host }` for `name`: as wasmtime, an IP literal, `[IPv6]`, or a domain name as in URLs. */
function parseName(name) {
  const literal = parseIp(name.replace(/^\[(.*)\]$/, '$1'));
  if (literal) return { ip: literal };
  // Characters that would end a URL's host, or that no host may have.
  if (name === '' || /[\s#%/:<>?@[\\\]^|]/.test(name)) throw 'invalid-argument';
  let host;
  try {
    host = new URL(`http://${name}/`).hostname;
  } catch {
    throw 'invalid-argument';
  }
  const ip = parseIp(host);
  return ip ? { ip } : { host };
}

/** `resolve-addresses`: the addresses of `name` (without network: what wasmtime answers). */
export function resolveAddresses(network, name) {
  checkGranted('permanent-resolver-failure');
  return new ResolveAddressStream(parseName(name));
}
