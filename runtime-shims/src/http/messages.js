// What requests and responses share: immutable headers, and a body taken at most once.
import { IncomingBody, OutgoingBody, OutgoingPipe } from './bodies.js';
import { immutableCopy, receivedFields } from './fields.js';

export class IncomingMessage {
  #headers;
  #body;
  /** `headers`: `[name, Uint8Array]` pairs as received; `body`: a body source (see http.js). */
  constructor(headers, body) {
    this.#headers = receivedFields(headers);
    this.#body = body;
  }
  headers() {
    return immutableCopy(this.#headers);
  }
  consume() {
    if (this.#body === undefined) throw new Error('consume: the body was already taken');
    const body = new IncomingBody(this.#body);
    this.#body = undefined;
    return body;
  }
  [Symbol.dispose]() {
    this.#body?.close?.();
  }
}

/**
 * The body of an outgoing request or response, for the host that sends it: an `OutgoingPipe`
 * to connect a sink to, or undefined if the component never asked for it (an empty body).
 */
export let outgoingPipe;

export class OutgoingMessage {
  #headers;
  #kind;
  #pipe;
  /** `headers`: the component's fields, now the message's; `kind`: `'request'` or `'response'`. */
  constructor(headers, kind) {
    this.#headers = immutableCopy(headers);
    this.#kind = kind;
  }
  headers() {
    return immutableCopy(this.#headers);
  }
  body() {
    if (this.#pipe) throw new Error(`outgoing-${this.#kind}.body: the body was already taken`);
    // Fields hold only valid content-length values: digits.
    const [length] = this.#headers.get('content-length');
    this.#pipe = new OutgoingPipe(this.#kind, length && BigInt(new TextDecoder().decode(length)));
    return new OutgoingBody(this.#pipe);
  }
  static {
    outgoingPipe = (message) => message.#pipe;
  }
}
