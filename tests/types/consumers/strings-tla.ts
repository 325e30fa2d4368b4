// `ferry transpile strings-utf8.wasm --tla-compat`: world-level functions and `$init`.
import { $init, echo, codeUnits, concat } from './out/strings-tla/strings-utf8.js';

await $init;
const s: string = echo('é');
const units: Uint16Array = codeUnits('x');
const joined: string = concat(['a', 'b']);
