import { punctuation } from '../punctuation.js';
export const greet = (name) => `hello ${name}${punctuation}`;
