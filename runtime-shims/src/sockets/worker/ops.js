// The sockets' operations that the main thread calls in the worker (io/worker-thread.js).
export { release } from './table.js';
export * from './tcp.js';
export * from './connection.js';
export * from './udp.js';
export * from './lookup.js';
