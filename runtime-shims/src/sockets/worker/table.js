// The worker's sockets, name lookups and outgoing HTTP requests (http/worker/), by id. A record lives while the main thread holds a
// resource over it: a socket, and each stream made from it (a TCP connection's two streams, a
// UDP socket's datagram streams), since the streams keep using the socket after it is dropped.

const records = new Map();
let nextId = 1;

/** Adds `record` (with a `close()` that frees what it holds), held `refs` times; its id. */
export function add(record, refs = 1) {
  record.refs = refs;
  records.set(nextId, record);
  return nextId++;
}

export function get(id) {
  const record = records.get(id);
  if (record === undefined) throw new Error(`sockets worker: no record ${id}`);
  return record;
}

/** Operation: the main thread dropped one of the resources over record `id`. */
export function release(id) {
  const record = records.get(id);
  if (record !== undefined && --record.refs === 0) {
    records.delete(id);
    record.close();
  }
}

/** Frees record `id` (if still there) whoever still holds it: its holders are gone (`ferry serve`'s instance ended). */
export function drop(id) {
  const record = records.get(id);
  if (record !== undefined) {
    records.delete(id);
    record.close();
  }
}
