// The sandbox: guest paths resolved inside a directory, as wasmtime (cap-std) does. Every step
// stays below the directory: absolute paths, `..` above it, and symlinks that are absolute or
// climb out of it are refused with `not-permitted`.
import { lstatSync, readlinkSync } from 'node:fs';

/** Most symlinks one resolution follows before it fails with `loop` (Linux's limit too). */
const MAX_SYMLINKS = 40;

/**
 * The host path that guest `path` names inside host directory `root`. Symlinks met on the way
 * are followed component by component (checked with `lstat`, so the OS never follows one); the
 * last component's only if `follow`. A path ending in `/`, `.` or `..` names a directory and
 * resolves to `<dir>/.` (so `rmdir` fails with `invalid` and `unlink` with `is-directory`).
 */
export function resolveAt(root, path, follow) {
  if (path.startsWith('/')) throw 'not-permitted';
  if (path.includes('\0')) throw 'invalid';
  if (path === '') throw 'no-entry';
  const dirs = []; // the directories walked below `root`, none a symlink
  const hostPath = (name) => [root, ...dirs, name].join('/');
  const todo = path.split('/').reverse(); // a stack: the next component is last
  let links = 0;
  for (;;) {
    const name = todo.pop();
    const last = todo.length === 0;
    if (name === '..') {
      if (dirs.length === 0) throw 'not-permitted';
      dirs.pop();
    } else if (name !== '' && name !== '.') {
      if (last && !follow) return hostPath(name);
      let stats;
      try {
        stats = lstatSync(hostPath(name));
      } catch (e) {
        if (last && e.code === 'ENOENT') return hostPath(name); // to be created
        throw e;
      }
      if (stats.isSymbolicLink()) {
        if (++links > MAX_SYMLINKS) throw 'loop';
        const target = readlinkSync(hostPath(name));
        if (target.startsWith('/')) throw 'not-permitted';
        todo.push(...target.split('/').reverse());
        continue;
      }
      if (last) return hostPath(name);
      if (!stats.isDirectory()) throw 'not-directory';
      dirs.push(name);
    }
    if (last) return hostPath('.');
  }
}

/** `path` without trailing slashes (`a/` names `a` itself for `mkdir` and `rename`), `/` kept. */
export const trimSlashes = (path) => path.replace(/(?<=[^/])\/+$/, '');

/** Whether `path` ends in a slash after a name: it must name a directory. */
export const endsInSlash = (path) => trimSlashes(path) !== path;
