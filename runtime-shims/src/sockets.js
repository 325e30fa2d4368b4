// wasi:sockets: network, instance-network, tcp, tcp-create-socket, udp, udp-create-socket,
// ip-name-lookup. Sockets and lookups run in a worker thread (io/worker.js), since Node does
// network I/O only asynchronously and Wasm blocks the main thread; only with `config.network`.
import { ResolveAddressStream, resolveAddresses } from './sockets/lookup.js';
import { Network, instanceNetwork as getNetwork } from './sockets/network.js';
import { TcpSocket, createTcpSocket } from './sockets/tcp.js';
import { IncomingDatagramStream, OutgoingDatagramStream, UdpSocket, createUdpSocket } from './sockets/udp.js';

export const network = { Network };
export const instanceNetwork = { instanceNetwork: getNetwork };
export const tcp = { TcpSocket };
export const tcpCreateSocket = { createTcpSocket };
export const udp = { UdpSocket, IncomingDatagramStream, OutgoingDatagramStream };
export const udpCreateSocket = { createUdpSocket };
export const ipNameLookup = { ResolveAddressStream, resolveAddresses };
