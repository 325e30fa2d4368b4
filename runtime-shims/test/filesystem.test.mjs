// wasi:filesystem called directly, as generated code calls it, in a temporary directory. The
// error codes expected are the ones wasmtime 49 returns for the same calls.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { configure } from '../src/index.js';
import { preopens, types } from '../src/filesystem.js';

const FOLLOW = { symlinkFollow: true };
const NOFOLLOW = { symlinkFollow: false };
const NONE = {};
const READ = { read: true };
const WRITE = { write: true };
const text = (s) => new TextEncoder().encode(s);
const str = (bytes) => new TextDecoder().decode(bytes);

/** What `f` throws (an error-code), failing if it returns. */
function error(f) {
  try {
    f();
  } catch (e) {
    return e;
  }
  assert.fail('expected an error');
}

/** The names and types `read-directory` lists, sorted. */
function list(dir) {
  const stream = dir.readDirectory();
  const entries = [];
  for (let e; (e = stream.readDirectoryEntry()) !== undefined; ) entries.push(`${e.name}:${e.type}`);
  stream[Symbol.dispose]();
  return entries.sort();
}

let tmp, host, root;
const hostFile = (path) => readFileSync(join(host, path), 'utf8');

before(() => {
  tmp = mkdtempSync(join(tmpdir(), 'ferry-fs-'));
  host = join(tmp, 'root');
  writeFileSync(join(tmp, 'outside.txt'), 'outside');
  mkdirSync(join(host, 'sub'), { recursive: true });
  writeFileSync(join(host, 'a.txt'), 'hello');
  writeFileSync(join(host, 'sub/b.txt'), 'bee');
  symlinkSync('a.txt', join(host, 'link-in'));
  symlinkSync('sub', join(host, 'dir-in'));
  symlinkSync('../a.txt', join(host, 'sub/link-up'));
  symlinkSync('loop', join(host, 'loop'));
  // Ways out: absolute (even to inside the root), and relative above the root.
  symlinkSync(join(tmp, 'outside.txt'), join(host, 'link-abs'));
  symlinkSync(join(host, 'a.txt'), join(host, 'link-abs-in'));
  symlinkSync('../outside.txt', join(host, 'link-out'));
  symlinkSync(tmp, join(host, 'dir-abs'));
  symlinkSync('..', join(host, 'dir-out'));
  configure({ preopens: [[host, '/data']] });
  [[root]] = preopens.getDirectories();
});

after(() => rmSync(tmp, { recursive: true }));

describe('preopens', () => {
  test('get-directories gives a fresh read + mutate-directory descriptor per preopen', () => {
    const dirs = preopens.getDirectories();
    assert.equal(dirs.length, 1);
    const [dir, guest] = dirs[0];
    assert.ok(dir instanceof types.Descriptor);
    assert.notEqual(dir, root);
    assert.equal(guest, '/data');
    assert.equal(dir.getType(), 'directory');
    assert.deepEqual(dir.getFlags(), { read: true, mutateDirectory: true });
    assert.ok(dir.isSameObject(root));
    dir[Symbol.dispose]();
  });
});

