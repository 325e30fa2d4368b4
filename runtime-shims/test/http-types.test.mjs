// wasi:http/types called directly, as generated code calls it, with bodies over in-memory
// sources and sinks. The fields, request and response rules expected are the ones wasmtime 49
// applies to the same calls.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { types } from '../src/http.js';
import { outgoingPipe } from '../src/http/messages.js';
import { streamFailure } from '../src/http/errors.js';
import { Pollable } from '../src/io/poll.js';
import { CLOSED } from '../src/io/error.js';

const {
  Fields,
  IncomingRequest,
  OutgoingRequest,
  RequestOptions,
  ResponseOutparam,
  IncomingResponse,
  IncomingBody,
  FutureTrailers,
  OutgoingResponse,
  OutgoingBody,
  FutureIncomingResponse,
  httpErrorCode,
} = types;

const bytes = (s) => new TextEncoder().encode(s);
const text = (b) => new TextDecoder().decode(b);
/** Entries as `name=value` strings. */
const show = (fields) => fields.entries().map(([n, v]) => `${n}=${text(v)}`);

/** What `f` throws, failing if it returns. */
function thrown(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('expected a throw');
}

const INVALID = { tag: 'invalid-syntax' };
const FORBIDDEN = { tag: 'forbidden' };
const IMMUTABLE = { tag: 'immutable' };

/** A body source the test feeds, as the network side would as data arrives. */
function fedSource() {
  const chunks = [];
  let trailers;
  const source = {
    closed: false,
    push: (chunk) => chunks.push(chunk),
    end: (result = { tag: 'ok', val: undefined }) => (trailers = result),
    read(len, blocking) {
      if (chunks.length === 0) {
        if (trailers) return null;
        assert.ok(!blocking, 'the test source has nothing to block for');
        return new Uint8Array(0);
      }
      const chunk = chunks.shift();
      if (chunk.length > len) chunks.unshift(chunk.subarray(len));
      return chunk.subarray(0, len);
    },
    pollable: () => new Pollable(() => chunks.length > 0 || trailers !== undefined),
    trailers: () => trailers,
    close: () => (source.closed = true),
  };
  return source;
}

/** A body sink that records what reaches it. */
function memorySink() {
  const sink = {
    chunks: [],
    flushes: 0,
    end: undefined,
    write: (chunk) => sink.chunks.push(text(chunk)),
    flush: () => sink.flushes++,
    finish: (trailers) => (sink.end = { trailers }),
    abort: () => (sink.end = 'abort'),
  };
  return sink;
}

describe('the interface', () => {
  test('every resource function of wasi:http/types@0.2.x is there', () => {
    const methods = {
      Fields: ['get', 'has', 'set', 'delete', 'append', 'entries', 'clone'],
      IncomingRequest: ['method', 'pathWithQuery', 'scheme', 'authority', 'headers', 'consume'],
      OutgoingRequest: ['body', 'method', 'setMethod', 'pathWithQuery', 'setPathWithQuery', 'scheme', 'setScheme', 'authority', 'setAuthority', 'headers'],
      RequestOptions: ['connectTimeout', 'setConnectTimeout', 'firstByteTimeout', 'setFirstByteTimeout', 'betweenBytesTimeout', 'setBetweenBytesTimeout'],
      IncomingResponse: ['status', 'headers', 'consume'],
      IncomingBody: ['stream'],
      FutureTrailers: ['subscribe', 'get'],
      OutgoingResponse: ['statusCode', 'setStatusCode', 'headers', 'body'],
      OutgoingBody: ['write'],
      FutureIncomingResponse: ['subscribe', 'get'],
    };
    for (const [name, list] of Object.entries(methods)) {
      for (const m of list) assert.equal(typeof types[name].prototype[m], 'function', `${name}.${m}`);
    }
    for (const [name, m] of [['Fields', 'fromList'], ['ResponseOutparam', 'set'], ['IncomingBody', 'finish'], ['OutgoingBody', 'finish']]) {
      assert.equal(typeof types[name][m], 'function', `${name}.${m}`);
    }
    assert.equal(typeof httpErrorCode, 'function');
  });
});

