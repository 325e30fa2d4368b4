// TCP sockets in the worker. A socket starts as a libuv TCP handle, which can be bound before
// it listens or connects (Node's public API binds only as part of listening or connecting);
// then a net.Server or a net.Socket takes the handle over.
import { Server, Socket } from 'node:net';
import { unwatch, wake, watch } from '../../io/worker-wait.js';
import { Connection } from './connection.js';
import { check, errorCode } from './errors.js';
import { add, get } from './table.js';

const { TCP, constants } = process.binding('tcp_wrap');

/** A record for a socket: `handle` until it listens or connects, then `server` or `connection`. */
function record(fields) {
  const socket = {
    ...fields,
    close() {
      unwatch(socket.watch);
      if (socket.connection) socket.connection.close();
      else if (socket.server) socket.server.close();
      else socket.handle.close();
      socket.pending?.forEach(({ node }) => node.destroy());
    },
  };
  // The socket's pollable: once listening, a connection waits to be accepted; while
  // connecting, the attempt ended; otherwise always.
  socket.watch = watch(() => {
    if (socket.accepting) return socket.pending.length > 0;
    return !socket.connecting || socket.connected || socket.connection.error !== undefined;
  });
  return socket;
}

/** Operation: a new socket; its id and the id of its condition (`watch`). */
export function tcpCreate() {
  const socket = record({ handle: new TCP(constants.SOCKET) });
  return { id: add(socket), watch: socket.watch };
}

export function tcpBind(id, host, port, ipv6) {
  const { handle } = get(id);
  check(ipv6 ? handle.bind6(host, port, constants.UV_TCP_IPV6ONLY) : handle.bind(host, port));
  // libuv keeps "address in use" for later; getsockname reports it.
  check(handle.getsockname({}));
}

export function tcpListen(id, backlog) {
  const socket = get(id);
  const server = new Server({ pauseOnConnect: true, allowHalfOpen: true });
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(errorCode(error)));
    server.listen(socket.handle, backlog, () => {
      server.removeAllListeners('error');
      // Errors after listening concern connections not accepted yet: nothing to report.
      server.on('error', () => {});
      server.on('connection', (node) => {
        socket.pending.push({ node, ...names(node) });
        wake();
      });
      Object.assign(socket, { server, pending: [] });
      resolve();
    });
  });
}

/** Operation: the main thread finished listening; the pollable now waits for connections. */
export function tcpFinishListen(id) {
  get(id).accepting = true;
}

/** Operation: takes the next pending connection; the ids of its socket and conditions. */
export function tcpAccept(id) {
  const accepted = get(id).pending.shift();
  if (accepted === undefined) throw 'would-block';
  const { node, local, remote } = accepted;
  const connection = new Connection(node);
  const socket = record({ connection, local, remote });
  return { id: add(socket, 3), watch: socket.watch, readable: connection.readable };
}

export function tcpConnect(id, host, port) {
  const socket = get(id);
  const node = new Socket({ handle: socket.handle, pauseOnCreate: true, allowHalfOpen: true });
  socket.connecting = true;
  socket.connection = new Connection(node);
  node.connect({ host, port }, () => {
    Object.assign(socket, { connected: true, ...names(node) });
    wake();
  });
}

/** Operation: the id of the input stream's condition once connected; throws until then. */
export function tcpFinishConnect(id) {
  const socket = get(id);
  const { connection } = socket;
  if (!socket.connected && connection.error === undefined) throw 'would-block';
  socket.connecting = false;
  if (!socket.connected) throw connection.error;
  socket.refs += 2;
  return connection.readable;
}

/** The local and remote addresses of a connected socket, taken while open (Node cannot tell them after). */
function names(node) {
  return { local: node.address(), remote: { address: node.remoteAddress, port: node.remotePort } };
}

/** Operation: the local address, `{ address, port }`. */
export function tcpLocalAddress(id) {
  const socket = get(id);
  if (socket.local) return socket.local;
  if (socket.server) return socket.server.address();
  if (socket.connection) return socket.connection.socket.address();
  const name = {};
  check(socket.handle.getsockname(name));
  return name;
}

export const tcpRemoteAddress = (id) => get(id).remote;

export function tcpKeepAlive(id, enable, idleMs) {
  get(id).connection.socket.setKeepAlive(enable, idleMs);
}
