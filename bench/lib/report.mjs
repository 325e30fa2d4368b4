// Markdown for a table of results: one column per contender (median, min–max), then the
// ratio ferry/peer for each other contender.
//
// A table is { title, unit, note?, contenders: [name...] (ferry first), rows: [{ label,
// results: { name: { median, min, max, n } | { error } | undefined } }] }; `unit` is one of
// the keys of UNITS.

const UNITS = {
  ms: (v) => `${fixed(v)} ms`,
  ns: (v) => `${fixed(v)} ns`,
  us: (v) => `${fixed(v)} µs`,
  bytes: (v) => `${Math.round(v).toLocaleString('en-US')} B`,
  kb: (v) => `${Math.round(v).toLocaleString('en-US')} KB`,
  'MB/s': (v) => `${fixed(v)} MB/s`,
};

/** The table as Markdown. */
export function markdown(table) {
  const format = UNITS[table.unit];
  if (!format) throw new Error(`unknown unit ${table.unit} in table ${table.title}`);
  const [ferry, ...peers] = table.contenders;
  const head = ['', ...table.contenders, ...peers.map((p) => `${ferry}/${p}`)];
  const lines = [
    `### ${table.title}`,
    '',
    ...(table.note ? [table.note, ''] : []),
    row(head),
    row(head.map(() => '---')),
  ];
  for (const { label, results } of table.rows) {
    const cells = table.contenders.map((name) => cell(results[name], format));
    const ratios = peers.map((p) => ratio(results[ferry], results[p]));
    lines.push(row([label, ...cells, ...ratios]));
  }
  return lines.join('\n') + '\n';
}

function cell(result, format) {
  if (!result) return 'n/a';
  if ('error' in result) return `error: ${result.error.replaceAll('|', '\\|')}`;
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