describe('fields', () => {
  test('names: tokens of any case, stored lower-case', () => {
    const f = new Fields();
    for (const name of ['a b', '', 'x:y', '"q"', 'é', 'a@b', 'x(y', 'tab\t', 'a'.repeat(65536)]) {
      assert.deepEqual(thrown(() => f.append(name, bytes('v'))), INVALID, name);
    }
    f.append('Foo', bytes('1'));
    f.append("!#$%&'*+-.^_`|~09AZaz", bytes('2'));
    f.append('a'.repeat(65535), bytes('3'));
    assert.equal(f.entries()[0][0], 'foo');
    assert.deepEqual(f.get('FOO').map(text), ['1']);
    assert.ok(f.has('fOo'));
    assert.deepEqual(f.get('a b'), []);
    assert.equal(f.has('a b'), false);
  });

  test('values: any byte but controls (tab aside) and DEL', () => {
    const f = new Fields();
    for (const v of [[], [0x61, 0x09, 0x62], [0x20, 0x61, 0x20], [0x80, 0xff]]) f.append('v', new Uint8Array(v));
    for (const v of [[0x7f], [0x00], [0x0d], [0x0a], [0x1f]]) {
      assert.deepEqual(thrown(() => f.append('v', new Uint8Array(v))), INVALID, String(v));
    }
    assert.equal(f.get('v').length, 4);
  });

  test('content-length values are digits, a u64', () => {
    const f = new Fields();
    for (const v of ['5', '05', '0', '18446744073709551615']) f.append('content-length', bytes(v));
    for (const v of ['+5', ' 5', '5 ', '', 'abc', '5, 5', '-1', '18446744073709551616']) {
      assert.deepEqual(thrown(() => f.append('Content-Length', bytes(v))), INVALID, v);
    }
    assert.deepEqual(thrown(() => f.set('content-length', [bytes('1'), bytes('x')])), INVALID);
    assert.deepEqual(thrown(() => Fields.fromList([['content-length', bytes('x')]])), INVALID);
  });

  test('forbidden names, as wasmtime forbids them', () => {
    const f = new Fields();
    for (const name of ['connection', 'Keep-Alive', 'proxy-authenticate', 'proxy-authorization', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'HOST', 'http2-settings']) {
      assert.deepEqual(thrown(() => f.append(name, bytes('x'))), FORBIDDEN, name);
    }
    for (const name of ['te', 'trailer', 'set-cookie', 'expect']) f.append(name, bytes('x'));
    assert.deepEqual(thrown(() => f.set('host', [])), FORBIDDEN);
    assert.deepEqual(thrown(() => f.delete('host')), FORBIDDEN);
    assert.deepEqual(thrown(() => f.delete('a b')), INVALID);
  });

  test('a failed set changes nothing', () => {
    const f = new Fields();
    assert.deepEqual(thrown(() => f.set('good', [bytes('ok'), bytes('b\nad')])), INVALID);
    assert.equal(f.has('good'), false);
  });

  test("entries: each name's values together; a deleted name's place goes to the last name", () => {
    const g = new Fields();
    for (const [n, v] of [['a', '1'], ['B', '2'], ['c', '3'], ['a', '4'], ['d', '5']]) g.append(n, bytes(v));
    assert.deepEqual(show(g), ['a=1', 'a=4', 'b=2', 'c=3', 'd=5']);
    g.delete('a');
    assert.deepEqual(show(g), ['d=5', 'b=2', 'c=3']);
    g.set('b', [bytes('x'), bytes('y')]);
    assert.deepEqual(show(g), ['d=5', 'b=x', 'b=y', 'c=3']);
    g.set('e', [bytes('z')]);
    g.set('c', []);
    assert.deepEqual(show(g), ['d=5', 'b=x', 'b=y', 'e=z']);
    g.delete('nope');
    g.append('empty', bytes(''));
    assert.deepEqual(g.get('empty'), [new Uint8Array(0)]);
    assert.ok(g.has('empty'));
  });

  test('from-list and clone', () => {
    const f = Fields.fromList([['a', bytes('1')], ['A', bytes('2')], ['b', bytes('3')]]);
    assert.deepEqual(show(f), ['a=1', 'a=2', 'b=3']);
    assert.deepEqual(thrown(() => Fields.fromList([['a b', bytes('1')]])), INVALID);
    assert.deepEqual(thrown(() => Fields.fromList([['host', bytes('1')]])), FORBIDDEN);
    assert.deepEqual(thrown(() => Fields.fromList([['a', bytes('\n')]])), INVALID);
    const c = f.clone();
    c.append('new', bytes('1'));
    assert.deepEqual(show(f), ['a=1', 'a=2', 'b=3']);
    assert.deepEqual(show(c), ['a=1', 'a=2', 'b=3', 'new=1']);
  });

  test('headers once attached are immutable; syntax and forbidden names are checked first', () => {
    const req = new OutgoingRequest(Fields.fromList([['x', bytes('1')]]));
    const h = req.headers();
    assert.deepEqual(thrown(() => h.append('y', bytes('1'))), IMMUTABLE);
    assert.deepEqual(thrown(() => h.set('x', [])), IMMUTABLE);
    assert.deepEqual(thrown(() => h.delete('x')), IMMUTABLE);
    assert.deepEqual(thrown(() => h.append('a b', bytes('1'))), INVALID);
    assert.deepEqual(thrown(() => h.append('host', bytes('1'))), FORBIDDEN);
    assert.deepEqual(thrown(() => h.append('y', bytes('\n'))), INVALID);
    const c = h.clone();
    c.append('y', bytes('2'));
    assert.deepEqual(show(c), ['x=1', 'y=2']);
    assert.deepEqual(show(req.headers()), ['x=1']);
    assert.notEqual(req.headers(), h);
  });

  test('the fields given to a constructor are copied', () => {
    const f = Fields.fromList([['x', bytes('1')]]);
    const resp = new OutgoingResponse(f);
    f.append('y', bytes('2'));
    assert.deepEqual(show(resp.headers()), ['x=1']);
  });
});

