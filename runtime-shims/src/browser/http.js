// wasi:http in browsers: `types` as on Node, `outgoingHandler` over `fetch` (browser/http/).
// No incoming side: a page serves no requests.
import { handle } from './http/outgoing.js';

export { types } from '../http/types.js';

export const outgoingHandler = { handle };
