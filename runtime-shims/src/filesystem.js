// wasi:filesystem: `types` (descriptors over the host's files) and `preopens` (the directories
// `configure({ preopens })` grants). Every path stays inside the descriptor it is resolved from.
import { config } from './config.js';
import { Descriptor, DirectoryEntryStream, openPreopen } from './filesystem/descriptor.js';
import { filesystemErrorCode } from './filesystem/errors.js';

export const types = { Descriptor, DirectoryEntryStream, filesystemErrorCode };

export const preopens = {
  // Fresh descriptors on each call: each handle the component gets is its own to drop.
  getDirectories: () => config.preopens.map(([hostPath, guestPath]) => [openPreopen(hostPath), guestPath]),
};