describe('requests', () => {
  test('outgoing-request: defaults, and setters checked as wasmtime checks them', () => {
    const req = new OutgoingRequest(new Fields());
    assert.deepEqual([req.method(), req.pathWithQuery(), req.scheme(), req.authority()], [{ tag: 'get' }, undefined, undefined, undefined]);

    for (const m of [{ tag: 'post' }, { tag: 'other', val: 'PURGE' }, { tag: 'other', val: 'GET' }, { tag: 'other', val: 'x#y' }]) {
      req.setMethod(m);
      assert.deepEqual(req.method(), m);
    }
    for (const bad of ['', 'a b', 'é']) assert.throws(() => req.setMethod({ tag: 'other', val: bad }), RangeError);
    assert.deepEqual(req.method(), { tag: 'other', val: 'x#y' });

    for (const p of ['/a?b=c', '', '/x#frag', '/é?é', '/{"}', '/a\\b', '/a?`', '?q', '/a#x y', undefined]) {
      req.setPathWithQuery(p);
      assert.equal(req.pathWithQuery(), p);
    }
    for (const bad of ['a b', '*', 'a', '#', '/a?<>', '/a`', '/a?"', '/a b#x']) assert.throws(() => req.setPathWithQuery(bad), RangeError, bad);

    for (const s of [{ tag: 'HTTPS' }, { tag: 'other', val: 'ftp' }, { tag: 'other', val: '' }, { tag: 'other', val: 'HTTP' }, { tag: 'other', val: 'a'.repeat(64) }, undefined]) {
      req.setScheme(s);
      assert.deepEqual(req.scheme(), s);
    }
    for (const bad of ['a b', 'x:y', 'a'.repeat(65)]) assert.throws(() => req.setScheme({ tag: 'other', val: bad }), RangeError);

    const authorities = ['example.com', 'example.com:8080', 'user@host:1', '[::1]', '[::1]:443', '[::1]x', '@a', 'a@b@c', ':80', 'a:+1', 'a:00080', 'a:65535', 'u%41@h'];
    for (const a of [...authorities, undefined]) {
      req.setAuthority(a);
      assert.equal(req.authority(), a);
    }
    const bad = ['', 'a b', 'example.com:', 'example.com:abc', 'a:65536', '[::1', '[::1]:', 'ex/ample', 'ex?a', 'a:1:2', 'u:p@h', 'a@', '%41', 'é', 'a]', 'a['];
    for (const a of bad) assert.throws(() => req.setAuthority(a), RangeError, a);
  });

  test('incoming-request: what the host gives, headers immutable without forbidden names', () => {
    const source = fedSource();
    const req = new IncomingRequest({
      method: { tag: 'put' },
      pathWithQuery: '/p?q',
      scheme: { tag: 'HTTP' },
      authority: 'example.com',
      headers: [['Host', bytes('example.com')], ['X-A', bytes('1')], ['x-a', bytes('2')]],
      body: source,
    });
    assert.deepEqual([req.method(), req.pathWithQuery(), req.scheme(), req.authority()], [{ tag: 'put' }, '/p?q', { tag: 'HTTP' }, 'example.com']);
    const h = req.headers();
    assert.deepEqual(show(h), ['x-a=1', 'x-a=2']);
    assert.deepEqual(thrown(() => h.append('y', bytes('1'))), IMMUTABLE);
    const body = req.consume();
    assert.ok(body instanceof IncomingBody);
    assert.throws(() => req.consume(), /already taken/);
    req[Symbol.dispose]();
    assert.equal(source.closed, false, 'the body outlives its request');
  });

  test('an incoming request dropped unread closes its body', () => {
    const source = fedSource();
    new IncomingRequest({ method: { tag: 'get' }, headers: [], body: source })[Symbol.dispose]();
    assert.ok(source.closed);
  });

  test('request-options: every timeout accepted', () => {
    const o = new RequestOptions();
    assert.deepEqual([o.connectTimeout(), o.firstByteTimeout(), o.betweenBytesTimeout()], [undefined, undefined, undefined]);
    o.setConnectTimeout(5n);
    o.setFirstByteTimeout(2n ** 64n - 1n);
    o.setBetweenBytesTimeout(undefined);
    assert.deepEqual([o.connectTimeout(), o.firstByteTimeout(), o.betweenBytesTimeout()], [5n, 2n ** 64n - 1n, undefined]);
  });
});

