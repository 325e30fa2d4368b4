// The sandbox: guest paths resolved inside a directory, as wasmtime (cap-std) does, over any
// tree (the host's directories in paths.js, the browsers' memory in browser/filesystem/).
// Every step stays below the directory: absolute paths, `..` above it, and symlinks that are
// absolute or climb out of it are refused with `not-permitted`.

/** Most symlinks one resolution follows before it fails with `loop` (Linux's limit too). */
const MAX_SYMLINKS = 40;

/**
 * Where guest `path` leads below a directory: `{ dirs, name }`, entry `name` of the directory
 * reached through `dirs` (the directories walked below the start, none a symlink), `name`
 * being `.` for that directory itself (a path ending in `/`, `.` or `..` names a directory).
 * Symlinks met on the way are followed component by component, the last component's only if
 * `follow`; a last component that does not exist is returned, to be created.
 *
 * `lookup(dirs, name)` tells what entry `name` of the directory reached through `dirs` is:
 * undefined if there is none, `{ link: target }` for a symlink, `{ dir }` for a directory
 * (`dir` is what `dirs` then holds for it), `{}` for anything else. Failures are thrown as
 * `error-code` strings.
 */
export function walk(path, follow, lookup) {
  if (path.startsWith('/')) throw 'not-permitted';
  if (path.includes('\0')) throw 'invalid';
  if (path === '') throw 'no-entry';
  const dirs = [];
  const todo = path.split('/').reverse(); // a stack: the next component is last
  let links = 0;
  for (;;) {
    const name = todo.pop();
    const last = todo.length === 0;
    if (name === '..') {
      if (dirs.length === 0) throw 'not-permitted';
      dirs.pop();
    } else if (name !== '' && name !== '.') {
      if (last && !follow) return { dirs, name };
      const entry = lookup(dirs, name);
      if (entry === undefined) {
        if (last) return { dirs, name }; // to be created
        throw 'no-entry';
      }
      if (entry.link !== undefined) {
        if (++links > MAX_SYMLINKS) throw 'loop';
        if (entry.link.startsWith('/')) throw 'not-permitted';
        todo.push(...entry.link.split('/').reverse());
        continue;
      }
      if (last) return { dirs, name };
      if (entry.dir === undefined) throw 'not-directory';
      dirs.push(entry.dir);
    }
    if (last) return { dirs, name: '.' };
  }
}

/** `path` without trailing slashes (`a/` names `a` itself for `mkdir` and `rename`), `/` kept. */
export const trimSlashes = (path) => path.replace(/(?<=[^/])\/+$/, '');

/** Whether `path` ends in a slash after a name: it must name a directory. */
export const endsInSlash = (path) => trimSlashes(path) !== path;
