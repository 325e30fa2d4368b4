// @ferry-wasm/shims: WASI 0.2 for transpiled components. The interfaces are the subpaths
// (`@ferry-wasm/shims/cli`, `/clocks`, `/filesystem`, `/http`, `/io`, `/random`, `/sockets`);
// this entry point configures what they grant.
export { configure } from './config.js';