describe('outgoing bodies', () => {
  test('a response body streams into the sink the host connects, written before or after', () => {
    let delivered;
    const out = new ResponseOutparam((r) => (delivered = r));
    const resp = new OutgoingResponse(Fields.fromList([['content-type', bytes('text/plain')]]));
    resp.setStatusCode(201);
    const body = resp.body();
    const stream = body.write();
    stream.blockingWriteAndFlush(bytes('hello '));
    ResponseOutparam.set(out, { tag: 'ok', val: resp });

    assert.equal(delivered.tag, 'ok');
    const { status, headers, body: pipe } = delivered.val;
    assert.equal(status, 201);
    assert.deepEqual(headers.map(([n, v]) => [n, text(v)]), [['content-type', 'text/plain']]);
    const sink = memorySink();
    pipe.connect(sink);
    assert.deepEqual(sink.chunks, ['hello ']);
    stream.write(bytes('world'));
    stream.flush();
    assert.deepEqual(sink.chunks, ['hello ', 'world']);
    assert.equal(sink.flushes, 1);
    stream[Symbol.dispose]();
    OutgoingBody.finish(body, Fields.fromList([['x-trailer', bytes('1')]]));
    assert.deepEqual(sink.end.trailers.map(([n, v]) => [n, text(v)]), [['x-trailer', '1']]);
  });

  test('a response whose body was never asked for has none; errors are delivered as given', () => {
    const delivered = [];
    ResponseOutparam.set(new ResponseOutparam((r) => delivered.push(r)), { tag: 'ok', val: new OutgoingResponse(new Fields()) });
    const err = { tag: 'internal-error', val: 'oops' };
    ResponseOutparam.set(new ResponseOutparam((r) => delivered.push(r)), { tag: 'err', val: err });
    assert.deepEqual(delivered, [
      { tag: 'ok', val: { status: 200, headers: [], body: undefined } },
      { tag: 'err', val: err },
    ]);
  });

  test('status codes 100 to 999', () => {
    const resp = new OutgoingResponse(new Fields());
    for (const s of [0, 99, 1000]) assert.throws(() => resp.setStatusCode(s), RangeError);
    for (const s of [100, 599, 999]) {
      resp.setStatusCode(s);
      assert.equal(resp.statusCode(), s);
    }
  });

  test('body and write once each; the stream must be dropped before finish or drop', () => {
    const req = new OutgoingRequest(new Fields());
    assert.equal(outgoingPipe(req), undefined);
    const body = req.body();
    assert.throws(() => req.body(), /already taken/);
    const stream = body.write();
    assert.throws(() => body.write(), /already taken/);
    assert.throws(() => OutgoingBody.finish(body), WebAssembly.RuntimeError);
    assert.throws(() => body[Symbol.dispose](), WebAssembly.RuntimeError);
    stream[Symbol.dispose]();
    const sink = memorySink();
    outgoingPipe(req).connect(sink);
    OutgoingBody.finish(body);
    assert.deepEqual(sink.end, { trailers: undefined });
  });

  test('a body dropped without finish is aborted', () => {
    const resp = new OutgoingResponse(new Fields());
    const body = resp.body();
    body[Symbol.dispose]();
    const sink = memorySink();
    outgoingPipe(resp).connect(sink);
    assert.equal(sink.end, 'abort');
  });

  test('content-length: a short body fails at finish, a long one at the write', () => {
    const withLength = (Class) => new Class(Fields.fromList([['content-length', bytes('5')]]));

    const short = withLength(OutgoingResponse);
    const body = short.body();
    const stream = body.write();
    stream.write(bytes('ab'));
    stream[Symbol.dispose]();
    assert.deepEqual(thrown(() => OutgoingBody.finish(body)), { tag: 'HTTP-response-body-size', val: 2n });
    const sink = memorySink();
    outgoingPipe(short).connect(sink);
    assert.deepEqual(sink.chunks, ['ab']);
    assert.equal(sink.end, 'abort');

    const long = withLength(OutgoingResponse);
    const longBody = long.body();
    const longStream = longBody.write();
    const e = thrown(() => longStream.write(bytes('abcdefg')));
    assert.equal(e.tag, 'last-operation-failed');
    assert.deepEqual(httpErrorCode(e.val), { tag: 'HTTP-response-body-size', val: 7n });
    assert.equal(e.val.toDebugString(), 'HTTP-response-body-size: 7');
    longStream[Symbol.dispose]();
    assert.deepEqual(thrown(() => OutgoingBody.finish(longBody)), { tag: 'HTTP-response-body-size', val: 7n });

    const exact = withLength(OutgoingResponse);
    const exactBody = exact.body();
    const exactStream = exactBody.write();
    exactStream.write(bytes('abcde'));
    exactStream[Symbol.dispose]();
    OutgoingBody.finish(exactBody);

    assert.deepEqual(thrown(() => OutgoingBody.finish(withLength(OutgoingRequest).body())), { tag: 'HTTP-request-body-size', val: 0n });
  });

  test('a sink that fails makes the write fail', () => {
    const resp = new OutgoingResponse(new Fields());
    const stream = resp.body().write();
    outgoingPipe(resp).connect({ ...memorySink(), write: () => { throw CLOSED; } });
    assert.equal(thrown(() => stream.write(bytes('x'))), CLOSED);
  });

  test('http-error-code finds the error-code of wasi:http stream failures only', () => {
    assert.equal(httpErrorCode(streamFailure({ tag: 'HTTP-protocol-error' }).val).tag, 'HTTP-protocol-error');
    const resp = new OutgoingResponse(new Fields());
    const stream = resp.body().write();
    outgoingPipe(resp).connect({ ...memorySink(), write: () => { throw { tag: 'last-operation-failed', val: new (class {})() }; } });
    assert.equal(httpErrorCode(thrown(() => stream.write(bytes('x'))).val), undefined);
  });
});

