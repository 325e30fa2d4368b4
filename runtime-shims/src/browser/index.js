// @ferry-wasm/shims in browsers: `configure` what the component may use, read back the files
// it wrote in memory, and catch its exit (`ExitError`, with its `code`).
export { ExitError } from '../cli/interfaces.js';
export { configure } from './config.js';
export { files, readFile, writeFile } from './filesystem/tree.js';
