// Compiles a core module that sits next to this file: read from disk under Node, Deno and
// Bun, fetched with streaming compilation in browsers.
async function loadCoreModule(file) {
  const url = new URL(file, import.meta.url);
  if (url.protocol === 'file:') {
    const { readFile } = await import('node:fs/promises');
    return WebAssembly.compile(await readFile(url));
  }
  return WebAssembly.compileStreaming(fetch(url));
}
