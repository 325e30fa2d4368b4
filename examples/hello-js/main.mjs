// Calls the componentized example (app.js + world.wit), transpiled back to JS by
// `ferry transpile` into out/ (scripts/example.sh does both). Its WASI imports (console
// output) come from @ferry-wasm/shims, linked into out/node_modules.
import { greeter, countWords } from './out/hello.js';

console.log(greeter.greet('ferry'));
console.log(countWords('one two  three'));
