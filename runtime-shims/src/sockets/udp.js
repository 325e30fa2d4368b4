// wasi:sockets/udp and udp-create-socket: the socket's states and checks here, with wasmtime's
// error codes; the socket itself lives in the worker thread (worker/udp.js).
import { readyPollable, watched } from '../io/poll.js';
import { call } from '../io/worker.js';
import { checkLocal, checkRemote, hostText, sameAddress, socketAddress } from './address.js';
import { checkGranted, positive } from './network.js';

/** Datagrams `check-send` allows at once (as wasmtime). */
const SEND_PERMIT = 16;
/** Most datagrams one `receive` returns. */
const MAX_RECEIVE = 64;

export class UdpSocket {
  #family;
  #id;
  #readable;
  /** unbound, bind-started, bound. */
  #state = 'unbound';
  /** The `ip-socket-address` the socket is connected to (by `stream`), if any. */
  #remote;
  // Kept only: Node sets these only on a bound socket, and reads them back doubled (Linux).
  #options = { hopLimit: 64, receiveBuffer: 106496n, sendBuffer: 106496n };

  /** A socket of `family` over worker socket `id`, datagrams arriving with condition `readable`; internal. */
  constructor(family, { id, readable }) {
    this.#family = family;
    this.#id = id;
    this.#readable = readable;
  }

  startBind(network, localAddress) {
    if (this.#state === 'bind-started') throw 'concurrency-conflict';
    if (this.#state !== 'unbound') throw 'invalid-state';
    checkLocal(this.#family, localAddress);
    call('udpBind', this.#id, hostText(localAddress), localAddress.val.port);
    this.#state = 'bind-started';
  }
  finishBind() {
    if (this.#state !== 'bind-started') throw 'not-in-progress';
    this.#state = 'bound';
  }
  stream(remoteAddress) {
    if (this.#state !== 'bound') throw 'invalid-state';
    if (remoteAddress !== undefined) checkRemote(this.#family, remoteAddress);
    // The worker disconnects first, even if connecting then fails.
    this.#remote = undefined;
    call('udpStream', this.#id, remoteAddress && hostText(remoteAddress), remoteAddress?.val.port);
    this.#remote = remoteAddress;
    return [
      new IncomingDatagramStream(this.#id, this.#readable),
      new OutgoingDatagramStream(this.#id, this.#family, remoteAddress),
    ];
  }
  localAddress() {
    if (this.#state === 'unbound') throw 'invalid-state';
    return socketAddress(call('udpLocalAddress', this.#id));
  }
  remoteAddress() {
    if (this.#remote === undefined) throw 'invalid-state';
    return this.#remote;
  }
  addressFamily() {
    return this.#family;
  }
  unicastHopLimit() {
    return this.#options.hopLimit;
  }
  setUnicastHopLimit(value) {
    this.#options.hopLimit = positive(value);
  }
  receiveBufferSize() {
    return this.#options.receiveBuffer;
  }
  setReceiveBufferSize(value) {
    this.#options.receiveBuffer = positive(BigInt(value));
  }
  sendBufferSize() {
    return this.#options.sendBuffer;
  }
  setSendBufferSize(value) {
    this.#options.sendBuffer = positive(BigInt(value));
  }
  subscribe() {
    // Binding finishes at once: there is nothing else to wait for.
    return readyPollable();
  }
  [Symbol.dispose]() {
    call('release', this.#id);
  }
}

export class IncomingDatagramStream {
  #id;
  #readable;
  constructor(id, readable) {
    this.#id = id;
    this.#readable = readable;
  }
  receive(maxResults) {
    if (Number(maxResults) === 0) return [];
    const datagrams = call('udpReceive', this.#id, Math.min(Number(maxResults), MAX_RECEIVE));
    return datagrams.map(({ data, address, port }) => ({ data, remoteAddress: socketAddress({ address, port }) }));
  }
  subscribe() {
    return watched(this.#readable);
  }
  [Symbol.dispose]() {
    call('release', this.#id);
  }
}

export class OutgoingDatagramStream {
  #id;
  #family;
  #remote;
  #permit = 0;
  constructor(id, family, remote) {
    this.#id = id;
    this.#family = family;
    this.#remote = remote;
  }
  checkSend() {
    this.#permit = SEND_PERMIT;
    return BigInt(SEND_PERMIT);
  }
  /** Sends the datagrams up to the first invalid one; throws its error if that is the first. */
  send(datagrams) {
    // Sending more than `check-send` allowed traps in wasmtime.
    if (datagrams.length > this.#permit) throw new RangeError('send: more datagrams than check-send permitted');
    this.#permit = 0;
    const valid = [];
    for (const { data, remoteAddress } of datagrams) {
      try {
        valid.push(this.#datagram(data, remoteAddress));
      } catch (code) {
        if (valid.length === 0) throw code;
        break;
      }
    }
    return BigInt(valid.length > 0 ? call('udpSend', this.#id, valid) : 0);
  }
  /** The worker's form of a datagram; no `host` for the connected remote. */
  #datagram(data, remoteAddress) {
    if (this.#remote !== undefined) {
      if (remoteAddress !== undefined && !sameAddress(remoteAddress, this.#remote)) throw 'invalid-argument';
      return { data };
    }
    if (remoteAddress === undefined) throw 'invalid-argument';
    checkRemote(this.#family, remoteAddress);
    return { data, host: hostText(remoteAddress), port: remoteAddress.val.port };
  }
  subscribe() {
    return readyPollable();
  }
  [Symbol.dispose]() {
    call('release', this.#id);
  }
}

/** `create-udp-socket`: a socket of `ip-address-family` `family` ('ipv4' or 'ipv6'). */
export function createUdpSocket(family) {
  checkGranted('access-denied');
  return new UdpSocket(family, call('udpCreate', family === 'ipv6'));
}
