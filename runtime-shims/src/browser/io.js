// wasi:io in browsers: error, poll (waits are Promises: browser/io/poll.js), streams.
import { Error } from '../io/error.js';
import { Pollable } from '../io/pollable.js';
import { InputStream, OutputStream } from '../io/streams.js';
import { poll as pollList } from './io/poll.js';

export const error = { Error };
export const poll = { Pollable, poll: pollList };
export const streams = { InputStream, OutputStream };
