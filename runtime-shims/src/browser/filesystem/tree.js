// The browsers' filesystem: a tree of files, directories and symlinks in memory. The page
// fills it and reads it back (`configure({ files })`, `readFile`, `files`: browser/index.js);
// components reach it through preopens (browser/filesystem.js).

const nowNs = () => BigInt(Date.now()) * 1_000_000n;

/** What every node has: its `descriptor-type`, times (nanoseconds), links from directories. */
class Node {
  /** Random, so that metadata hashes say nothing of the order nodes were made in. */
  id = crypto.getRandomValues(new BigUint64Array(1))[0];
  /** Counts changes, for metadata hashes. */
  version = 0n;
  links = 0;
  constructor(type) {
    this.type = type;
    this.atime = this.mtime = this.ctime = nowNs();
  }
  /** The contents changed. */
  modified() {
    this.mtime = this.ctime = nowNs();
    this.version++;
  }
  /** The metadata changed (links, times). */
  touched() {
    this.ctime = nowNs();
    this.version++;
  }
}

export class File extends Node {
  #buffer;
  size = 0;
  constructor(bytes = new Uint8Array(0)) {
    super('regular-file');
    this.#buffer = bytes.slice();
    this.size = bytes.length;
  }
  /** A copy of up to `len` bytes from byte `at` on (empty at or past the end). */
  read(len, at) {
    return this.#buffer.slice(Math.min(at, this.size), Math.min(at + len, this.size));
  }
  /** Writes `bytes` at byte `at`, zeros filling any gap after the end. */
  write(bytes, at) {
    this.#reserve(at + bytes.length);
    this.#buffer.set(bytes, at);
    this.size = Math.max(this.size, at + bytes.length);
    this.modified();
  }
  resize(size) {
    this.#reserve(size);
    // Bytes past a shrunk end must read as zeros when the file grows again.
    if (size < this.size) this.#buffer.fill(0, size, this.size);
    this.size = size;
    this.modified();
  }
  /** Room for `size` bytes, grown by doubling so that a file written in pieces is copied O(log n) times. */
  #reserve(size) {
    if (size <= this.#buffer.length) return;
    const buffer = new Uint8Array(Math.max(size, this.#buffer.length * 2));
    buffer.set(this.#buffer.subarray(0, this.size));
    this.#buffer = buffer;
  }
}

export class Directory extends Node {
  entries = new Map();
  constructor() {
    super('directory');
  }
  /** Makes `node` entry `name`, replacing what was there. */
  add(name, node) {
    this.remove(name);
    this.entries.set(name, node);
    node.links++;
    node.touched();
    this.modified();
  }
  remove(name) {
    const node = this.entries.get(name);
    if (node === undefined) return;
    this.entries.delete(name);
    node.links--;
    node.touched();
    this.modified();
  }
  /** Whether `dir` is this directory or one below it. */
  contains(dir) {
    return dir === this || [...this.entries.values()].some((node) => node instanceof Directory && node.contains(dir));
  }
}

export class Symlink extends Node {
  constructor(target) {
    super('symbolic-link');
    this.target = target;
  }
}

let root = new Directory();

/** The names of an absolute path the page gives (`/a/b.txt`). */
function namesOf(path) {
  if (typeof path !== 'string' || !path.startsWith('/')) throw new TypeError(`not an absolute path: ${path}`);
  const names = path.split('/').filter((name) => name !== '');
  if (names.some((name) => name === '.' || name === '..')) throw new TypeError(`\`.\` and \`..\` are not allowed in ${path}`);
  return names;
}

/** The directory at absolute `path`, made (with its parents) if missing. */
export function directoryAt(path) {
  let dir = root;
  for (const name of namesOf(path)) {
    let next = dir.entries.get(name);
    if (next === undefined) dir.add(name, (next = new Directory()));
    if (!(next instanceof Directory)) throw new TypeError(`${path}: \`${name}\` is not a directory`);
    dir = next;
  }
  return dir;
}

/** Writes file `path` (made with its directories if missing): `data` is a `Uint8Array` or a string (UTF-8). */
export function writeFile(path, data) {
  const names = namesOf(path);
  const name = names.pop();
  if (name === undefined) throw new TypeError('writeFile: `/` is a directory');
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`writeFile ${path}: the contents are a Uint8Array or a string`);
  directoryAt(`/${names.join('/')}`).add(name, new File(bytes));
}

/** A fresh tree holding `files`: `{ path: Uint8Array | string }`. */
export function resetFiles(files) {
  root = new Directory();
  for (const [path, data] of Object.entries(files)) writeFile(path, data);
}

/** A copy of the contents of file `path` (symlinks are not followed), or undefined if there is no such file. */
export function readFile(path) {
  let node = root;
  for (const name of namesOf(path)) node = node instanceof Directory ? node.entries.get(name) : undefined;
  return node instanceof File ? node.read(node.size, 0) : undefined;
}

/** The paths of all files, sorted. */
export function files() {
  const paths = [];
  const visit = (dir, prefix) => {
    for (const [name, node] of dir.entries) {
      if (node instanceof File) paths.push(`${prefix}/${name}`);
      else if (node instanceof Directory) visit(node, `${prefix}/${name}`);
    }
  };
  visit(root, '');
  return paths.sort();
}
