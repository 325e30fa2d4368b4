// A component instance's state: 0 idle, 1 running (re-entering traps), 2 trapped earlier.
function enterError(state) {
  trap(state === 2 ? 'cannot enter component instance: it trapped earlier' : 'cannot enter component instance: it is already running (re-entrance)');
}
