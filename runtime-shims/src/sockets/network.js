// wasi:sockets/network and instance-network. A `network` grants nothing by itself: what the
// component may do is `config.network`, checked where sockets are made and names looked up.
// Also the checks of arguments that TCP and UDP share.
import { config } from '../config.js';

export class Network {}

export const instanceNetwork = () => new Network();

/** Throws `code` (wasmtime's error for the operation) unless the host granted the network. */
export function checkGranted(code) {
  if (!config.network) throw code;
}

/** `value` (a size, a count, a duration), unless it is 0: `invalid-argument` (as wasmtime). */
export function positive(value) {
  if (Number(value) === 0) throw 'invalid-argument';
  return value;
}
