// expect.txt's call on Node: the http globals say what the component lacks.
import assert from 'node:assert/strict';
import { load } from '../../node-harness.mjs';

const app = await load();
assert.equal(
  app.callFetch(),
  'Error: fetch needs wasi:http/outgoing-handler, which this component does not import; ' +
    'Error: Response needs wasi:http/outgoing-handler, which this component does not import',
);
