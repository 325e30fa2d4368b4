// wasi:filesystem/types resources: `descriptor` (a file or directory) and
// `directory-entry-stream`. Errors are thrown as `error-code` strings; the codes are the ones
// wasmtime returns for the same calls (see runtime-shims/README.md).
import {
  constants,
  fdatasyncSync,
  fstatSync,
  fsyncSync,
  ftruncateSync,
  futimesSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  opendirSync,
  openSync,
  readlinkSync,
  readSync,
  renameSync,
  rmdirSync,
  symlinkSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { resolve } from 'node:path';
import { InputStream, OutputStream } from '../io/streams.js';
import { attempt } from './errors.js';
import { endsInSlash, resolveAt, trimSlashes } from './paths.js';
import { metadataHash, toStat, typeOf, utime } from './stat.js';
import { fileSink, fileSource, SharedFd } from './streams.js';

const { O_CREAT, O_DIRECTORY, O_EXCL, O_NOFOLLOW, O_RDONLY, O_RDWR, O_TRUNC, O_WRONLY } = constants;

/** Most bytes one `read` returns (a shorter read is allowed). */
const MAX_READ = 1 << 20;

const BIGINT = { bigint: true };

/** A preopened directory: read and mutate-directory, as wasmtime's `--dir` grants. */
export function openPreopen(hostPath) {
  const path = resolve(hostPath);
  return new Descriptor(new SharedFd(openSync(path, O_RDONLY | O_DIRECTORY)), path, 'directory', {
    read: true,
    mutateDirectory: true,
  });
}

export class Descriptor {
  #file;
  #path;
  #type;
  #flags;

  /** Made by `open-at` and `get-directories` only: `file` is a `SharedFd` open on host path `path`. */
  constructor(file, path, type, flags) {
    this.#file = file;
    this.#path = path;
    this.#type = type;
    this.#flags = flags;
  }

  /** The `SharedFd` of a file; a directory fails with `code`. */
  #fileOnly(code = 'bad-descriptor') {
    if (this.#type === 'directory') throw code;
    return this.#file;
  }

  /** The host path of `path` inside this directory. */
  #at(path, follow) {
    if (this.#type !== 'directory') throw 'not-directory';
    return resolveAt(this.#path, path, follow);
  }

  readViaStream(offset) {
    return attempt(() => new InputStream(fileSource(this.#fileOnly('is-directory'), offset)));
  }
  writeViaStream(offset) {
    return attempt(() => new OutputStream(fileSink(this.#fileOnly(), offset)));
  }
  appendViaStream() {
    return attempt(() => new OutputStream(fileSink(this.#fileOnly(), undefined)));
  }
  advise(_offset, _length, _advice) {
    // Only a hint, and Node has no posix_fadvise.
    attempt(() => this.#fileOnly());
  }
  syncData() {
    attempt(() => fdatasyncSync(this.#file.fd));
  }
  getFlags() {
    return { ...this.#flags };
  }
  getType() {
    return this.#type;
  }
  setSize(size) {
    attempt(() => ftruncateSync(this.#fileOnly().fd, Number(size)));
  }
  setTimes(dataAccessTimestamp, dataModificationTimestamp) {
    attempt(() => {
      const { atimeNs, mtimeNs } = fstatSync(this.#file.fd, BIGINT);
      futimesSync(this.#file.fd, utime(dataAccessTimestamp, atimeNs), utime(dataModificationTimestamp, mtimeNs));
    });
  }
  read(length, offset) {
    return attempt(() => {
      if (!this.#flags.read) throw 'bad-descriptor';
      const buffer = new Uint8Array(Math.min(Number(length), MAX_READ));
      const n = readSync(this.#fileOnly().fd, buffer, 0, buffer.length, offset);
      return [buffer.subarray(0, n), n === 0 && buffer.length > 0];
    });
  }
  write(buffer, offset) {
    return attempt(() => {
      if (!this.#flags.write) throw 'bad-descriptor';
      const { fd } = this.#fileOnly();
      // A number: Node's `writeSync` ignores a bigint position.
      const at = Number(offset);
      for (let done = 0; done < buffer.length; ) {
        done += writeSync(fd, buffer, done, buffer.length - done, at + done);
      }
      return BigInt(buffer.length);
    });
  }
  readDirectory() {
    return attempt(() => new DirectoryEntryStream(opendirSync(this.#at('.', false))));
  }
  sync() {
    attempt(() => fsyncSync(this.#file.fd));
  }
  createDirectoryAt(path) {
    attempt(() => mkdirSync(this.#at(trimSlashes(path), false)));
  }
  stat() {
    return attempt(() => toStat(fstatSync(this.#file.fd, BIGINT)));
  }
  statAt(pathFlags, path) {
    return attempt(() => toStat(lstatSync(this.#at(path, pathFlags.symlinkFollow), BIGINT)));
  }
  setTimesAt(pathFlags, path, dataAccessTimestamp, dataModificationTimestamp) {
    attempt(() => {
      // With `symlink-follow` the path resolves past any symlink, so `lutimes` serves both.
      const target = this.#at(path, pathFlags.symlinkFollow);
      const { atimeNs, mtimeNs } = lstatSync(target, BIGINT);
      lutimesSync(target, utime(dataAccessTimestamp, atimeNs), utime(dataModificationTimestamp, mtimeNs));
    });
  }
  linkAt(oldPathFlags, oldPath, newDescriptor, newPath) {
    attempt(() => {
      if (oldPathFlags.symlinkFollow) throw 'invalid'; // as wasmtime: links are made to the path itself
      linkSync(this.#at(oldPath, false), newDescriptor.#at(newPath, false));
    });
  }
  openAt(pathFlags, path, openFlags, flags) {
    return attempt(() => {
      if (flags.fileIntegritySync || flags.dataIntegritySync || flags.requestedWriteSync) throw 'unsupported';
      if (openFlags.create && openFlags.directory) throw 'invalid';
      // An exclusive create never follows a symlink: it fails with `exist`.
      const target = this.#at(path, pathFlags.symlinkFollow && !(openFlags.create && openFlags.exclusive));
      const access = flags.write ? (flags.read ? O_RDWR : O_WRONLY) : O_RDONLY;
      // O_NOFOLLOW: a symlink left at the end is one the guest asked not to follow (`loop`).
      let mode = access | O_NOFOLLOW;
      if (openFlags.create) mode |= O_CREAT;
      if (openFlags.directory) mode |= O_DIRECTORY;
      if (openFlags.exclusive) mode |= O_EXCL;
      if (openFlags.truncate) mode |= O_TRUNC;
      let fd;
      try {
        fd = openSync(target, mode);
      } catch (e) {
        // Linux says ENOTDIR for O_DIRECTORY|O_NOFOLLOW on a symlink; wasmtime says loop.
        if (e.code === 'ENOTDIR' && lstatSync(target, { throwIfNoEntry: false })?.isSymbolicLink()) throw 'loop';
        throw e;
      }
      const type = typeOf(fstatSync(fd));
      // As wasmtime: a directory reports `read` only, and may be mutated as its preopen may
      // (Rust's std opens directories without mutate-directory, then deletes inside them).
      const granted = type === 'directory' ? { read: true } : { read: !!flags.read, write: !!flags.write };
      return new Descriptor(new SharedFd(fd), target, type, granted);
    });
  }
  readlinkAt(path) {
    return attempt(() => {
      const target = readlinkSync(this.#at(path, false));
      if (target.startsWith('/')) throw 'not-permitted';
      return target;
    });
  }
  removeDirectoryAt(path) {
    attempt(() => rmdirSync(this.#at(path, false)));
  }
  renameAt(oldPath, newDescriptor, newPath) {
    attempt(() => {
      const from = this.#at(trimSlashes(oldPath), false);
      const to = newDescriptor.#at(trimSlashes(newPath), false);
      // A trailing slash on either path asks for a directory, as POSIX rename says.
      if ((endsInSlash(oldPath) || endsInSlash(newPath)) && !lstatSync(from).isDirectory()) throw 'not-directory';
      renameSync(from, to);
    });
  }
  symlinkAt(oldPath, newPath) {
    attempt(() => {
      // Relative targets are stored as given: following them is checked when they are used.
      if (oldPath.startsWith('/')) throw 'not-permitted';
      if (oldPath.includes('\0')) throw 'invalid';
      symlinkSync(oldPath, this.#at(newPath, false));
    });
  }
  unlinkFileAt(path) {
    attempt(() => unlinkSync(this.#at(path, false)));
  }
  isSameObject(other) {
    const a = fstatSync(this.#file.fd, BIGINT);
    const b = fstatSync(other.#file.fd, BIGINT);
    return a.dev === b.dev && a.ino === b.ino;
  }
  metadataHash() {
    return attempt(() => metadataHash(fstatSync(this.#file.fd, BIGINT)));
  }
  metadataHashAt(pathFlags, path) {
    return attempt(() => metadataHash(lstatSync(this.#at(path, pathFlags.symlinkFollow), BIGINT)));
  }
  [Symbol.dispose]() {
    this.#file.release();
  }
}

export class DirectoryEntryStream {
  #dir;
  constructor(dir) {
    this.#dir = dir;
  }
  readDirectoryEntry() {
    return attempt(() => {
      const entry = this.#dir.readSync();
      return entry === null ? undefined : { type: typeOf(entry), name: entry.name };
    });
  }
  [Symbol.dispose]() {
    this.#dir.closeSync();
  }
}