describe('files', () => {
  test('read and write at offsets', () => {
    const f = root.openAt(FOLLOW, 'rw.txt', { create: true }, { read: true, write: true });
    assert.equal(f.getType(), 'regular-file');
    assert.deepEqual(f.getFlags(), { read: true, write: true });
    assert.equal(f.write(text('hello'), 0n), 5n);
    assert.equal(f.write(text('!'), 7n), 1n);
    const [bytes, end] = f.read(100n, 1n);
    assert.deepEqual([str(bytes), end], ['ello\0\0!', false]);
    const [none, atEnd] = f.read(10n, 8n);
    assert.deepEqual([none.length, atEnd], [0, true]);
    f.setSize(2n);
    assert.equal(f.stat().size, 2n);
    f.sync();
    f.syncData();
    f.advise(0n, 2n, 'sequential');
    f[Symbol.dispose]();
    assert.equal(hostFile('rw.txt'), 'he');
  });

  test('streams read, write and append, and outlive their descriptor', () => {
    const w = root.openAt(FOLLOW, 'stream.txt', { create: true, truncate: true }, WRITE);
    w.writeViaStream(0n).blockingWriteAndFlush(text('hello world'));
    const out = w.writeViaStream(6n);
    out.blockingWriteAndFlush(text('W'));
    out.blockingWriteAndFlush(text('O'));
    w.appendViaStream().blockingWriteAndFlush(text('!'));
    w[Symbol.dispose]();
    assert.equal(hostFile('stream.txt'), 'hello WOrld!');

    const r = root.openAt(FOLLOW, 'stream.txt', NONE, READ);
    const input = r.readViaStream(6n);
    r[Symbol.dispose]();
    assert.equal(str(input.blockingRead(100n)), 'WOrld!');
    assert.deepEqual(error(() => input.blockingRead(1n)), { tag: 'closed' });
    input[Symbol.dispose]();
  });

  test('descriptor flags are enforced', () => {
    const ro = root.openAt(FOLLOW, 'a.txt', NONE, READ);
    assert.equal(error(() => ro.write(text('x'), 0n)), 'bad-descriptor');
    assert.equal(error(() => ro.setSize(0n)), 'invalid');
    // A stream is made, its writes fail; the stream error's code says why.
    const e = error(() => ro.writeViaStream(0n).blockingWriteAndFlush(text('x')));
    assert.equal(e.tag, 'last-operation-failed');
    assert.equal(types.filesystemErrorCode(e.val), 'bad-descriptor');
    ro[Symbol.dispose]();
    const wo = root.openAt(FOLLOW, 'a.txt', NONE, WRITE);
    assert.equal(error(() => wo.read(1n, 0n)), 'bad-descriptor');
    assert.equal(types.filesystemErrorCode(error(() => wo.readViaStream(0n).blockingRead(1n)).val), 'bad-descriptor');
    wo[Symbol.dispose]();
    assert.equal(hostFile('a.txt'), 'hello');
    for (const sync of ['fileIntegritySync', 'dataIntegritySync', 'requestedWriteSync']) {
      assert.equal(error(() => root.openAt(FOLLOW, 'a.txt', NONE, { read: true, [sync]: true })), 'unsupported');
    }
  });

  test('directories refuse file operations, files refuse directory ones', () => {
    assert.equal(error(() => root.read(1n, 0n)), 'bad-descriptor');
    assert.equal(error(() => root.write(text('x'), 0n)), 'bad-descriptor');
    assert.equal(error(() => root.readViaStream(0n)), 'is-directory');
    assert.equal(error(() => root.writeViaStream(0n)), 'bad-descriptor');
    assert.equal(error(() => root.appendViaStream()), 'bad-descriptor');
    assert.equal(error(() => root.setSize(0n)), 'bad-descriptor');
    assert.equal(error(() => root.advise(0n, 0n, 'normal')), 'bad-descriptor');
    const f = root.openAt(FOLLOW, 'a.txt', NONE, READ);
    assert.equal(error(() => f.readDirectory()), 'not-directory');
    assert.equal(error(() => f.openAt(FOLLOW, 'x', NONE, READ)), 'not-directory');
    assert.equal(error(() => f.statAt(FOLLOW, 'x')), 'not-directory');
    f[Symbol.dispose]();
  });

  test('open-at flags', () => {
    assert.equal(error(() => root.openAt(FOLLOW, 'a.txt', { create: true, exclusive: true }, WRITE)), 'exist');
    assert.equal(error(() => root.openAt(FOLLOW, 'a.txt', { directory: true }, READ)), 'not-directory');
    assert.equal(error(() => root.openAt(FOLLOW, 'sub', NONE, WRITE)), 'is-directory');
    assert.equal(error(() => root.openAt(FOLLOW, 'new-dir', { create: true, directory: true }, READ)), 'invalid');
    assert.equal(error(() => root.openAt(FOLLOW, 'nope', NONE, READ)), 'no-entry');
    assert.equal(error(() => root.openAt(FOLLOW, 'nope/x', { create: true }, WRITE)), 'no-entry');
    assert.equal(error(() => root.openAt(FOLLOW, '', NONE, READ)), 'no-entry');
    assert.equal(error(() => root.openAt(FOLLOW, 'a\0b', NONE, READ)), 'invalid');
    assert.equal(error(() => root.openAt(FOLLOW, 'a.txt/', NONE, READ)), 'not-directory');
    assert.equal(error(() => root.openAt(FOLLOW, 'a.txt/..', NONE, READ)), 'not-directory');
    const sub = root.openAt(FOLLOW, 'sub/.', { directory: true }, NONE);
    // As wasmtime: opened directories report `read` only.
    assert.deepEqual(sub.getFlags(), { read: true });
    assert.deepEqual(list(sub), ['b.txt:regular-file', 'link-up:symbolic-link']);
    sub[Symbol.dispose]();
  });
});

