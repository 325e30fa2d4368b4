function trap(message) {
  throw new WebAssembly.RuntimeError(message);
}
