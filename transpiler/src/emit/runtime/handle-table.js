// A component instance's handle table, as the canonical ABI specifies it: index 0 is never
// used, freed slots are reused last-freed first. An entry is
// { resource, rep, own, lends, borrowOf } (borrowOf: the instance whose call lent it).
class HandleTable {
  constructor() {
    this.entries = [null];
    this.free = [];
  }
  add(entry) {
    if (this.free.length > 0) {
      const index = this.free.pop();
      this.entries[index] = entry;
      return index;
    }
    if (this.entries.length >= 1 << 28) trap('handle table is full');
    this.entries.push(entry);
    return this.entries.length - 1;
  }
  get(handle, resource) {
    const entry = this.entries[handle >>> 0];
    if (!entry) trap('unknown handle index ' + (handle >>> 0));
    if (entry.resource !== resource) trap('handle index ' + (handle >>> 0) + ' used with the wrong type');
    return entry;
  }
  remove(handle, resource) {
    const entry = this.get(handle, resource);
    this.entries[handle >>> 0] = null;
    this.free.push(handle >>> 0);
    return entry;
  }
  // Takes an owned handle out of the table to move it elsewhere.
  takeOwn(handle, resource) {
    const entry = this.get(handle, resource);
    if (!entry.own) trap('cannot transfer a borrowed handle as `own`');
    if (entry.lends !== 0) trap('cannot remove owned resource while borrowed');
    return this.remove(handle, resource).rep;
  }
}
