// UDP sockets in the worker, over node:dgram. Datagrams that arrive are queued until the main
// thread receives them; beyond MAX_QUEUED they are dropped, as a full receive buffer would.
import { createSocket } from 'node:dgram';
import { unwatch, wake, watch } from '../../io/worker-wait.js';
import { errorCode } from './errors.js';
import { add, get } from './table.js';

const MAX_QUEUED = 1024;

/** Operation: a new socket; its id and the id of its incoming stream's condition. */
export function udpCreate(ipv6) {
  const node = createSocket(ipv6 ? { type: 'udp6', ipv6Only: true } : { type: 'udp4' });
  const socket = {
    node,
    queue: [],
    close() {
      unwatch(socket.readable);
      node.close();
    },
  };
  socket.readable = watch(() => socket.queue.length > 0);
  node.on('message', (data, { address, port }) => {
    if (socket.queue.length < MAX_QUEUED) socket.queue.push({ data: new Uint8Array(data), address, port });
    wake();
  });
  // Failed sends are reported to their callbacks, failed binds below: nothing else to report.
  node.on('error', () => {});
  return { id: add(socket), readable: socket.readable };
}

export function udpBind(id, host, port) {
  const { node } = get(id);
  return new Promise((resolve, reject) => {
    const fail = (error) => reject(errorCode(error));
    node.once('error', fail);
    node.bind({ address: host, port }, () => {
      node.off('error', fail);
      resolve();
    });
  });
}

/**
 * Operation: connects the socket to `host` and `port`, or only disconnects it (`host`
 * undefined), for two new datagram streams, which hold the socket.
 */
export async function udpStream(id, host, port) {
  const socket = get(id);
  const { node } = socket;
  try {
    node.disconnect();
  } catch {
    // It was not connected.
  }
  if (host !== undefined) {
    await new Promise((resolve, reject) => {
      node.connect(port, host, (error) => (error ? reject(errorCode(error)) : resolve()));
    });
  }
  socket.refs += 2;
}

export const udpLocalAddress = (id) => get(id).node.address();

/** Operation: up to `max` queued datagrams, `{ data, address, port }`. */
export const udpReceive = (id, max) => get(id).queue.splice(0, max);

/**
 * Operation: sends `datagrams` (`{ data, host, port }`, no `host` on a connected socket)
 * one after the other; how many went. Throws the error of the first if it fails.
 */
export async function udpSend(id, datagrams) {
  const { node } = get(id);
  let sent = 0;
  for (const { data, host, port } of datagrams) {
    const args = host === undefined ? [data] : [data, port, host];
    const error = await new Promise((resolve) => node.send(...args, resolve));
    if (error) {
      if (sent === 0) throw errorCode(error);
      break;
    }
    sent++;
  }
  return sent;
}
