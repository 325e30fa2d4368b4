// Writes generated files all or nothing, as the native CLI does (src/output.rs): each file
// through a staging name and a rename; on a failure, what was written is removed again.
import { mkdir, rename, rm, writeFile, rmdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Writes `files` (`{ [name]: Uint8Array }`) under `dir`; resolves to `[path, size]` pairs. */
export async function writeAll(dir, files) {
  const created = !(await stat(dir).then(() => true, () => false));
  await mkdir(dir, { recursive: true }).catch((e) => {
    throw new Error(`${dir}: cannot create output directory: ${e.message}`);
  });
  const written = [];
  for (const [name, contents] of Object.entries(files)) {
    const path = join(dir, name);
    const staging = join(dir, `.${name}.ferry-tmp`);
    try {
      await writeFile(staging, contents);
      await rename(staging, path);
    } catch (e) {
      await rm(staging, { force: true });
      for (const [done] of written) await rm(done, { force: true });
      if (created) await rmdir(dir).catch(() => {});
      throw new Error(`${path}: cannot write: ${e.message}`);
    }
    written.push([path, contents.length]);
  }
  return written;
}

/** Lists the files written, each with its size. */
export function printWritten(written) {
  for (const [path, size] of written) console.log(`${humanSize(size).padStart(10)}  ${path}`);
}

function humanSize(bytes) {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}
