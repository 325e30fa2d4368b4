// Run after transpiling the component:
//   ferry transpile add.wasm -o out
//   node main.mjs
// The generated module instantiates the component when it is imported.
import { add } from './out/add.js';

console.log(`add(2, 3) = ${add(2, 3)}`);
