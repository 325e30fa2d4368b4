// Name lookups in the worker, with the system's resolver (dns.lookup, as getaddrinfo).
import { lookup } from 'node:dns';
import { unwatch, wake, watch } from '../../io/worker-wait.js';
import { lookupErrorCode } from './errors.js';
import { add, get } from './table.js';

/** Operation: starts looking `host` up; the lookup's id and the id of its condition (done). */
export function lookupStart(host) {
  const query = { done: false, close: () => unwatch(query.watch) };
  query.watch = watch(() => query.done);
  lookup(host, { all: true, verbatim: true }, (error, addresses) => {
    Object.assign(query, { done: true, error: error && lookupErrorCode(error), addresses });
    wake();
  });
  return { id: add(query), watch: query.watch };
}

/** Operation: the addresses found (strings); throws `would-block` until the lookup is done. */
export function lookupResult(id) {
  const query = get(id);
  if (!query.done) throw 'would-block';
  if (query.error) throw query.error;
  return query.addresses.map(({ address }) => address);
}
