import { get } from 'test:init/host';
const x = get();
export function hello() { return x; }
