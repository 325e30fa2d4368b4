// Resources both ways across components, all four componentized with ferry: `provider`
// exports `store` (the `Blob` class), `consumer` and `top` import it, `middle` imports it and
// exports `visitor` (taking borrowed and owned `Blob`s). wasm-tools composes them; each call
// of expect.txt runs on the composition that exports it (`run-visit` on top's).
// Then node.mjs makes them on Node, twice: with the two compositions transpiled, and with the
// four components transpiled one by one and linked by JS imports (`ferry transpile --map`:
// consumer's `test:res/store` is provider.js's `store`).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { checkCalls, componentize, runNodeScript, tools, transpile } from '../../harness.mjs';

export default async function check(t, { dir, out, expect }) {
  const built = {};
  for (const world of ['provider', 'consumer', 'middle', 'top']) {
    built[world] = componentize(dir, [`${world}.js`, '--wit', 'world.wit', '--world', world, '-o', join(out, `${world}.wasm`)]);
  }
  const consumer = join(out, 'consumer-composed.wasm');
  execFileSync(tools.wasmTools, ['compose', built.consumer, '-d', built.provider, '-o', consumer], { stdio: 'pipe' });
  const config = join(out, 'compose.yml');
  writeFileSync(
    config,
    [
      'dependencies:',
      `  provider: ${built.provider}`,
      `  middle: ${built.middle}`,
      'instantiations:',
      '  root:',
      '    arguments:',
      '      test:res/store: p',
      '      test:res/visitor: m',
      '  p:',
      '    dependency: provider',
      '  m:',
      '    dependency: middle',
      '    arguments:',
      '      test:res/store: p',
      '',
    ].join('\n'),
  );
  const top = join(out, 'top-composed.wasm');
  execFileSync(tools.wasmTools, ['compose', built.top, '-c', config, '-o', top], { stdio: 'pipe' });
  execFileSync(tools.wasmTools, ['validate', consumer]);
  execFileSync(tools.wasmTools, ['validate', top]);
  await checkCalls(t, expect.calls, (call) => (call.invoke.startsWith('run-visit') ? top : consumer));

  const script = join(dir, 'node.mjs');
  await t.test('node, the compositions through ferry transpile', () => {
    const js = join(out, 'js', 'composed');
    runNodeScript(script, [transpile(consumer, js, { name: 'consumer' }), transpile(top, js, { name: 'top' })]);
  });
  await t.test('node, each component through ferry transpile, linked by JS imports', () => {
    const js = join(out, 'js', 'linked');
    const store = ['test:res/store', './provider.js#store'];
    transpile(built.provider, js, { name: 'provider' });
    transpile(built.middle, js, { name: 'middle', map: [store] });
    runNodeScript(script, [
      transpile(built.consumer, js, { name: 'consumer', map: [store] }),
      transpile(built.top, js, { name: 'top', map: [store, ['test:res/visitor', './middle.js#visitor']] }),
    ]);
  });
}