describe('incoming bodies', () => {
  test('the stream reads what arrives; trailers come once the body is finished', () => {
    const source = fedSource();
    const resp = new IncomingResponse({ status: 200, headers: [], body: source });
    const body = resp.consume();
    const stream = body.stream();
    assert.throws(() => body.stream(), /already taken/);
    assert.deepEqual(stream.read(10n), new Uint8Array(0));
    assert.equal(stream.subscribe().ready(), false);
    source.push(bytes('hello world'));
    assert.ok(stream.subscribe().ready());
    assert.equal(text(stream.read(5n)), 'hello');
    assert.equal(text(stream.blockingRead(100n)), ' world');
    source.end({ tag: 'ok', val: [['X-Sum', bytes('abc')], ['host', bytes('dropped')]] });
    assert.deepEqual(thrown(() => stream.read(1n)), CLOSED);

    assert.throws(() => IncomingBody.finish(body), WebAssembly.RuntimeError);
    assert.throws(() => body[Symbol.dispose](), WebAssembly.RuntimeError);
    stream[Symbol.dispose]();
    assert.equal(source.closed, false);
    const future = IncomingBody.finish(body);
    assert.ok(future instanceof FutureTrailers);
    assert.ok(future.subscribe().ready());
    const got = future.get();
    assert.equal(got.tag, 'ok');
    assert.equal(got.val.tag, 'ok');
    const trailers = got.val.val;
    assert.deepEqual(show(trailers), ['x-sum=abc']);
    assert.deepEqual(thrown(() => trailers.append('y', bytes('1'))), IMMUTABLE);
    assert.deepEqual(future.get(), { tag: 'err' });
    future[Symbol.dispose]();
    assert.equal(source.closed, false, 'nothing to close once the trailers are in');
  });

  test('future-trailers: pending, none, or an error', () => {
    const source = fedSource();
    const future = IncomingBody.finish(new IncomingBody(source));
    const pollable = future.subscribe();
    assert.equal(pollable.ready(), false);
    assert.equal(future.get(), undefined);
    source.end();
    assert.ok(pollable.ready());
    assert.deepEqual(future.get(), { tag: 'ok', val: { tag: 'ok', val: undefined } });

    const failing = fedSource();
    const code = { tag: 'HTTP-protocol-error' };
    failing.end({ tag: 'err', val: code });
    assert.deepEqual(IncomingBody.finish(new IncomingBody(failing)).get(), { tag: 'ok', val: { tag: 'err', val: code } });
  });

  test('dropping a body or its future before the end closes the source', () => {
    const a = fedSource();
    new IncomingBody(a)[Symbol.dispose]();
    assert.ok(a.closed);
    const b = fedSource();
    IncomingBody.finish(new IncomingBody(b))[Symbol.dispose]();
    assert.ok(b.closed);
  });
});

