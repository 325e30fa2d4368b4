// Guest paths as host paths: the sandbox's resolution (walk.js) over the host's directories.
import { lstatSync, readlinkSync } from 'node:fs';
import { walk } from './walk.js';

export { endsInSlash, trimSlashes } from './walk.js';

/**
 * The host path that guest `path` names inside host directory `root` (see `walk`). Symlinks
 * are checked with `lstat`, so the OS never follows one. A path naming a directory by `/`, `.`
 * or `..` at its end resolves to `<dir>/.` (so `rmdir` fails with `invalid` and `unlink` with
 * `is-directory`).
 */
export function resolveAt(root, path, follow) {
  const hostPath = (dirs, name) => [root, ...dirs, name].join('/');
  const { dirs, name } = walk(path, follow, (dirs, name) => {
    let stats;
    try {
      stats = lstatSync(hostPath(dirs, name));
    } catch (e) {
      if (e.code === 'ENOENT') return undefined;
      throw e;
    }
    if (stats.isSymbolicLink()) return { link: readlinkSync(hostPath(dirs, name)) };
    return stats.isDirectory() ? { dir: name } : {};
  });
  return hostPath(dirs, name);
}
