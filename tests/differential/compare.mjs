// Compares one case's results: ferry's (Node) and wasmtime-py's must both be the value the
// case passed in (an echo returns its argument; NaN is compared as NaN, every other float
// by its bits), and the lent resource, if any, must reach the import as itself. An error on
// either side is a finding too: nothing here should trap. For plain data the bytes each host
// wrote into the component's memory (`layout`) must be the same, unless the value holds a
// NaN (whose bits a host may choose), and without strings, so must the component's
// `cabi_realloc` calls (`reallocs`: `[old_size, align, new_size, ...]`).

import { isDeepStrictEqual } from 'node:util';

/** The finding for case `c`, or null when both sides returned its value. */
export function compareCase(c, ferry, wasmtime) {
  const problems = [];
  for (const [side, result] of [['ferry', ferry], ['wasmtime', wasmtime]]) {
    if (result === undefined) problems.push(`${side}: no result`);
    else if (result.error !== undefined) problems.push(`${side}: error ${result.error}`);
    else if (!isDeepStrictEqual(result.value, c.value)) problems.push(`${side}: returned another value`);
    if (result && c.borrow !== undefined && !isDeepStrictEqual(result.borrow, c.borrow)) {
      problems.push(`${side}: the import saw the borrowed resource as ${JSON.stringify(result.borrow)}`);
    }
    if (result?.layoutError !== undefined) problems.push(`${side}: layout${c.index}: error ${result.layoutError}`);
  }
  const nan = JSON.stringify(c.value).includes('"nan"');
  if (c.layout && !nan && problems.length === 0 && ferry.layout !== wasmtime.layout) {
    problems.push('the hosts wrote different bytes (layout)');
  }
  if (c.reallocs && problems.length === 0 && !isDeepStrictEqual(ferry.reallocs, wasmtime.reallocs)) {
    problems.push('the hosts allocated differently (reallocs)');
  }
  if (problems.length === 0) return null;
  const agree = isDeepStrictEqual(ferry, wasmtime);
  return { agree, problems, case: c, ferry, wasmtime };
}

/** A finding of `batch` (its JSON file) as text: what differs, the WIT type, the input and both outputs. */
export function describeFinding(batch, f) {
  const clip = (x) => {
    const text = JSON.stringify(x);
    return text.length > 2000 ? `${text.slice(0, 2000)}... (${text.length} chars)` : text;
  };
  return [
    `seed ${batch.seed} batch ${batch.batch} (${batch.encoding}) case ${f.case.index}: ${f.problems.join('; ')}` +
      (f.agree ? ' (ferry and wasmtime agree)' : ''),
    `  type:     ${f.case.wit}`,
    `  input:    ${clip(f.case.value)}${f.case.borrow !== undefined ? ` (lent: res ${f.case.borrow})` : ''}`,
    `  ferry:    ${clip(f.ferry)}`,
    `  wasmtime: ${clip(f.wasmtime)}`,
  ].join('\n');
}
