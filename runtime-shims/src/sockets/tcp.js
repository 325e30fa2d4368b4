// wasi:sockets/tcp and tcp-create-socket. A socket's state machine runs here, with wasmtime's
// error codes; the socket itself lives in the worker thread (worker/tcp.js).
import { watched } from '../io/poll.js';
import { InputStream, OutputStream } from '../io/streams.js';
import { call } from '../io/worker.js';
import { checkLocal, checkRemote, hostText, socketAddress } from './address.js';
import { checkGranted, positive } from './network.js';
import { connectionSink, connectionSource } from './streams.js';

const SECOND = 1_000_000_000n;

/** Rounds a duration up to whole seconds, as the system keeps it. */
const seconds = (ns) => ((ns + SECOND - 1n) / SECOND) * SECOND;

export class TcpSocket {
  #family;
  #id;
  #watch;
  /** unbound, bind-started, bound, listen-started, listening, connecting, connected, closed. */
  #state;
  #backlog = 128;
  // The options, with wasmtime's defaults on Linux. Keep-alive is applied to connections; the
  // others are only kept, Node having no API for them.
  #options = {
    keepAlive: false,
    idle: 7200n * SECOND,
    interval: 75n * SECOND,
    count: 9,
    hopLimit: 64,
    receiveBuffer: 65536n,
    sendBuffer: 8192n,
  };

  /** A socket of `family` over worker socket `id` (with condition `watch`); internal. */
  constructor(family, { id, watch }, state = 'unbound') {
    this.#family = family;
    this.#id = id;
    this.#watch = watch;
    this.#state = state;
  }

  /** Throws unless the socket is in one of `states`; `concurrency-conflict` if in `busy`. */
  #expect(states, busy) {
    if (this.#state === busy) throw 'concurrency-conflict';
    if (!states.includes(this.#state)) throw 'invalid-state';
  }
  #finish(from, to) {
    if (this.#state !== from) throw 'not-in-progress';
    this.#state = to;
  }
  #streams(readable) {
    return [new InputStream(connectionSource(this.#id, readable)), new OutputStream(connectionSink(this.#id))];
  }
  #sendKeepAlive() {
    const { keepAlive, idle } = this.#options;
    call('tcpKeepAlive', this.#id, keepAlive, Number(idle / 1_000_000n));
  }
  #setOption(name, value) {
    this.#options[name] = value;
    if (this.#state === 'connected' && (name === 'keepAlive' || name === 'idle')) this.#sendKeepAlive();
  }

  startBind(network, localAddress) {
    this.#expect(['unbound'], 'bind-started');
    checkLocal(this.#family, localAddress);
    call('tcpBind', this.#id, hostText(localAddress), localAddress.val.port, this.#family === 'ipv6');
    this.#state = 'bind-started';
  }
  finishBind() {
    this.#finish('bind-started', 'bound');
  }
  startConnect(network, remoteAddress) {
    this.#expect(['unbound', 'bound'], 'connecting');
    checkRemote(this.#family, remoteAddress);
    call('tcpConnect', this.#id, hostText(remoteAddress), remoteAddress.val.port);
    this.#state = 'connecting';
  }
  finishConnect() {
    if (this.#state !== 'connecting') throw 'not-in-progress';
    let readable;
    try {
      readable = call('tcpFinishConnect', this.#id);
    } catch (code) {
      if (code !== 'would-block') this.#state = 'closed';
      throw code;
    }
    this.#state = 'connected';
    if (this.#options.keepAlive) this.#sendKeepAlive();
    return this.#streams(readable);
  }
  startListen() {
    this.#expect(['bound'], 'listen-started');
    call('tcpListen', this.#id, this.#backlog);
    this.#state = 'listen-started';
  }
  finishListen() {
    this.#finish('listen-started', 'listening');
    call('tcpFinishListen', this.#id);
  }
  accept() {
    this.#expect(['listening']);
    const { id, watch, readable } = call('tcpAccept', this.#id);
    // As on Linux, the connection has the options of the listener.
    const socket = new TcpSocket(this.#family, { id, watch }, 'connected');
    socket.#options = { ...this.#options };
    if (socket.#options.keepAlive) socket.#sendKeepAlive();
    return [socket, ...socket.#streams(readable)];
  }
  localAddress() {
    if (this.#state === 'unbound' || this.#state === 'closed') throw 'invalid-state';
    return socketAddress(call('tcpLocalAddress', this.#id));
  }
  remoteAddress() {
    this.#expect(['connected']);
    return socketAddress(call('tcpRemoteAddress', this.#id));
  }
  isListening() {
    return this.#state === 'listen-started' || this.#state === 'listening';
  }
  addressFamily() {
    return this.#family;
  }
  setListenBacklogSize(value) {
    positive(value);
    if (this.#state === 'connecting' || this.#state === 'connected') throw 'invalid-state';
    // Node cannot change the backlog of a listening socket: it applies to the next listen only.
    this.#backlog = Math.min(Number(value), 2 ** 31 - 1);
  }
  keepAliveEnabled() {
    return this.#options.keepAlive;
  }
  setKeepAliveEnabled(value) {
    this.#setOption('keepAlive', value);
  }
  keepAliveIdleTime() {
    return this.#options.idle;
  }
  setKeepAliveIdleTime(value) {
    this.#setOption('idle', seconds(positive(BigInt(value))));
  }
  keepAliveInterval() {
    return this.#options.interval;
  }
  setKeepAliveInterval(value) {
    this.#setOption('interval', seconds(positive(BigInt(value))));
  }
  keepAliveCount() {
    return this.#options.count;
  }
  setKeepAliveCount(value) {
    this.#setOption('count', positive(value));
  }
  hopLimit() {
    return this.#options.hopLimit;
  }
  setHopLimit(value) {
    this.#setOption('hopLimit', positive(value));
  }
  receiveBufferSize() {
    return this.#options.receiveBuffer;
  }
  setReceiveBufferSize(value) {
    this.#setOption('receiveBuffer', positive(BigInt(value)));
  }
  sendBufferSize() {
    return this.#options.sendBuffer;
  }
  setSendBufferSize(value) {
    this.#setOption('sendBuffer', positive(BigInt(value)));
  }
  subscribe() {
    return watched(this.#watch);
  }
  shutdown(shutdownType) {
    this.#expect(['connected']);
    call('tcpShutdown', this.#id, shutdownType);
  }
  [Symbol.dispose]() {
    call('release', this.#id);
  }
}

/** `create-tcp-socket`: a socket of `ip-address-family` `family` ('ipv4' or 'ipv6'). */
export function createTcpSocket(family) {
  checkGranted('access-denied');
  return new TcpSocket(family, call('tcpCreate'));
}
