// Compiles a core module next to this file: streamed in browsers, read from disk elsewhere
// (`fs` taken where bundlers do not look; each call's `new URL` is what they follow).
async function loadCoreModule(url) {
  if (url.protocol !== 'file:') return WebAssembly.compileStreaming(fetch(url));
  const id = 'fs/promises';
  const fs = globalThis.process?.getBuiltinModule?.(id) ?? (await import(/* @vite-ignore */ id));
  return WebAssembly.compile(await fs.readFile(url));
}
