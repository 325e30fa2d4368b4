// A world that defines a resource (`blob`) and types at world level, both componentized with
// ferry: `consumer` imports the resource and the functions using it at world level,
// `provider` exports them in its `test:wr/store` interface; wac plugs each of consumer's
// imports into the matching item of provider's export (compose.wac). The calls of expect.txt
// run on the composition; then node.mjs makes them on Node, twice: with the composition
// transpiled, and with the two components transpiled one by one and linked by JS imports
// (consumer's `blob` is provider.js's `store.Blob`, and so on, through a module written here).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { checkCalls, componentize, runNodeScript, tools, transpile } from '../../harness.mjs';

export default async function check(t, { dir, out, expect }) {
  const built = {};
  for (const world of ['provider', 'consumer']) {
    built[world] = componentize(dir, [`${world}.js`, '--wit', 'world.wit', '--world', world, '-o', join(out, `${world}.wasm`)]);
  }
  const composed = join(out, 'composed.wasm');
  const deps = ['--dep', `test:provider=${built.provider}`, '--dep', `test:consumer=${built.consumer}`];
  execFileSync(tools.wac, ['compose', join(dir, 'compose.wac'), ...deps, '-o', composed], { stdio: 'pipe' });
  execFileSync(tools.wasmTools, ['validate', composed]);
  await checkCalls(t, expect.calls, () => composed);

  const script = join(dir, 'node.mjs');
  await t.test('node, the composition through ferry transpile', () => {
    runNodeScript(script, [transpile(composed, join(out, 'js', 'composed'), { name: 'consumer' })]);
  });
  await t.test('node, each component through ferry transpile, linked by JS imports', () => {
    const js = join(out, 'js', 'linked');
    mkdirSync(js, { recursive: true });
    transpile(built.provider, js, { name: 'provider' });
    const names = { blob: 'Blob', 'make-blob': 'makeBlob', 'blob-size': 'blobSize', keep: 'keep', 'give-back': 'giveBack', drops: 'drops', describe: 'describe' };
    writeFileSync(join(js, 'store.js'), `import { store } from './provider.js';\nexport const { ${Object.values(names).join(', ')} } = store;\n`);
    const map = Object.entries(names).map(([spec, name]) => [spec, `./store.js#${name}`]);
    runNodeScript(script, [transpile(built.consumer, js, { name: 'consumer', map })]);
  });
}
