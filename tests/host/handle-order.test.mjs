// Handles leave a component's table in field order when an import's argument is lifted, as
// the canonical ABI does, so the indices the table gives next are the spec's
// (tests/components/wat/handle-order.wat). Found by the differential checker: an `own`
// field before a variant holding one was lifted after it, and wasmtime gave the host's
// objects back other indices than ferry.

import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { load } from './transpile.mjs';

describe('handle order', () => {
  class Res {}
  const imports = { res: Res, echo: (x) => x, 'echo-big': (x) => x };

  test('a pair lifted from flat values frees its handles first to last', async () => {
    const { flat } = await (await load('handle-order')).instantiate(imports);
    // Lowered as 1 and 2, freed 1 then 2; handed back, the pair takes 2 then 1.
    assert.equal(flat([new Res(), new Res()]), (2n << 32n) | 1n);
  });

  test('a pair lifted from memory frees its handles first to last', async () => {
    const { inMemory } = await (await load('handle-order')).instantiate(imports);
    assert.equal(inMemory([new Res(), new Res(), ...Array(14).fill(0n)]), (2n << 32n) | 1n);
  });
});
