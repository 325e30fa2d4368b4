// wasi:http responses: `incoming-response` and `future-incoming-response` (made by the host
// for `outgoing-handler.handle`), `outgoing-response` (made by the component) and
// `response-outparam` (made by the host for `incoming-handler.handle`).
import { Future } from './future.js';
import { IncomingMessage, OutgoingMessage, outgoingPipe } from './messages.js';
import { isStatus } from './syntax.js';

export class IncomingResponse extends IncomingMessage {
  #status;
  /** Made by the host: `{ status, headers, body }`, see http.js. */
  constructor({ status, headers, body }) {
    super(headers, body);
    this.#status = status;
  }
  status() {
    return this.#status;
  }
}

/** Made by the host: see http.js. */
export class FutureIncomingResponse extends Future {
  constructor(poll, options) {
    super(poll, (response) => new IncomingResponse(response), options);
  }
}

export class OutgoingResponse extends OutgoingMessage {
  #status = 200;
  constructor(headers) {
    super(headers, 'response');
  }
  statusCode() {
    return this.#status;
  }
  setStatusCode(status) {
    if (!isStatus(status)) throw new RangeError(`outgoing-response.set-status-code: invalid status ${status}`);
    this.#status = status;
  }
}

export class ResponseOutparam {
  #deliver;
  /** Made by the host: see http.js. */
  constructor(deliver) {
    this.#deliver = deliver;
  }
  static set(param, response) {
    if (response.tag === 'err') return param.#deliver(response);
    const r = response.val;
    param.#deliver({ tag: 'ok', val: { status: r.statusCode(), headers: r.headers().entries(), body: outgoingPipe(r) } });
  }
}
