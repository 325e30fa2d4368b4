// A blocking import called synchronously cannot make the component wait for a Promise; a
// host that returns one (a browser's WASI shims when they must wait) needs it to be async.
function notAPromise(value, name, fix = 'transpile with --async-mode jspi') {
  if (value !== null && typeof value === 'object' && typeof value.then === 'function') trap(`${name} returned a Promise: ${fix} to let it block`);
  return value;
}
