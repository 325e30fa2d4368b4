// Markdown for a table of results: one column per contender (median, min–max), then the
// ratio ferry/peer for each other contender.
//
// A table is { title, unit, note?, contenders: [name...] (ferry first), rows: [{ label,
// results: { name: { median, min, max, n } | { error } | undefined } }] }; `unit` is one of
// the keys of UNITS. A summary table is { title, note?, columns: [heading...], cells: [[text...]] }:
// its cells are printed as they are, with no ratios.

const UNITS = {
  ms: (v) => `${fixed(v)} ms`,
  ns: (v) => `${fixed(v)} ns`,
  us: (v) => `${fixed(v)} µs`,
  bytes: (v) => `${Math.round(v).toLocaleString('en-US')} B`,
  kb: (v) => `${Math.round(v).toLocaleString('en-US')} KB`,
  'MB/s': (v) => `${fixed(v)} MB/s`,
  // Millions of wasm instructions executed (wasmtime's fuel).
  Minstr: (v) => `${fixed(v)} M`,
};

/** `value` written in `unit` (a key of UNITS), as the tables write it. */
export function formatted(unit, value) {
  return formatter(unit, '')(value);
}

/** The table as Markdown. */
export function markdown(table) {
  if (table.columns) return summary(table);
  const format = formatter(table.unit, ` in table ${table.title}`);
  const [ferry, ...peers] = table.contenders;
  const head = ['', ...table.contenders, ...peers.map((p) => `${ferry}/${p}`)];
  const lines = [...heading(table), row(head), row(head.map(() => '---'))];
  for (const { label, results } of table.rows) {
    const cells = table.contenders.map((name) => cell(results[name], format));
    const ratios = peers.map((p) => ratio(results[ferry], results[p]));
    lines.push(row([label, ...cells, ...ratios]));
  }
  return lines.join('\n') + '\n';
}

function formatter(unit, where) {
  const format = UNITS[unit];
  if (!format) throw new Error(`unknown unit ${unit}${where}`);
  return format;
}

function summary(table) {
  const lines = [...heading(table), row(table.columns), row(table.columns.map(() => '---'))];
  for (const cells of table.cells) lines.push(row(cells.map((text) => escape(String(text)))));
  return lines.join('\n') + '\n';
}

function heading(table) {
  return [`### ${table.title}`, '', ...(table.note ? [table.note, ''] : [])];
}

/** A cell's text with the column separator escaped. */
function escape(text) {
  return text.replaceAll('|', '\\|');
}

function cell(result, format) {
  if (!result) return 'n/a';
  if ('error' in result) return `error: ${escape(result.error)}`;
  if (result.n === 1 || result.min === result.max) return format(result.median);
  return `${format(result.median)} (${format(result.min)}–${format(result.max)})`;
}

function ratio(ours, theirs) {
  if (!ours || !theirs || 'error' in ours || 'error' in theirs || theirs.median === 0) return '–';
  return `${fixed(ours.median / theirs.median)}x`;
}

function fixed(v) {
  const digits = Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2;
  return v.toFixed(digits);
}

function row(cells) {
  return `| ${cells.join(' | ')} |`;
}
