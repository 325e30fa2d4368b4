// A top level that never ends: componentize stops it at --init-timeout.
let spins = 0;
while (spins >= 0) spins++;

export function ready() {
  return true;
}
