// The worker thread behind io/worker.js: runs the operations the main thread calls, one at a
// time (the main thread waits for each reply), and wakes the main thread when the reply is
// posted. An operation may return a promise: the worker's event loop keeps running meanwhile.
import { workerData } from 'node:worker_threads';

const { port, flag } = workerData;

// Should this thread end (it failed, even to load), the main thread must not wait for it.
process.on('exit', () => {
  Atomics.store(flag, 1, 1);
  Atomics.notify(flag, 0);
});

const ops = {
  ...(await import('./worker-wait.js')).ops,
  ...(await import('../sockets/worker/ops.js')),
  ...(await import('../http/worker/ops.js')),
};

port.on('message', async ({ op, args }) => {
  let reply;
  try {
    reply = { value: await ops[op](...args) };
  } catch (error) {
    reply = { error, failed: true };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
