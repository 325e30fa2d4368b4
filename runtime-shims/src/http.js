// wasi:http: `types`, the data side (fields, requests, responses, bodies), with the rules
// wasmtime 49 applies (src/http/syntax.js), and `outgoingHandler` (http/outgoing.js), which
// sends requests from a worker thread. `ferry serve` is serve.js. These are the hooks of
// the network side. Values are WIT values as transpiled code passes them
// (js-conventions.md); `entries` are `[name, Uint8Array]` pairs.
//
// A body source (the host feeds an incoming body through it as data arrives):
//   read(len, blocking) -> Uint8Array (empty if nothing yet and not blocking), null at the end;
//                          may throw a stream-error, e.g. `streamFailure(code)` (http/errors.js)
//   pollable?()         -> a Pollable (io/poll.js), ready when `read` would not block
//   trailers()          -> undefined until the whole body has come, then
//                          { tag: 'ok', val: entries | undefined } or { tag: 'err', val: error-code }
//   trailersPollable?() -> a Pollable ready when `trailers()` is (default: one that calls it)
//   close?()            -> the component wants no more of this body
// A body sink (an outgoing body streams into it as the component writes):
//   write(bytes) (may throw a stream-error), flush?(), then finish(entries | undefined) or abort()
//
// (a) `ferry serve`, for each Node request:
//   new IncomingRequest({ method, pathWithQuery, scheme, authority, headers: entries, body: source })
//   new ResponseOutparam(deliver): `set` calls `deliver` with { tag: 'err', val: error-code } or
//   { tag: 'ok', val: { status, headers: entries, body } }; `body` is an OutgoingPipe: call
//   `body.connect(sink)` (what was written before comes at once), or undefined for an empty body.
//   If `incoming-handler.handle` returns without `set`, the host answers with an error.
// (b) `outgoing-handler.handle(request, options)`: read the request with its WIT methods
//   (`method()`, `scheme()`, `authority()`, `pathWithQuery()`, `headers().entries()`; options'
//   timeouts likewise), check it can be sent, `outgoingPipe(request)` (http/messages.js) gives its
//   body as above; return new FutureIncomingResponse(poll, { cancel, pollable }?): `poll()` returns
//   undefined until the response head is in, then { tag: 'ok', val: { status, headers: entries,
//   body: source } } or { tag: 'err', val: error-code }; `cancel()` runs if the component drops
//   it without taking the response; `pollable()` makes a Pollable ready when `poll` is.
import { handle } from './http/outgoing.js';

export { types } from './http/types.js';

export const outgoingHandler = { handle };