describe('metadata', () => {
  test('stat and stat-at', () => {
    const f = root.openAt(FOLLOW, 'a.txt', NONE, READ);
    const s = f.stat();
    assert.equal(s.type, 'regular-file');
    assert.equal(s.size, 5n);
    assert.equal(typeof s.linkCount, 'bigint');
    assert.equal(typeof s.dataModificationTimestamp.seconds, 'bigint');
    assert.ok(s.dataModificationTimestamp.nanoseconds < 1e9);
    assert.deepEqual(root.statAt(FOLLOW, 'link-in'), s);
    assert.equal(root.statAt(NOFOLLOW, 'link-in').type, 'symbolic-link');
    assert.equal(root.statAt(FOLLOW, 'sub').type, 'directory');
    assert.equal(root.statAt(FOLLOW, '.').type, 'directory');
    assert.equal(error(() => root.statAt(FOLLOW, 'loop')), 'loop');
    assert.equal(root.stat().type, 'directory');
    f[Symbol.dispose]();
  });

  test('set-times and set-times-at (to the microsecond: Node sets times so)', () => {
    const at = (seconds, nanoseconds) => ({ tag: 'timestamp', val: { seconds, nanoseconds } });
    root.setTimesAt(FOLLOW, 'a.txt', at(1000n, 500_000_000), at(2000n, 250_000_000));
    let s = root.statAt(FOLLOW, 'a.txt');
    assert.deepEqual(s.dataAccessTimestamp, { seconds: 1000n, nanoseconds: 500_000_000 });
    assert.deepEqual(s.dataModificationTimestamp, { seconds: 2000n, nanoseconds: 250_000_000 });
    const f = root.openAt(FOLLOW, 'a.txt', NONE, READ);
    f.setTimes({ tag: 'now' }, { tag: 'no-change' });
    s = f.stat();
    assert.ok(s.dataAccessTimestamp.seconds > 1_000_000_000n);
    assert.deepEqual(s.dataModificationTimestamp, { seconds: 2000n, nanoseconds: 250_000_000 });
    f[Symbol.dispose]();
    // Without symlink-follow the link itself changes, not its target.
    root.setTimesAt(NOFOLLOW, 'link-in', at(3000n, 0), at(3000n, 0));
    assert.equal(root.statAt(NOFOLLOW, 'link-in').dataModificationTimestamp.seconds, 3000n);
    assert.equal(root.statAt(FOLLOW, 'link-in').dataModificationTimestamp.seconds, 2000n);
  });

  test('is-same-object and metadata-hash', () => {
    const a = root.openAt(FOLLOW, 'a.txt', NONE, READ);
    const b = root.openAt(FOLLOW, 'link-in', NONE, READ);
    assert.ok(a.isSameObject(b));
    assert.ok(!a.isSameObject(root));
    assert.deepEqual(a.metadataHash(), b.metadataHash());
    assert.deepEqual(root.metadataHashAt(FOLLOW, 'link-in'), a.metadataHash());
    assert.notDeepEqual(root.metadataHashAt(NOFOLLOW, 'link-in'), a.metadataHash());
    assert.equal(typeof a.metadataHash().lower, 'bigint');
    a[Symbol.dispose]();
    b[Symbol.dispose]();
  });
});

