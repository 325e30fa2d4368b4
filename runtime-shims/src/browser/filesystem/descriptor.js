// wasi:filesystem/types resources over the memory tree (tree.js): `descriptor` and
// `directory-entry-stream`. Errors are thrown as `error-code` strings, the ones the Node side
// (and wasmtime on Linux) gives for the same calls: see runtime-shims/README.md.
import { datetime } from '../../filesystem/datetime.js';
import { streamAttempt } from '../../filesystem/errors.js';
import { trimSlashes, walk } from '../../filesystem/walk.js';
import { InputStream, OutputStream } from '../../io/streams.js';
import { Directory, File, Symlink } from './tree.js';

/** Most bytes one `read` returns (a shorter read is allowed). */
const MAX_READ = 1 << 20;

/** A preopened directory: read and mutate-directory, as wasmtime's `--dir` grants. */
export const openPreopen = (dir) => new Descriptor(dir, { read: true, mutateDirectory: true });

/** The `descriptor-stat` of a node. */
function statOf(node) {
  const subdirectories = node instanceof Directory ? [...node.entries.values()].filter((n) => n instanceof Directory).length : 0;
  return {
    type: node.type,
    // As on Linux: a directory is linked from its parent, from itself (`.`) and from each subdirectory (`..`).
    linkCount: BigInt(node instanceof Directory ? 2 + subdirectories : node.links),
    size: BigInt(node instanceof File ? node.size : node instanceof Symlink ? new TextEncoder().encode(node.target).length : 0),
    dataAccessTimestamp: datetime(node.atime),
    dataModificationTimestamp: datetime(node.mtime),
    statusChangeTimestamp: datetime(node.ctime),
  };
}

/** Nanoseconds since the epoch for a `new-timestamp`; `current` for `no-change`. */
function timestampNs(timestamp, current) {
  switch (timestamp.tag) {
    case 'no-change':
      return current;
    case 'now':
      return BigInt(Date.now()) * 1_000_000n;
    case 'timestamp':
      return timestamp.val.seconds * 1_000_000_000n + BigInt(timestamp.val.nanoseconds);
  }
  throw new TypeError(`new-timestamp: unknown case \`${timestamp.tag}\``);
}

function setTimes(node, dataAccessTimestamp, dataModificationTimestamp) {
  node.atime = timestampNs(dataAccessTimestamp, node.atime);
  node.mtime = timestampNs(dataModificationTimestamp, node.mtime);
  node.touched();
}

/** A node's `metadata-hash-value`: its identity, and how often it changed. */
const hashOf = (node) => ({ lower: node.id, upper: node.version });

/** A source reading `file` from byte `offset` (bigint) on; reads fail unless `readable`. */
function fileSource(file, offset, readable) {
  let at = Number(offset);
  return {
    read: (len) =>
      streamAttempt(() => {
        if (!readable) throw 'bad-descriptor';
        const bytes = file.read(len, at);
        at += bytes.length;
        return bytes.length === 0 ? null : bytes;
      }),
  };
}

/** A sink writing `file` from byte `offset` (bigint) on, or at its end each time if undefined; writes fail unless `writable`. */
function fileSink(file, offset, writable) {
  let at = offset === undefined ? undefined : Number(offset);
  return {
    write: (bytes) =>
      streamAttempt(() => {
        if (!writable) throw 'bad-descriptor';
        const position = at ?? file.size;
        file.write(bytes, position);
        if (at !== undefined) at = position + bytes.length;
      }),
  };
}

export class Descriptor {
  #node;
  #flags;

  /** Made by `open-at` and `get-directories` only: `node` is a `File` or `Directory` of the tree. */
  constructor(node, flags) {
    this.#node = node;
    this.#flags = flags;
  }

