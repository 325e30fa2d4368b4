// Sync mode: a blocking import cannot make the component wait for a Promise; a host that
// returns one (a browser's WASI shims when they must wait) needs `--async-mode jspi`.
function notAPromise(value, name) {
  if (value !== null && typeof value === 'object' && typeof value.then === 'function') {
    trap(`${name} returned a Promise: transpile with --async-mode jspi to let it block`);
  }
  return value;
}
