// `fetch`, `Request` and `Response` (WHATWG fetch, a subset) over wasi:http/outgoing-handler,
// called as a user's `import` would (`native.wasiHttp()` gives the import modules' objects).
// `fetch` sends the request and reads the whole response body in promise jobs that wait for
// wasi:http's pollables through the event loop (`internal.whenReady`), so other jobs, timers
// and fetches run meanwhile (an export that returns a promise runs the loop until it
// settles). A `Response` holds its body's bytes. Redirects are followed (`redirect:
// 'follow'`, at most 20), or not (`'manual'`: the 3xx response), or an error (`'error'`).
// Network failures reject with a `TypeError` naming the wasi:http `error-code`.
(function (native, internal) {
  'use strict';

  const { Headers } = internal;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const resolved = Promise.resolve();
  const dispose = Symbol.dispose;
  const READ_SIZE = 65536;
  // Methods written in upper case whatever case they are given in.
  const NORMALIZED = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT'];
  // Methods that are a case of wasi:http's `method` variant (upper case only).
  const WASI_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH'];
  const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
  const MAX_REDIRECTS = 20;
  // The headers that describe a body, dropped with it when a redirect turns a request into a GET.
  const BODY_HEADERS = ['content-encoding', 'content-language', 'content-location', 'content-type'];

  // An absolute http(s) URL, split as wasi:http takes it. There is no base URL to resolve a
  // relative one against (but a redirect's: `resolveUrl`). Characters a URL cannot hold are
  // percent-encoded (UTF-8).
  function parseUrl(input) {
    const text = String(input).trim().replace(/[\t\n\r]/g, '');
    const match = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/([^/?#\\]*)([^#]*)/.exec(text);
    if (match === null || match[2] === '') throw new TypeError(`Failed to parse URL from ${input}`);
    const scheme = match[1].toLowerCase();
    if (scheme !== 'http' && scheme !== 'https') {
      throw new TypeError(`fetch: the URL scheme "${scheme}" is not supported (http and https are)`);
    }
    if (match[2].includes('@')) {
      throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${input}`);
    }
    const authority = match[2].toLowerCase();
    const origin = `${scheme}://${authority}`;
    const encoded = `${match[3].startsWith('/') ? '' : '/'}${match[3]}`.replace(/[^\x21-\x7e]+/g, encodeURI);
    const path = removeDotSegments(encoded);
    return { href: `${origin}${path}`, origin, scheme, authority, path };
  }

  // `/a/./b/../c?q` -> `/a/c?q` (a path ending in `.` or `..` keeps its last slash).
  function removeDotSegments(pathWithQuery) {
    const [, path, query] = /^([^?]*)(.*)$/.exec(pathWithQuery);
    const segments = [];
    for (const segment of path.split('/').slice(1)) {
      if (segment === '..') segments.pop();
      else if (segment !== '.') segments.push(segment);
    }
    if (/\/\.\.?$/.test(path)) segments.push('');
    return `/${segments.join('/')}${query}`;
  }

  // A redirect's `location`, resolved against the URL it came from.
  function resolveUrl(location, base) {
    if (/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(location)) return parseUrl(location);
    if (location.startsWith('//')) return parseUrl(`${base.scheme}:${location}`);
    const path = base.path.replace(/[?].*/, '');
    if (location.startsWith('/')) return parseUrl(`${base.origin}${location}`);
    if (location.startsWith('?')) return parseUrl(`${base.origin}${path}${location}`);
    return parseUrl(`${base.origin}${path.slice(0, path.lastIndexOf('/') + 1)}${location}`);
  }

  // A body: its bytes (a copy) and the content-type it implies.
  function extractBody(body) {
    if (body === undefined || body === null) return null;
    if (body instanceof ArrayBuffer) return { bytes: new Uint8Array(body.slice(0)), type: null };
    if (ArrayBuffer.isView(body)) {
      return { bytes: new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength)), type: null };
    }
    return { bytes: encoder.encode(String(body)), type: 'text/plain;charset=UTF-8' };
  }

  function headersWithType(init, body) {
    const headers = new Headers(init);
    if (body?.type && !headers.has('content-type')) headers.set('content-type', body.type);
    return headers;
  }

  let requestParts;

  class Request {
    #url;
    #method;
    #headers;
    #body;
    #redirect;

    constructor(input, init = undefined) {
      init ??= {};
      const from = input instanceof Request ? input : undefined;
      this.#url = from ? from.#url : parseUrl(input);
      let method = init.method === undefined ? (from?.#method ?? 'GET') : String(init.method);
      if (NORMALIZED.includes(method.toUpperCase())) method = method.toUpperCase();
      const body = init.body === undefined ? (from?.#body ?? null) : extractBody(init.body);
      if (body !== null && (method === 'GET' || method === 'HEAD')) {
        throw new TypeError('Request with GET/HEAD method cannot have body.');
      }
      const redirect = init.redirect === undefined ? (from?.#redirect ?? 'follow') : String(init.redirect);
      if (!['follow', 'error', 'manual'].includes(redirect)) {
        throw new TypeError(`The redirect mode "${redirect}" is not one of follow, error, manual`);
      }
      this.#method = method;
      this.#headers = headersWithType(init.headers ?? from?.#headers, body);
      this.#body = body;
      this.#redirect = redirect;
    }

    get url() {
      return this.#url.href;
    }

    get method() {
      return this.#method;
    }

    get headers() {
      return this.#headers;
    }

    get redirect() {
      return this.#redirect;
    }

    static {
      requestParts = (r) => ({ url: r.#url, method: r.#method, headers: r.#headers, body: r.#body, redirect: r.#redirect });
    }
  }

  let received;

  class Response {
    #status;
    #statusText;
    #headers;
    #bytes;
    #url = '';
    #redirected = false;
    #used = false;

    constructor(body = null, init = undefined) {
      init ??= {};
      const status = init.status === undefined ? 200 : init.status;
      if (!Number.isInteger(status) || status < 200 || status > 599) {
        throw new RangeError(`The status provided (${status}) is outside the range [200, 599].`);
      }
      const extracted = extractBody(body);
      this.#status = status;
      this.#statusText = init.statusText === undefined ? '' : String(init.statusText);
      this.#headers = headersWithType(init.headers, extracted);
      this.#bytes = extracted?.bytes ?? null;
    }

    get status() {
      return this.#status;
    }

    get statusText() {
      return this.#statusText;
    }

    get ok() {
      return this.#status >= 200 && this.#status <= 299;
    }

    get headers() {
      return this.#headers;
    }

    get url() {
      return this.#url;
    }

    get redirected() {
      return this.#redirected;
    }

    get bodyUsed() {
      return this.#used;
    }

    arrayBuffer() {
      return this.#consume().then((bytes) => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    }

    text() {
      return this.#consume().then((bytes) => decoder.decode(bytes));
    }

    json() {
      return this.text().then(JSON.parse);
    }

    #consume() {
      if (this.#bytes === null) return Promise.resolve(new Uint8Array(0));
      if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
      this.#used = true;
      return Promise.resolve(this.#bytes);
    }

    static {
      // A response from the network: any status wasi:http gives, no reason phrase (wasi:http
      // does not carry it).
      received = ({ status, headers, bytes }, url, redirected) => {
        const response = new Response();
        response.#status = status;
        response.#headers = headers;
        response.#bytes = bytes;
        response.#url = url;
        response.#redirected = redirected;
        return response;
      };
    }
  }

  function latin1(bytes) {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return text;
  }

  // The message of a network error: the `error-code` case and its payload, if any.
  function networkError(code) {
    const detail = code.val === undefined ? '' : ` (${typeof code.val === 'string' ? code.val : internal.inspect(code.val)})`;
    return new TypeError(`fetch failed: ${code.tag}${detail}`, { cause: code });
  }

  // Resolves when `stream` (a future, an input or an output stream) is ready.
  async function ready(stream) {
    const pollable = stream.subscribe();
    try {
      await internal.whenReady(pollable);
    } finally {
      pollable[dispose]();
    }
  }

  // Follows `request`'s redirects as its `redirect` mode says: the response at the end.
  async function follow(http, request) {
    let { url, method, headers, body, redirect } = requestParts(request);
    for (let redirects = 0; ; redirects++) {
      const response = await send(http, url, method, headers, body);
      const location = response.headers.get('location');
      if (!REDIRECT_STATUSES.includes(response.status) || location === null || redirect === 'manual') {
        return received(response, url.href, redirects > 0);
      }
      if (redirect === 'error') throw new TypeError(`fetch failed: redirected to ${location} (redirect: 'error')`);
      if (redirects === MAX_REDIRECTS) throw new TypeError(`fetch failed: more than ${MAX_REDIRECTS} redirects`);
      const next = resolveUrl(location, url);
      headers = new Headers(headers);
      if (response.status === 303 ? method !== 'HEAD' : response.status <= 302 && method === 'POST') {
        method = 'GET';
        body = null;
        BODY_HEADERS.forEach((name) => headers.delete(name));
      }
      if (next.origin !== url.origin) headers.delete('authorization');
      url = next;
    }
  }

  // Sends a request and reads its response, disposing of every wasi:http resource it made
  // (the streams before the bodies they belong to).
  async function send({ types, outgoingHandler, ComponentError }, url, method, headers, body) {
    // `call()`'s result; a `ComponentError` it throws (its payload an `error-code`) as a
    // network error.
    const network = (call) => {
      try {
        return call();
      } catch (error) {
        throw error instanceof ComponentError ? networkError(error.payload) : error;
      }
    };
    // What a stream's read or write that threw `error` means: undefined if the stream is
    // closed, else the network error.
    const streamFailure = (error) => {
      if (!(error instanceof ComponentError)) throw error;
      if (error.payload.tag === 'closed') return undefined;
      const ioError = error.payload.val;
      try {
        const code = types.httpErrorCode(ioError);
        return code === undefined ? new TypeError(`fetch failed: ${ioError.toDebugString()}`) : networkError(code);
      } finally {
        ioError[dispose]();
      }
    };
    // Sets a part of the request; its setter fails (no payload) on a value wasi:http rejects.
    const set = (what, call) => {
      try {
        call();
      } catch (error) {
        throw error instanceof ComponentError ? new TypeError(`fetch: invalid ${what}`) : error;
      }
    };

    const owned = [];
    const own = (resource) => {
      owned.push(resource);
      return resource;
    };
    try {
      const fields = own(new types.Fields());
      const append = (name, value) => {
        try {
          fields.append(name, Uint8Array.from(value, (c) => c.charCodeAt(0)));
        } catch (error) {
          if (!(error instanceof ComponentError)) throw error;
          throw new TypeError(`fetch: the header "${name}" cannot be sent (wasi:http header-error ${error.payload.tag})`);
        }
      };
      for (const [name, value] of headers) append(name, value);
      if (body !== null && !headers.has('content-length')) append('content-length', String(body.bytes.length));
      const outgoing = own(new types.OutgoingRequest(fields));
      const wasiMethod = WASI_METHODS.includes(method) ? { tag: method.toLowerCase() } : { tag: 'other', val: method };
      set(`method "${method}"`, () => outgoing.setMethod(wasiMethod));
      set(`scheme "${url.scheme}"`, () => outgoing.setScheme({ tag: url.scheme.toUpperCase() }));
      set(`host "${url.authority}"`, () => outgoing.setAuthority(url.authority));
      set(`path "${url.path}"`, () => outgoing.setPathWithQuery(url.path));
      const outgoingBody = body === null ? undefined : own(outgoing.body());
      const future = own(network(() => outgoingHandler.handle(outgoing, undefined)));

      if (outgoingBody !== undefined) {
        // A body that cannot be written in full is dropped unfinished: the response, or
        // the error-code it ends in, says why.
        const output = own(outgoingBody.write());
        let complete = true;
        try {
          for (let at = 0; at < body.bytes.length; ) {
            const permitted = Number(output.checkWrite());
            if (permitted === 0) {
              await ready(output);
              continue;
            }
            const end = Math.min(body.bytes.length, at + permitted);
            output.write(body.bytes.subarray(at, end));
            at = end;
          }
          output.flush();
          await ready(output);
          output.checkWrite();
        } catch (error) {
          streamFailure(error);
          complete = false;
        }
        output[dispose]();
        if (complete) network(() => types.OutgoingBody.finish(outgoingBody, undefined));
        else outgoingBody[dispose]();
      }

      await ready(future);
      // option<result<result<incoming-response, error-code>>>: ready, not taken before.
      const result = future.get().val;
      if (result.tag === 'err') throw networkError(result.val);
      const response = own(result.val);
      const status = response.status();
      const responseFields = own(response.headers());
      const responseHeaders = new Headers();
      for (const [name, value] of responseFields.entries()) responseHeaders.append(name, latin1(value));
      responseFields[dispose]();

      const incomingBody = own(response.consume());
      const input = own(incomingBody.stream());
      const chunks = [];
      for (;;) {
        let chunk;
        try {
          chunk = input.read(READ_SIZE);
        } catch (error) {
          const failure = streamFailure(error);
          if (failure === undefined) break;
          throw failure;
        }
        if (chunk.length === 0) await ready(input);
        else chunks.push(chunk);
      }
      input[dispose]();
      // The trailers are not read.
      types.IncomingBody.finish(incomingBody)[dispose]();
      const bytes = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
      chunks.reduce((at, c) => (bytes.set(c, at), at + c.length), 0);
      return { status, headers: responseHeaders, bytes };
    } finally {
      for (const resource of owned.reverse()) resource[dispose]();
    }
  }

  let http;

  function fetch(input, init = undefined) {
    const why = native.unavailable.http;
    if (why !== undefined) throw new Error(internal.unavailableMessage('fetch', why));
    http ??= native.wasiHttp();
    let request;
    try {
      request = new Request(input, init);
    } catch (error) {
      return Promise.reject(error);
    }
    return resolved.then(() => follow(http, request));
  }

  for (const [name, value] of Object.entries({ fetch, Request, Response })) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  }
})
