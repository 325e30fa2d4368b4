// Must fail to type-check: `echo-u8` takes a number.
import { iface } from './out/values/values.js';

iface.echoU8('200');