  /** The file; a directory fails with `code`. */
  #fileOnly(code = 'bad-descriptor') {
    if (!(this.#node instanceof File)) throw code;
    return this.#node;
  }

  /** Where `path` leads inside this directory: the directory `dir` holding entry `name`, and the `node` there if any. */
  #at(path, follow) {
    if (!(this.#node instanceof Directory)) throw 'not-directory';
    const { dirs, name } = walk(path, follow, (dirs, name) => {
      const node = (dirs.at(-1) ?? this.#node).entries.get(name);
      if (node === undefined) return undefined;
      if (node instanceof Symlink) return { link: node.target };
      return node instanceof Directory ? { dir: node } : {};
    });
    const dir = dirs.at(-1) ?? this.#node;
    return { dir, name, node: name === '.' ? dir : dir.entries.get(name) };
  }

  /** The node `path` names inside this directory; `no-entry` if there is none. */
  #existing(path, follow) {
    const { node } = this.#at(path, follow);
    if (node === undefined) throw 'no-entry';
    return node;
  }

  readViaStream(offset) {
    return new InputStream(fileSource(this.#fileOnly('is-directory'), offset, this.#flags.read));
  }
  writeViaStream(offset) {
    return new OutputStream(fileSink(this.#fileOnly(), offset, this.#flags.write));
  }
  appendViaStream() {
    return new OutputStream(fileSink(this.#fileOnly(), undefined, this.#flags.write));
  }
  advise(_offset, _length, _advice) {
    this.#fileOnly(); // only a hint: memory needs none
  }
  syncData() {} // memory is all there is
  getFlags() {
    return { ...this.#flags };
  }
  getType() {
    return this.#node.type;
  }
  setSize(size) {
    const file = this.#fileOnly();
    if (!this.#flags.write) throw 'invalid';
    file.resize(Number(size));
  }
  setTimes(dataAccessTimestamp, dataModificationTimestamp) {
    setTimes(this.#node, dataAccessTimestamp, dataModificationTimestamp);
  }
  read(length, offset) {
    if (!this.#flags.read) throw 'bad-descriptor';
    const bytes = this.#fileOnly().read(Math.min(Number(length), MAX_READ), Number(offset));
    return [bytes, bytes.length === 0 && length > 0n];
  }
  write(buffer, offset) {
    if (!this.#flags.write) throw 'bad-descriptor';
    this.#fileOnly().write(buffer, Number(offset));
    return BigInt(buffer.length);
  }
  readDirectory() {
    if (!(this.#node instanceof Directory)) throw 'not-directory';
    return new DirectoryEntryStream([...this.#node.entries].map(([name, node]) => ({ type: node.type, name })));
  }
  sync() {}
  createDirectoryAt(path) {
    const { dir, name, node } = this.#at(trimSlashes(path), false);
    if (node !== undefined) throw 'exist';
    dir.add(name, new Directory());
  }
  stat() {
    return statOf(this.#node);
  }
  statAt(pathFlags, path) {
    return statOf(this.#existing(path, pathFlags.symlinkFollow));
  }
  setTimesAt(pathFlags, path, dataAccessTimestamp, dataModificationTimestamp) {
    setTimes(this.#existing(path, pathFlags.symlinkFollow), dataAccessTimestamp, dataModificationTimestamp);
  }
  linkAt(oldPathFlags, oldPath, newDescriptor, newPath) {
    if (oldPathFlags.symlinkFollow) throw 'invalid'; // as wasmtime: links are made to the path itself
    const node = this.#existing(oldPath, false);
    if (node instanceof Directory) throw 'not-permitted'; // as Linux: no hard links to directories
    const to = newDescriptor.#at(newPath, false);
    if (to.node !== undefined) throw 'exist';
    to.dir.add(to.name, node);
  }
  openAt(pathFlags, path, openFlags, flags) {
    if (flags.fileIntegritySync || flags.dataIntegritySync || flags.requestedWriteSync) throw 'unsupported';
    if (openFlags.create && openFlags.directory) throw 'invalid';
    // An exclusive create never follows a symlink: it fails with `exist`.
    const exclusive = openFlags.create && openFlags.exclusive;
    const { dir, name, node: found } = this.#at(path, pathFlags.symlinkFollow && !exclusive);
    let node = found;
    if (node === undefined) {
      if (!openFlags.create) throw 'no-entry';
      dir.add(name, (node = new File()));
    } else if (exclusive) {
      throw 'exist';
    }
    // A symlink left at the end is one the guest asked not to follow (Linux's O_NOFOLLOW).
    if (node instanceof Symlink) throw 'loop';
    if (openFlags.directory && !(node instanceof Directory)) throw 'not-directory';
    if (node instanceof Directory && (flags.write || openFlags.truncate)) throw 'is-directory';
    if (openFlags.truncate && node.size > 0) node.resize(0);
    // As wasmtime: a directory reports `read` only, and may be mutated as its preopen may.
    return new Descriptor(node, node instanceof Directory ? { read: true } : { read: !!flags.read, write: !!flags.write });
  }
  readlinkAt(path) {
    const node = this.#existing(path, false);
    if (!(node instanceof Symlink)) throw 'invalid';
    if (node.target.startsWith('/')) throw 'not-permitted';
    return node.target;
  }
  removeDirectoryAt(path) {
    const { dir, name, node } = this.#at(path, false);
    if (name === '.') throw 'invalid';
    if (node === undefined) throw 'no-entry';
    if (!(node instanceof Directory)) throw 'not-directory';
    if (node.entries.size > 0) throw 'not-empty';
    dir.remove(name);
  }
  renameAt(oldPath, newDescriptor, newPath) {
    const from = this.#at(trimSlashes(oldPath), false);
    const to = newDescriptor.#at(trimSlashes(newPath), false);
    if (from.node === undefined) throw 'no-entry';
    if (from.name === '.' || to.name === '.') throw 'invalid';
    const isDir = from.node instanceof Directory;
    // A trailing slash on either path asks for a directory, as POSIX rename says.
    if ((trimSlashes(oldPath) !== oldPath || trimSlashes(newPath) !== newPath) && !isDir) throw 'not-directory';
    if (to.node === from.node) return; // the same file: nothing to do (POSIX)
    if (isDir) {
      if (from.node.contains(to.dir)) throw 'invalid';
      if (to.node !== undefined && !(to.node instanceof Directory)) throw 'not-directory';
      if (to.node?.entries.size > 0) throw 'not-empty';
    } else if (to.node instanceof Directory) {
      throw 'is-directory';
    }
    const node = from.node;
    from.dir.remove(from.name);
    to.dir.add(to.name, node);
  }
  symlinkAt(oldPath, newPath) {
    // Relative targets are stored as given: following them is checked when they are used.
    if (oldPath.startsWith('/')) throw 'not-permitted';
    if (oldPath.includes('\0')) throw 'invalid';
    const { dir, name, node } = this.#at(newPath, false);
    if (node !== undefined) throw 'exist';
    dir.add(name, new Symlink(oldPath));
  }
  unlinkFileAt(path) {
    const { dir, name, node } = this.#at(path, false);
    if (node === undefined) throw 'no-entry';
    if (node instanceof Directory) throw 'is-directory';
    dir.remove(name);
  }
  isSameObject(other) {
    return this.#node === other.#node;
  }
  metadataHash() {
    return hashOf(this.#node);
  }
  metadataHashAt(pathFlags, path) {
    return hashOf(this.#existing(path, pathFlags.symlinkFollow));
  }
}

export class DirectoryEntryStream {
  #entries;
  /** `entries`: the directory's `directory-entry`s when it was read. */
  constructor(entries) {
    this.#entries = entries;
  }
  readDirectoryEntry() {
    return this.#entries.shift();
  }
}
