import { x } from './nope.js';
export function hello() { return x; }
