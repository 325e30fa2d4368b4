// Measuring: contenders run alternately on the same input (so drift in the machine's load
// falls on all of them alike), a warm-up first, then the recorded runs; each sample is a
// number in the table's unit, and a row reports median and min–max.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Median, min and max of `samples` (numbers). */
export function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/**
 * Runs `contenders` ({ name: async () => sample }) alternately: `warmup` rounds unrecorded,
 * then `runs` rounds. Returns { name: { median, min, max, n } | { error } }: a contender that
 * throws is dropped from later rounds and reports the first line of its error.
 */
export async function alternate(contenders, { warmup, runs }) {
  const samples = Object.fromEntries(Object.keys(contenders).map((name) => [name, []]));
  const errors = {};
  for (let round = 0; round < warmup + runs; round++) {
    for (const [name, fn] of Object.entries(contenders)) {
      if (name in errors) continue;
      try {
        const sample = await fn();
        if (round >= warmup) samples[name].push(sample);
      } catch (e) {
        errors[name] = firstLine(e);
      }
    }
  }
  return Object.fromEntries(
    Object.keys(contenders).map((name) => [name, name in errors ? { error: errors[name] } : summarize(samples[name])]),
  );
}

/** A single measurement (a size, say) as a result: no spread. */
export function once(value) {
  return { median: value, min: value, max: value, n: 1 };
}

/** Runs `fn`, turning a throw into `{ error }` (for results measured once). */
export async function attempt(fn) {
  try {
    return await fn();
  } catch (e) {
    return { error: firstLine(e) };
  }
}

/**
 * Runs a command to completion under GNU time and returns { ms, rssKb, stdout }: wall time
 * measured here (hrtime), peak resident memory of the command as time reports it. Throws
 * with the command's stderr if it fails.
 */
export function timeCommand(cmd, args, { cwd, env } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'ferry-bench-time-'));
  const rssFile = join(dir, 'rss');
  try {
    const start = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, cmd, ...args], {
      cwd, env: env ?? process.env, encoding: 'utf8', maxBuffer: 1 << 30,
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.error) throw r.error;
    if (r.status !== 0) {
      throw new Error(`${cmd} ${args.join(' ')} exited with ${r.status}: ${(r.stderr || r.stdout).trim()}`);
    }
    const rssKb = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
    return { ms, rssKb, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function firstLine(e) {
  const text = String(e?.message ?? e).trim();
  return text.split('\n').find((l) => l.trim()) ?? text;
}