describe('future-incoming-response', () => {
  test('pending, then the response once, then err', () => {
    let result;
    const future = new FutureIncomingResponse(() => result);
    assert.equal(future.get(), undefined);
    const pollable = future.subscribe();
    assert.equal(pollable.ready(), false);
    const source = fedSource();
    result = { tag: 'ok', val: { status: 404, headers: [['Content-Type', bytes('text/html')]], body: source } };
    assert.ok(pollable.ready());
    const got = future.get();
    assert.equal(got.tag, 'ok');
    assert.equal(got.val.tag, 'ok');
    const resp = got.val.val;
    assert.ok(resp instanceof IncomingResponse);
    assert.equal(resp.status(), 404);
    assert.deepEqual(show(resp.headers()), ['content-type=text/html']);
    source.push(bytes('gone'));
    source.end();
    const stream = resp.consume().stream();
    assert.equal(text(stream.blockingRead(10n)), 'gone');
    assert.deepEqual(future.get(), { tag: 'err' });
  });

  test('an error, and cancel when dropped unanswered', () => {
    const code = { tag: 'connection-refused' };
    assert.deepEqual(new FutureIncomingResponse(() => ({ tag: 'err', val: code })).get(), { tag: 'ok', val: { tag: 'err', val: code } });

    let cancelled = 0;
    const cancel = () => cancelled++;
    new FutureIncomingResponse(() => undefined, { cancel })[Symbol.dispose]();
    assert.equal(cancelled, 1);
    const answered = new FutureIncomingResponse(() => ({ tag: 'err', val: code }), { cancel });
    answered.get();
    answered[Symbol.dispose]();
    assert.equal(cancelled, 1);
  });

  test("the host's pollables, for waiting without polling", () => {
    const hostPollable = new Pollable(() => true);
    const future = new FutureIncomingResponse(() => undefined, { pollable: () => hostPollable });
    assert.equal(future.subscribe(), hostPollable);
    const source = { ...fedSource(), trailersPollable: () => hostPollable };
    assert.equal(IncomingBody.finish(new IncomingBody(source)).subscribe(), hostPollable);
  });
});
