// The operations of HTTP that the main thread calls in the worker (io/worker-thread.js):
// outgoing requests, and `ferry serve`'s server. A response body is read with the sockets'
// `tcpRead`, its record being released with their `release` (sockets/worker/).
export * from './request.js';
export * from './body.js';
export * from './serve.js';
