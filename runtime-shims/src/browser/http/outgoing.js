// wasi:http/outgoing-handler in browsers: `handle` checks a request as the Node side does
// (http/target.js), then sends it with `fetch` once its body is complete (a page cannot stream
// a request body over HTTP/1.1). The future and the response body settle as the fetch does;
// waiting for them is a Promise (the JSPI contract).
import { outgoingPipe } from '../../http/messages.js';
import { FutureIncomingResponse } from '../../http/responses.js';
import { authorityOf, checkNetwork, methodOf, pathOf, schemeOf, timeoutsOf } from '../../http/target.js';
import { Pollable } from '../../io/pollable.js';
import { config } from '../config.js';
import { responseSource } from './response-body.js';

/** wasmtime's default for each timeout: 600 s. */
const DEFAULT_TIMEOUT_MS = 600_000;

/** Header values as `fetch` takes them, byte strings (a character per byte), and back. */
const byteString = (bytes) => Array.from(bytes, (b) => String.fromCharCode(b)).join('');
const bytesOf = (text) => Uint8Array.from(text, (c) => c.charCodeAt(0));

/**
 * A `fetch` of `url` with `init`, once `send(body)` is called: what the response future
 * polls (`poll()`, `pollable()`), `fail(code)` to fail it unsent, `cancel()` to abort it.
 * `timeouts` in ms (http/target.js): the head must come within connect + first-byte.
 */
function fetchExchange(url, init, timeouts) {
  const controller = new AbortController();
  let result; // the future's result, once the fetch settled
  let settle;
  const settled = new Promise((resolve) => (settle = resolve));
  const finish = (value) => {
    result ??= value;
    settle();
  };
  return {
    send(body) {
      let timedOut = false;
      const headMs = (timeouts.connect ?? DEFAULT_TIMEOUT_MS) + (timeouts.firstByte ?? DEFAULT_TIMEOUT_MS);
      const timer = setTimeout(() => {
        timedOut = true;
        controller.abort();
      }, headMs);
      fetch(url, { ...init, body, signal: controller.signal })
        .then(
          (response) =>
            finish({
              tag: 'ok',
              val: {
                status: response.status,
                headers: [...response.headers].map(([name, value]) => [name, bytesOf(value)]),
                body: responseSource(response.body, timeouts.betweenBytes ?? DEFAULT_TIMEOUT_MS),
              },
            }),
          // A page learns nothing more of why a fetch failed (refused, DNS, CORS look alike).
          (e) => finish({ tag: 'err', val: timedOut ? { tag: 'connection-timeout' } : { tag: 'internal-error', val: `fetch failed: ${e.message}` } }),
        )
        .finally(() => clearTimeout(timer));
    },
    fail: (code) => finish({ tag: 'err', val: code }),
    cancel() {
      controller.abort();
      result?.val?.body?.close?.();
    },
    poll: () => result,
    pollable: () => new Pollable(() => result !== undefined, { settled: () => settled }),
  };
}

/** The sink of a request body (see OutgoingPipe in http/bodies.js): kept until finished, then sent. */
function requestBodySink(exchange) {
  const chunks = [];
  return {
    write: (bytes) => chunks.push(bytes.slice()),
    finish(trailers) {
      if (trailers?.length) {
        const code = { tag: 'internal-error', val: 'fetch cannot send request trailers' };
        exchange.fail(code);
        throw code;
      }
      const body = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      chunks.reduce((at, c) => (body.set(c, at), at + c.length), 0);
      // `fetch` refuses any body, even an empty one, with GET and HEAD.
      exchange.send(body.length > 0 ? body : undefined);
    },
    abort: () => exchange.fail({ tag: 'internal-error', val: 'the request body was dropped unfinished' }),
  };
}

/** `handle`: sends `request`; the future of its response. Throws an `error-code` if it cannot be sent. */
export function handle(request, options) {
  checkNetwork(config.network, '`configure({ network: true })`');
  const url = `${schemeOf(request)}://${authorityOf(request)}${pathOf(request)}`;
  const headers = request.headers().entries().map(([name, value]) => [name, byteString(value)]);
  const exchange = fetchExchange(url, { method: methodOf(request), headers }, timeoutsOf(options));
  const pipe = outgoingPipe(request);
  if (pipe === undefined) exchange.send(undefined);
  else pipe.connect(requestBodySink(exchange));
  return new FutureIncomingResponse(exchange.poll, { cancel: exchange.cancel, pollable: exchange.pollable });
}
