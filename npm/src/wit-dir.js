// Reads the WIT that `ferry types <wit>` is given: a `.wit` file (its text), or a package's
// directory (its `*.wit` files and its `deps/`, by path relative to it), as the native CLI
// reads them with wit-parser.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** The WIT at `path`: a string for a file, `{ [relative path]: text }` for a directory. */
export async function readWitDir(path) {
  const info = await stat(path).catch((e) => {
    throw new Error(`failed to read path for WIT [${path}]: ${e.message}`);
  });
  if (!info.isDirectory()) return readText(path);
  const files = {};
  for (const name of await witFiles(path)) files[name] = await readText(join(path, name));
  const deps = join(path, 'deps');
  const entries = await readdir(deps, { withFileTypes: true }).catch((e) => {
    if (e.code === 'ENOENT') return [];
    throw new Error(`failed to parse dependency directory: ${deps}: ${e.message}`);
  });
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const entryPath = join(deps, entry.name);
    if ((await stat(entryPath)).isDirectory()) {
      for (const name of await witFiles(entryPath)) files[`deps/${entry.name}/${name}`] = await readText(join(entryPath, name));
    } else if (entry.name.endsWith('.wit')) {
      files[`deps/${entry.name}`] = await readText(entryPath);
    } else if (entry.name.endsWith('.wasm') || entry.name.endsWith('.wat')) {
      throw new Error(`${entryPath}: WIT packages encoded as Wasm are not read by the npm package (the native ferry reads them)`);
    }
  }
  return files;
}

/** The names of the `*.wit` files in `dir` (not in its subdirectories). */
async function witFiles(dir) {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = [];
  for (const entry of entries) {
    if (entry.name.endsWith('.wit') && !(await stat(join(dir, entry.name))).isDirectory()) names.push(entry.name);
  }
  return names.sort();
}

async function readText(path) {
  const bytes = await readFile(path).catch((e) => {
    throw new Error(`failed to read path for WIT [${path}]: ${e.message}`);
  });
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error(`input file is not valid utf-8 [${path}]`);
  }
}
