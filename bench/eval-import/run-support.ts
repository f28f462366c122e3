/**
 * What every import evaluation script shares: reading its options, summing
 * up time per page, formatting figures and tables, writing its results.
 *
 * Why: the benchmark run, the unseen sets and the PDF evaluation print and
 * save their figures the same way; one home keeps them from drifting.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { median, percentile } from '../stats'

/** The value of `--name <value>` or `--name=<value>` on the command line, if given. */
export function option(name: string): string | undefined {
  const args = process.argv.slice(2)
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === `--${name}`) return args[i + 1]
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3)
  }
  return undefined
}

/** Caption blocks in a run's imports, and the pages holding any. */
export interface CaptionCount {
  readonly blocks: number
  readonly pages: number
}

/** The report line on caption blocks. */
export function captionLine(captions: CaptionCount, pages: number): string {
  return `Caption blocks: ${captions.blocks} on ${captions.pages} of ${pages} pages.`
}

/** Time taken by a run, per page. */
export interface TimeSummary {
  readonly totalS: number
  readonly medianMs: number
  readonly p95Ms: number
  readonly maxMs: number
  /** The first page's time: it loads the parsers. */
  readonly firstMs: number
}

/** Summarise per-page times (in run order) and the run's total seconds. */
export function timeSummary(msInOrder: readonly number[], totalS: number): TimeSummary {
  const sorted = [...msInOrder].sort((a, b) => a - b)
  return {
    totalS,
    medianMs: median(sorted),
    p95Ms: percentile(sorted, 0.95),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
    firstMs: msInOrder[0] ?? Number.NaN,
  }
}

/** A score to three decimals, or a dash when there is none. */
export function f3(n: number): string {
  return Number.isFinite(n) ? n.toFixed(3) : '–'
}

/**
 * Rows as an indented text table: the first column (and, with
 * `lastLeft`, the last) left-aligned, the others right-aligned.
 */
export function table(rows: readonly (readonly string[])[], lastLeft = false): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return rows
    .map(
      (r) =>
        '  ' +
        r
          .map((cell, i) =>
            i === 0 || (lastLeft && i === r.length - 1)
              ? cell.padEnd(widths[i]!)
              : cell.padStart(widths[i]!),
          )
          .join('  '),
    )
    .join('\n')
    .replace(/ +$/gm, '')
}

/** Write a run's result as JSON, and the extracted bodies too when asked; say where. */
export async function writeRun(
  script: string,
  out: string,
  result: unknown,
  predictions?: { readonly path: string; readonly bodies: unknown },
): Promise<void> {
  await mkdir(dirname(out), { recursive: true })
  await writeFile(out, `${JSON.stringify(result, null, 2)}\n`)
  process.stderr.write(`${script}: wrote ${out}\n`)
  if (predictions) {
    await mkdir(dirname(predictions.path), { recursive: true })
    await writeFile(predictions.path, `${JSON.stringify(predictions.bodies, null, 1)}\n`)
    process.stderr.write(`${script}: wrote the extracted bodies to ${predictions.path}\n`)
  }
}
