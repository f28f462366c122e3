/**
 * The article-extraction benchmark's own score, ported line for line.
 *
 * Why: a number is only comparable with the benchmark's published table if
 * it is computed the way the benchmark computes it. This is
 * `evaluate.py` of scrapinghub/article-extraction-benchmark (commit 4a3bc97):
 * `\w+` tokens, 4-token shingles counted as multisets, each page's TP/FP/FN
 * divided by their sum so long pages weigh no more than short ones, then the
 * MEAN OF PER-PAGE precision and recall (macro, not micro), and F1 formed
 * from those two means. Kept free of the corpus and the importer so the unit
 * test can check it on hand-made strings.
 */

/**
 * Python's `re` `\w` on str patterns: characters that are alphanumeric
 * (`str.isalnum()`: letters and numbers) or `_`. Combining marks are not word
 * characters there, so they split tokens here too.
 */
const TOKEN = /[\p{L}\p{N}_]+/gu

/** The benchmark's shingle size. */
export const SHINGLE_SIZE = 4

/** Runs of word characters, in order (`_tokenize`). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? []
}

/**
 * Overlapping n-token shingles with their counts (`_all_shingles`).
 *
 * As in the original, a text with fewer than n tokens gives one shorter
 * shingle of all its tokens, and an empty text gives none.
 */
export function shingles(text: string, n: number = SHINGLE_SIZE): Map<string, number> {
  const tokens = tokenize(text)
  const counts = new Map<string, number>()
  for (let i = 0; i < Math.max(1, tokens.length - n + 1); i++) {
    const shingle = tokens.slice(i, i + n)
    if (shingle.length === 0) continue
    // U+0000 never occurs inside a token, so the joined key is unambiguous.
    const key = shingle.join('\u0000')
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return counts
}

/** One page's shingle match, each share divided by their sum (all 0 when both texts are empty). */
export interface PageMatch {
  readonly tp: number
  readonly fp: number
  readonly fn: number
}

/** Compare an extracted body with the hand-marked one (`string_shingle_matching`). */
export function matchShingles(
  truth: string,
  extracted: string,
  n: number = SHINGLE_SIZE,
): PageMatch {
  const expected = shingles(truth, n)
  const got = shingles(extracted, n)
  let tp = 0
  let fp = 0
  let fn = 0
  for (const key of new Set([...expected.keys(), ...got.keys()])) {
    const want = expected.get(key) ?? 0
    const have = got.get(key) ?? 0
    tp += Math.min(want, have)
    fp += Math.max(0, have - want)
    fn += Math.max(0, want - have)
  }
  const sum = tp + fp + fn
  return sum > 0 ? { tp: tp / sum, fp: fp / sum, fn: fn / sum } : { tp, fp, fn }
}

/** `precision_score`: 1 when nothing is extra and nothing missing, 0 when nothing was extracted. */
export function pagePrecision({ tp, fp, fn }: PageMatch): number {
  if (fp === 0 && fn === 0) return 1
  if (tp === 0 && fp === 0) return 0
  return tp / (tp + fp)
}

/** `recall_score`, the same way round. */
export function pageRecall({ tp, fp, fn }: PageMatch): number {
  if (fp === 0 && fn === 0) return 1
  if (tp === 0 && fn === 0) return 0
  return tp / (tp + fn)
}

/** F1 of one page, for ranking pages (the benchmark itself reports no per-page F1). */
export function pageF1(match: PageMatch): number {
  const p = pagePrecision(match)
  const r = pageRecall(match)
  return p + r === 0 ? 0 : (2 * p * r) / (p + r)
}

export interface Scores {
  readonly precision: number
  readonly recall: number
  readonly f1: number
}

/**
 * The set's scores (`metrics_from_tp_fp_fns`).
 *
 * Precision is averaged over the pages where something was extracted
 * (tp + fp > 0): a page with no output lowers recall, not precision. Recall
 * is averaged over the pages with a hand-marked body (tp + fn > 0).
 */
export function scoreSet(matches: readonly PageMatch[]): Scores {
  const precision = mean(matches.filter((m) => m.tp + m.fp > 0).map(pagePrecision))
  const recall = mean(matches.filter((m) => m.tp + m.fn > 0).map(pageRecall))
  const f1 = (2 * precision * recall) / (precision + recall)
  return { precision, recall, f1 }
}

/** `get_accuracy`: whether the extracted token list is exactly the hand-marked one. */
export function sameTokens(truth: string, extracted: string): boolean {
  const a = tokenize(truth)
  const b = tokenize(extracted)
  return a.length === b.length && a.every((token, i) => token === b[i])
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : values.reduce((s, v) => s + v, 0) / values.length
}

/**
 * Spread of the scores by bootstrap over pages, as `evaluate.py` prints it
 * after "±" (the standard deviation of the resampled scores; it uses 1,000
 * resamples). Seeded, so two runs of the same output print the same spread.
 */
export function bootstrapSpread(matches: readonly PageMatch[], resamples = 1000, seed = 1): Scores {
  const random = mulberry32(seed)
  const samples: Scores[] = []
  for (let r = 0; r < resamples; r++) {
    const picked = matches.map(() => matches[Math.floor(random() * matches.length)] as PageMatch)
    samples.push(scoreSet(picked))
  }
  return {
    precision: stdev(samples.map((s) => s.precision)),
    recall: stdev(samples.map((s) => s.recall)),
    f1: stdev(samples.map((s) => s.f1)),
  }
}

/** Sample standard deviation (Python's `statistics.stdev`). */
function stdev(values: readonly number[]): number {
  if (values.length < 2) return 0
  const m = mean(values)
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1))
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
