// wasi:io: error, poll, streams.
import { Error } from './io/error.js';
import { Pollable, poll as pollList } from './io/poll.js';
import { InputStream, OutputStream } from './io/streams.js';

export const error = { Error };
export const poll = { Pollable, poll: pollList };
export const streams = { InputStream, OutputStream };
