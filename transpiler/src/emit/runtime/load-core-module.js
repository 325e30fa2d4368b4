// Compiles a core module that sits next to this file. Each call names it as
// `new URL('<file>', import.meta.url)`, which bundlers see and emit the file for. Under Node,
// Deno and Bun it is read from disk, with `fs` from `process.getBuiltinModule` (Node 20.16+)
// or else an import whose specifier bundlers cannot see: a browser bundle gets no `node:`
// import to fail on or stub. Browsers fetch it with streaming compilation.
async function loadCoreModule(url) {
  if (url.protocol === 'file:') {
    const fsPromises = 'fs/promises';
    const fs = globalThis.process?.getBuiltinModule?.(fsPromises) ?? (await import(/* @vite-ignore */ /* webpackIgnore: true */ fsPromises));
    return WebAssembly.compile(await fs.readFile(url));
  }
  return WebAssembly.compileStreaming(fetch(url));
}
