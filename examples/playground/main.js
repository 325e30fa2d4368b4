// The playground: a component the user drops in is transpiled in the page by
// @ferry-wasm/ferry's `transpile` (with `instantiation: 'async'`), its files are listed, and
// the generated module is imported from a Blob URL and instantiated with the core modules
// compiled from the files in memory; the export the user names is then called with JSON
// arguments. WASI imports come from @ferry-wasm/shims (the import map in index.html).
import { transpile } from '@ferry-wasm/ferry';

const $ = (id) => document.getElementById(id);
let instance; // the exports of the component instantiated last

$('component').addEventListener('change', () => load($('component').files[0]));
$('drop').addEventListener('dragover', (e) => { e.preventDefault(); $('drop').classList.add('over'); });
$('drop').addEventListener('dragleave', () => $('drop').classList.remove('over'));
$('drop').addEventListener('drop', (e) => {
  e.preventDefault();
  $('drop').classList.remove('over');
  load(e.dataTransfer.files[0]);
});
$('call').addEventListener('submit', (e) => {
  e.preventDefault();
  call($('export').value.trim(), $('args').value);
});

/** Transpiles and instantiates `file`, showing its files and exports (or the error). */
async function load(file) {
  if (!file) return;
  showError('');
  $('output').hidden = true;
  instance = undefined;
  try {
    const bytes = new Uint8Array(await file.arrayBuffer());
    const name = file.name.replace(/\.wasm$/, '').replace(/[^A-Za-z0-9_-]/g, '_') || 'component';
    const { files, imports, exports } = await transpile(bytes, { name, instantiation: 'async' });
    showFiles(files);
    $('exports').replaceChildren(...exports.map(([exportName, kind]) => item(`${exportName} (${kind})`)));
    instance = await instantiate(files, `${name}.js`, imports);
    $('export').value = exports.find(([, kind]) => kind === 'function')?.[0] ?? '';
    $('status').textContent = `${file.name}: ${Object.keys(files).length} files, ${exports.length} exports`;
    $('output').hidden = false;
  } catch (e) {
    showError(`${file.name}: ${e.message}`);
  }
}

/** Imports the generated module from a Blob URL and instantiates it from `files`. */
async function instantiate(files, moduleName, imports) {
  const url = URL.createObjectURL(new Blob([files[moduleName]], { type: 'text/javascript' }));
  try {
    const generated = await import(url);
    const provided = {};
    for (const specifier of imports) {
      if (!specifier.startsWith('@ferry-wasm/shims')) {
        throw new Error(`imports \`${specifier}\`, which the playground cannot provide (only WASI)`);
      }
      provided[specifier] = await import(specifier);
    }
    return await generated.instantiate((file) => WebAssembly.compile(files[file]), provided);
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Calls the export at the dotted `path` (`add`, `iface.fn`) with the JSON array `argsJson`. */
async function call(path, argsJson) {
  showError('');
  $('result').textContent = '';
  try {
    const args = JSON.parse(argsJson);
    if (!Array.isArray(args)) throw new Error('the arguments must be a JSON array');
    const fn = path.split('.').reduce((object, key) => object?.[key], instance);
    if (typeof fn !== 'function') throw new Error(`no exported function \`${path}\``);
    $('result').textContent = show(await fn(...args));
  } catch (e) {
    showError(`${path}: ${e.message}`);
  }
}

/** A value as JSON, with bigints as `123n` and typed arrays as arrays. */
function show(value) {
  if (value === undefined) return 'undefined';
  return JSON.stringify(value, (_, v) => {
    if (typeof v === 'bigint') return `${v}n`;
    return ArrayBuffer.isView(v) ? Array.from(v) : v;
  });
}

function showFiles(files) {
  $('files').replaceChildren(...Object.entries(files).map(([fileName, bytes]) => {
    const row = document.createElement('tr');
    const size = document.createElement('td');
    size.className = 'size';
    size.textContent = bytes.length;
    row.append(cell(fileName), size);
    return row;
  }));
}

function cell(text) {
  const td = document.createElement('td');
  td.textContent = text;
  return td;
}

function item(text) {
  const li = document.createElement('li');
  li.textContent = text;
  return li;
}

function showError(message) {
  $('error').textContent = message;
}
