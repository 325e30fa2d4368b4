import { punctuation } from './../../punctuation.js';
let n = 0;
export const counter = () => ++n + punctuation.length;
