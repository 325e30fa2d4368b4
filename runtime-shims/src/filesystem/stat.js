// Node's file metadata as wasi:filesystem values: descriptor types, descriptor-stat, datetimes,
// metadata hashes, and new-timestamps back into what Node's `utimes` takes.
import { createHash, randomBytes } from 'node:crypto';
import { datetime } from './datetime.js';

const TYPES = [
  ['isFile', 'regular-file'],
  ['isDirectory', 'directory'],
  ['isSymbolicLink', 'symbolic-link'],
  ['isFIFO', 'fifo'],
  ['isSocket', 'socket'],
  ['isBlockDevice', 'block-device'],
  ['isCharacterDevice', 'character-device'],
];

/** The `descriptor-type` of a `Stats` or `Dirent`. */
export const typeOf = (s) => TYPES.find(([is]) => s[is]())?.[1] ?? 'unknown';

/** The `descriptor-stat` of bigint `Stats`. */
export const toStat = (s) => ({
  type: typeOf(s),
  linkCount: s.nlink,
  size: s.size,
  dataAccessTimestamp: datetime(s.atimeNs),
  dataModificationTimestamp: datetime(s.mtimeNs),
  statusChangeTimestamp: datetime(s.ctimeNs),
});

// Keyed per process so the hash does not reveal the inode numbers behind it.
const key = randomBytes(16);

/** The `metadata-hash-value` of bigint `Stats`: changes when the object is replaced or modified. */
export function metadataHash(s) {
  const hash = createHash('sha256').update(key).update(`${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}`).digest();
  return { lower: hash.readBigUInt64LE(0), upper: hash.readBigUInt64LE(8) };
}

/**
 * Seconds since the epoch for Node's `utimes` from a `new-timestamp`; `currentNs` (bigint) is
 * kept for `no-change`, as Node has no `UTIME_OMIT`. Node sets times to the microsecond,
 * truncating the double it is given: half a microsecond more makes it land on the intended one.
 */
export function utime(timestamp, currentNs) {
  const seconds = (ns) => Number(ns / 1_000_000_000n) + (Number((ns % 1_000_000_000n) / 1000n) + 0.5) / 1e6;
  switch (timestamp.tag) {
    case 'no-change':
      return seconds(currentNs);
    case 'now':
      return Date.now() / 1000;
    case 'timestamp':
      return seconds(timestamp.val.seconds * 1_000_000_000n + BigInt(timestamp.val.nanoseconds));
  }
  throw new TypeError(`new-timestamp: unknown case \`${timestamp.tag}\``);
}
