// The operations of outgoing HTTP requests that the main thread calls in the worker
// (io/worker-thread.js). A response body is read with the sockets' `tcpRead`, its record
// being released with their `release` (sockets/worker/).
export * from './request.js';
export * from './body.js';