describe('directories', () => {
  test('read-directory lists entries with their types', () => {
    assert.deepEqual(list(root).filter((e) => /^(a\.txt|sub|link-in):/.test(e)), [
      'a.txt:regular-file',
      'link-in:symbolic-link',
      'sub:directory',
    ]);
  });

  test('create, rename, link, unlink and remove', () => {
    root.createDirectoryAt('made/');
    assert.equal(error(() => root.createDirectoryAt('made')), 'exist');
    const f = root.openAt(FOLLOW, 'made/f.txt', { create: true }, WRITE);
    f[Symbol.dispose]();
    root.renameAt('made/f.txt', root, 'made/g.txt');
    const sub = root.openAt(FOLLOW, 'sub', { directory: true }, READ);
    root.renameAt('made/g.txt', sub, 'g.txt');
    assert.ok(existsSync(join(host, 'sub/g.txt')));
    sub.linkAt(NOFOLLOW, 'g.txt', root, 'made/hard.txt');
    assert.equal(root.statAt(FOLLOW, 'made/hard.txt').linkCount, 2n);
    assert.equal(error(() => sub.linkAt(FOLLOW, 'g.txt', root, 'made/hard2.txt')), 'invalid');
    assert.equal(error(() => root.removeDirectoryAt('made')), 'not-empty');
    assert.equal(error(() => root.removeDirectoryAt('made/hard.txt')), 'not-directory');
    assert.equal(error(() => root.removeDirectoryAt('made/')), 'invalid');
    assert.equal(error(() => root.removeDirectoryAt('.')), 'invalid');
    assert.equal(error(() => root.unlinkFileAt('made')), 'is-directory');
    assert.equal(error(() => root.unlinkFileAt('made/nope')), 'no-entry');
    assert.equal(error(() => root.renameAt('a.txt', root, 'made/x/')), 'not-directory');
    assert.equal(error(() => root.renameAt('made', root, 'a.txt')), 'not-directory');
    root.unlinkFileAt('made/hard.txt');
    sub.unlinkFileAt('g.txt');
    sub[Symbol.dispose]();
    root.removeDirectoryAt('made');
    assert.ok(!existsSync(join(host, 'made')));
  });

  test('symlinks', () => {
    root.symlinkAt('sub/b.txt', 'to-b');
    assert.equal(root.readlinkAt('to-b'), 'sub/b.txt');
    assert.equal(root.statAt(FOLLOW, 'to-b').size, 3n);
    assert.equal(error(() => root.openAt(NOFOLLOW, 'to-b', NONE, READ)), 'loop');
    assert.equal(error(() => root.openAt(NOFOLLOW, 'dir-in', { directory: true }, READ)), 'loop');
    assert.equal(error(() => root.openAt(FOLLOW, 'loop', NONE, READ)), 'loop');
    assert.equal(error(() => root.readlinkAt('a.txt')), 'invalid');
    assert.equal(error(() => root.symlinkAt('a.txt', 'to-b')), 'exist');
    // Symlinks inside the root are followed anywhere in a path.
    const b = root.openAt(NOFOLLOW, 'dir-in/b.txt', NONE, READ);
    assert.equal(str(b.read(10n, 0n)[0]), 'bee');
    b[Symbol.dispose]();
    const a = root.openAt(FOLLOW, 'sub/link-up', NONE, READ);
    assert.equal(str(a.read(10n, 0n)[0]), 'hello');
    a[Symbol.dispose]();
    // A relative target is stored as given, even one leading out: following it is refused.
    root.symlinkAt('../outside.txt', 'made-out');
    assert.equal(error(() => root.statAt(FOLLOW, 'made-out')), 'not-permitted');
    root.unlinkFileAt('made-out');
    root.unlinkFileAt('to-b');
  });
});

