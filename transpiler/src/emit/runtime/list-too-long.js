// A list from JS whose elements would take 4 GiB or more: it cannot be lowered into 32-bit
// linear memory (the canonical ABI's limit), and nothing was allocated for it.
function listTooLong(where, type, length) {
  return new RangeError(`${where}: a ${type} of ${length} elements does not fit in 4 GiB of linear memory`);
}
