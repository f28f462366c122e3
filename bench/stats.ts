/**
 * Figures, their summary statistics, targets and the printed table.
 *
 * Every figure carries the same fields (median, p95, min, max, runs) so the
 * JSON can be compared run to run; a figure measured against a reference
 * carries the ratio to it and the target that ratio is held to. Targets are
 * stated here once, as the issue states them, and are never loosened.
 */

export type Unit = 'ms' | 's' | 'MB' | 'KB/page' | 'MB/s' | 'articles/s'

export interface Target {
  /** `<=`: the ratio must be at most `value`; `>=`: at least. */
  readonly op: '<=' | '>=' | '<'
  readonly value: number
}

export interface Ratio {
  readonly name: string
  /** The figure this one is compared with (`of` / `to`). */
  readonly reference: string
  /** How the ratio is formed, e.g. "reference median / figure median". */
  readonly formula: string
  readonly value: number | null
  readonly target: Target | null
  /** Whether the target is met; null when there is no target or no value. */
  readonly met: boolean | null
}

export interface Figure {
  readonly key: string
  /** The numbered figure of the issue this belongs to (1-8). */
  readonly group: number
  readonly label: string
  readonly unit: Unit
  /** Whether a smaller value is better (times, memory) or a larger one (rates). */
  readonly better: 'lower' | 'higher'
  /** False when the figure could not be measured; the numbers are then null and `note` says why. */
  readonly available: boolean
  readonly median: number | null
  readonly p95: number | null
  readonly p99: number | null
  readonly min: number | null
  readonly max: number | null
  readonly runs: number
  /** The primary ratio to this figure's reference (the first of `ratios`), or null. */
  readonly ratio: number | null
  readonly reference: string | null
  readonly ratios: readonly Ratio[]
  readonly note?: string
  readonly details?: Readonly<Record<string, unknown>>
}

/** Nearest-rank percentile of sorted samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN
  const rank = Math.max(1, Math.ceil(p * sorted.length))
  return sorted[Math.min(sorted.length, rank) - 1] as number
}

export function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b)
  const n = sorted.length
  if (n === 0) return Number.NaN
  const mid = Math.floor(n / 2)
  return n % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

export interface FigureInput {
  readonly key: string
  readonly group: number
  readonly label: string
  readonly unit: Unit
  readonly better?: 'lower' | 'higher'
  readonly samples: readonly number[]
  readonly note?: string
  readonly details?: Readonly<Record<string, unknown>>
}

/** A figure from its samples; ratios are added later with `withRatio`. */
export function figure(input: FigureInput): Figure {
  const sorted = [...input.samples].filter((s) => Number.isFinite(s)).sort((a, b) => a - b)
  const has = sorted.length > 0
  return {
    key: input.key,
    group: input.group,
    label: input.label,
    unit: input.unit,
    better:
      input.better ?? (input.unit === 'MB/s' || input.unit === 'articles/s' ? 'higher' : 'lower'),
    available: has,
    median: has ? median(sorted) : null,
    p95: has ? percentile(sorted, 0.95) : null,
    p99: has ? percentile(sorted, 0.99) : null,
    min: has ? (sorted[0] as number) : null,
    max: has ? (sorted[sorted.length - 1] as number) : null,
    runs: sorted.length,
    ratio: null,
    reference: null,
    ratios: [],
    ...(input.note !== undefined ? { note: input.note } : {}),
    ...(input.details !== undefined ? { details: input.details } : {}),
  }
}

/** A figure that could not be measured, with the reason. */
export function unavailable(
  input: Omit<FigureInput, 'samples'> & { readonly note: string },
): Figure {
  return figure({ ...input, samples: [] })
}

function meets(value: number, target: Target): boolean {
  switch (target.op) {
    case '<=':
      return value <= target.value
    case '<':
      return value < target.value
    case '>=':
      return value >= target.value
  }
}

/**
 * Add a ratio `numerator.median / denominator.median` to `fig`.
 *
 * The first ratio added becomes the figure's primary `ratio`.
 */
export function withRatio(
  fig: Figure,
  name: string,
  numerator: Figure,
  denominator: Figure,
  target: Target | null,
  reference: Figure = numerator === fig ? denominator : numerator,
): Figure {
  const value =
    numerator.median !== null && denominator.median !== null && denominator.median > 0
      ? numerator.median / denominator.median
      : null
  const ratio: Ratio = {
    name,
    reference: reference.key,
    formula: `${numerator.key} median / ${denominator.key} median`,
    value,
    target,
    met: value === null || target === null ? null : meets(value, target),
  }
  return {
    ...fig,
    ratios: [...fig.ratios, ratio],
    ratio: fig.ratios.length === 0 ? value : fig.ratio,
    reference: fig.ratios.length === 0 ? reference.key : fig.reference,
  }
}

/**
 * A target on the figure's own value rather than on a ratio (e.g. the longest stall), held
 * to its median, p95 or max; a figure may carry several (each is one entry of `ratios`).
 */
export function withLimit(
  fig: Figure,
  name: string,
  target: Target,
  on: 'max' | 'median' | 'p95',
): Figure {
  const value = fig[on]
  const ratio: Ratio = {
    name,
    reference: fig.key,
    formula: `${on} of ${fig.key} in ${fig.unit} (a limit, not a ratio)`,
    value,
    target,
    met: value === null ? null : meets(value, target),
  }
  return { ...fig, ratios: [...fig.ratios, ratio] }
}

function fmt(value: number | null, unit?: Unit): string {
  if (value === null || !Number.isFinite(value)) return '—'
  const abs = Math.abs(value)
  const digits = abs >= 1000 ? 0 : abs >= 100 ? 1 : abs >= 10 ? 2 : abs >= 1 ? 2 : 3
  const text = value.toFixed(digits)
  return unit ? text : text
}

function targetText(t: Target | null): string {
  return t === null ? '' : ` (target ${t.op} ${t.value})`
}

/** The ratios of a figure as one cell: `12.3× vs naive ≥ 100 ✗`. */
export function ratioCell(fig: Figure): string {
  return fig.ratios
    .map((r) => {
      const mark = r.met === null ? '' : r.met ? ' ✓' : ' ✗'
      return `${r.name}: ${fmt(r.value)}${targetText(r.target)}${mark}`
    })
    .join('; ')
}

/** The results as a Markdown table (also readable in a terminal). */
export function renderTable(figures: readonly Figure[]): string {
  const head = ['#', 'Figure', 'Unit', 'Median', 'p95', 'Min', 'Max', 'Runs', 'Ratios (target)']
  const rows = figures.map((f) => [
    String(f.group),
    f.available ? f.label : `${f.label} — not available${f.note ? `: ${f.note}` : ''}`,
    f.unit,
    fmt(f.median),
    fmt(f.p95),
    fmt(f.min),
    fmt(f.max),
    String(f.runs),
    ratioCell(f),
  ])
  const lines = [head, ['---', '---', '---', '---:', '---:', '---:', '---:', '---:', '---']]
  return [...lines, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n')
}