describe('sandbox', () => {
  // Each path leaves the root one way; every operation that takes a path refuses it.
  const escapes = {
    'absolute path': '/etc/passwd',
    '.. above the root': '../outside.txt',
    '.. above the root, after a directory': 'sub/../../outside.txt',
    'absolute symlink': 'link-abs',
    'absolute symlink to inside the root': 'link-abs-in',
    'relative symlink out': 'link-out',
    'absolute symlink in a path component': 'dir-abs/outside.txt',
    'relative symlink out in a path component': 'dir-out/outside.txt',
  };
  const epoch = { tag: 'timestamp', val: { seconds: 0n, nanoseconds: 0 } };

  for (const [how, path] of Object.entries(escapes)) {
    test(how, () => {
      const refused = (f) => assert.equal(error(f), 'not-permitted', `${path}: ${f}`);
      refused(() => root.openAt(FOLLOW, path, NONE, READ));
      refused(() => root.openAt(FOLLOW, path, NONE, WRITE));
      refused(() => root.openAt(FOLLOW, path, { create: true, truncate: true }, WRITE));
      refused(() => root.statAt(FOLLOW, path));
      refused(() => root.setTimesAt(FOLLOW, path, epoch, epoch));
      refused(() => root.metadataHashAt(FOLLOW, path));
      // A final symlink is the object these act on, so only the other escapes apply.
      if (path.startsWith('link-')) return;
      refused(() => root.statAt(NOFOLLOW, path));
      refused(() => root.createDirectoryAt(path));
      refused(() => root.unlinkFileAt(path));
      refused(() => root.removeDirectoryAt(path));
      refused(() => root.readlinkAt(path));
      refused(() => root.symlinkAt('a.txt', path));
      refused(() => root.renameAt('a.txt', root, path));
      refused(() => root.renameAt(path, root, 'renamed'));
      refused(() => root.linkAt(NOFOLLOW, 'a.txt', root, path));
      refused(() => root.linkAt(NOFOLLOW, path, root, 'linked'));
    });
  }

  test('symlinks out are still there to be seen, not followed', () => {
    assert.equal(root.statAt(NOFOLLOW, 'link-abs').type, 'symbolic-link');
    assert.equal(error(() => root.openAt(NOFOLLOW, 'link-abs', NONE, READ)), 'loop');
    assert.equal(root.readlinkAt('link-out'), '../outside.txt');
    // Absolute contents are not given out.
    assert.equal(error(() => root.readlinkAt('link-abs')), 'not-permitted');
    assert.equal(error(() => root.symlinkAt('/etc/passwd', 'abs')), 'not-permitted');
  });

  test('a directory descriptor is a root of its own', () => {
    const sub = root.openAt(FOLLOW, 'sub', { directory: true }, READ);
    assert.equal(error(() => sub.statAt(FOLLOW, '../a.txt')), 'not-permitted');
    assert.equal(error(() => sub.openAt(FOLLOW, 'link-up', NONE, READ)), 'not-permitted');
    assert.equal(error(() => sub.openAt(FOLLOW, '..', NONE, READ)), 'not-permitted');
    sub[Symbol.dispose]();
  });

  test('nothing outside changed', () => {
    assert.equal(readFileSync(join(tmp, 'outside.txt'), 'utf8'), 'outside');
    assert.deepEqual(readdirSync(tmp).sort(), ['outside.txt', 'root']);
  });
});

test('descriptors and streams close their fds when dropped', { skip: !existsSync('/proc/self/fd') }, () => {
  const open = () => readdirSync('/proc/self/fd').length;
  const before = open();
  const f = root.openAt(FOLLOW, 'a.txt', NONE, READ);
  const s = f.readViaStream(0n);
  f[Symbol.dispose]();
  assert.equal(open(), before + 1); // the stream still reads it
  s[Symbol.dispose]();
  const dirs = preopens.getDirectories();
  const entries = root.readDirectory();
  dirs[0][0][Symbol.dispose]();
  entries[Symbol.dispose]();
  assert.equal(open(), before);
});

test('filesystem-error-code is undefined for other errors', () => {
  assert.equal(types.filesystemErrorCode({}), undefined);
});
