// wasi:filesystem in browsers: `types` over a tree in memory (filesystem/), `preopens` the
// directories of it that `configure({ preopens })` grants, at the same paths.
import { filesystemErrorCode } from '../filesystem/errors.js';
import { config } from './config.js';
import { Descriptor, DirectoryEntryStream, openPreopen } from './filesystem/descriptor.js';
import { directoryAt } from './filesystem/tree.js';

export const types = { Descriptor, DirectoryEntryStream, filesystemErrorCode };

export const preopens = {
  // Fresh descriptors on each call: each handle the component gets is its own to drop.
  getDirectories: () => config.preopens.map((path) => [openPreopen(directoryAt(path)), path]),
};
