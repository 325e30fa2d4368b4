function badValue(where, type, value) {
  let shown;
  try {
    shown = typeof value === 'bigint' ? `${value}n` : typeof value === 'string' ? JSON.stringify(value) : String(value);
  } catch {
    shown = Object.prototype.toString.call(value);
  }
  if (shown.length > 60) shown = shown.slice(0, 57) + '...';
  return new TypeError(`${where}: expected ${type}, got ${shown} (${value === null ? 'null' : typeof value})`);
}
