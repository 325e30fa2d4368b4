// The module was transpiled with `--async-mode jspi`: async imports suspend the component
// through JSPI, which older engines lack.
function requireJspi() {
  if (typeof WebAssembly.Suspending !== 'function' || typeof WebAssembly.promising !== 'function') {
    throw new Error('this module needs JSPI (WebAssembly.Suspending and WebAssembly.promising): it was transpiled with --async-mode jspi; run it in an engine with JSPI (Chromium 137+, Node 25+) or transpile it without --async-mode jspi');
  }
}
