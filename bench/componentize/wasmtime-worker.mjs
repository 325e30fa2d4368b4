// The Node end of wasmtime_worker.py: one Python process per component, which compiles it
// once and then answers timed calls, so that neither Python's start-up nor the compilation
// is in what the section measures.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('wasmtime_worker.py', import.meta.url));

/**
 * Starts a worker on `component` with `python` (which has wasmtime-py). Returns
 * { call(func, args), fresh(func, args), close() }: `call` times one call into the worker's
 * long-lived instance, `fresh` a new Store, instantiation and one call; both resolve to
 * { ms, result } and reject with the worker's error. With `fuel`, the answers also have
 * `fuel`: the wasm instructions executed (wasmtime's fuel), and the calls run slower.
 */
export function startWorker(python, component, { fuel = false } = {}) {
  const child = spawn(python, [SCRIPT, component, ...(fuel ? ['--fuel'] : [])], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  // A worker that fails to start or dies shows up as the end of its answers (below).
  child.on('error', (e) => (stderr += e.message));
  child.stdin.on('error', () => {});
  const answers = createInterface({ input: child.stdout })[Symbol.asyncIterator]();

  async function request(op, func, args) {
    child.stdin.write(`${JSON.stringify({ op, func, args })}\n`);
    const { value: line, done } = await answers.next();
    if (done) throw new Error(`wasmtime-py stopped on ${component}: ${stderr.trim() || 'no output'}`);
    const answer = JSON.parse(line);
    if (answer.error) throw new Error(answer.error);
    return answer;
  }

  return {
    call: (func, args) => request('call', func, args),
    fresh: (func, args) => request('fresh', func, args),
    close: () => {
      child.stdin.end();
      child.kill();
    },
  };
}
