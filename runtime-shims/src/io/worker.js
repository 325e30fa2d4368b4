// Synchronous calls into a worker thread, for host work that only Node's asynchronous APIs can
// do (sockets, DNS). Wasm runs on the main thread and blocks it, so the worker owns that work
// and runs its own event loop; the main thread posts a request and sleeps on a shared flag
// until the reply is there. The worker's side is worker-thread.js.
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

let worker;

/** Starts the worker on first use; it never keeps the process alive. */
function start() {
  // flag[0]: a reply was posted; flag[1]: the worker thread ended.
  const flag = new Int32Array(new SharedArrayBuffer(8));
  const { port1, port2 } = new MessageChannel();
  const thread = new Worker(new URL('./worker-thread.js', import.meta.url), {
    workerData: { port: port2, flag },
    transferList: [port2],
  });
  thread.unref();
  port1.unref();
  return { port: port1, flag };
}

/**
 * Runs operation `op` of the worker with `args` (structured-cloneable) and returns its result,
 * blocking until it is there; throws what the operation threw (an `error-code` string for
 * the sockets' operations).
 */
export function call(op, ...args) {
  const { port, flag } = (worker ??= start());
  Atomics.store(flag, 0, 0);
  port.postMessage({ op, args });
  // A loop: the wake-up of a previous call can come late, after its reply was taken.
  while (Atomics.load(flag, 0) === 0 && Atomics.load(flag, 1) === 0) Atomics.wait(flag, 0, 0);
  const reply = receiveMessageOnPort(port);
  // The worker failed (its error is reported on the main thread's event loop).
  if (reply === undefined) throw new Error(`@ferry-wasm/shims: the worker thread ended, \`${op}\` cannot run`);
  const { value, error, failed } = reply.message;
  if (failed) throw error;
  return value;
}
