/**
 * Trafilatura's own evaluation score, ported: snippets that must and must not
 * be in the extracted main text.
 *
 * Why: the importer's rules are tuned on the shingle benchmark (metric.ts), so
 * a second measurement on pages it was never tuned on must use that second
 * set's own metric to be comparable with the scores it publishes. This is
 * `tests/eval_common.py` of adbar/trafilatura (commit e90b0ef): each
 * annotated page lists `with` snippets (main text) and `without` snippets
 * (boilerplate); a snippet counts as present when its whitespace-normalised
 * text is a substring of the whitespace-normalised output (`count_item`).
 * Per page: TP = `with` found, FN = `with` missing, FP = `without` found
 * (clutter kept), TN = `without` absent. The set's scores come from the
 * counts POOLED over all pages (micro, `ConfusionMatrix.scores`), unlike the
 * shingle benchmark's mean of per-page scores. A page whose extraction failed
 * or came out empty counts as nothing found. Kept free of the corpus and the
 * importer so the unit test can check it on hand-made strings.
 */

/** One annotated page of `evaldata.json` (keyed there by its URL). */
export interface SnippetItem {
  readonly url: string
  /** The saved page's file name under `tests/cache` or `tests/eval`. */
  readonly file: string
  readonly with: readonly string[]
  readonly without: readonly string[]
}

/** One page's counts, as `count_item` returns them. */
export interface SnippetCounts {
  readonly tp: number
  readonly fp: number
  readonly fn: number
  readonly tn: number
}

/** `eval_common.MAX_CHUNKS`: at most this many snippets a side. */
export const MAX_SNIPPETS = 6

/** Python's `str.isspace()` set, the one its `\s` and `.strip()` use. */
const PYTHON_WHITESPACE = new RegExp(
  // eslint-disable-next-line no-control-regex -- U+001C-U+001F are whitespace to Python
  '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+',
  'g',
)

/** `norm`: runs of whitespace (Python's Unicode `\s`) become one space, ends trimmed. */
export function normalise(text: string): string {
  // Python's str `\s` is `str.isspace()`: JavaScript's `\s` without U+FEFF,
  // plus the separators U+001C-U+001F and U+0085. `.strip()` then trims the
  // same set, which after the replacement is at most one space a side.
  return text.replace(PYTHON_WHITESPACE, ' ').replace(/^ | $/g, '')
}

/** `count_item`: a page's counts; `null` extracted text (a crash, a refusal) finds nothing. */
export function countSnippets(item: SnippetItem, extracted: string | null): SnippetCounts {
  let tp = 0
  let fp = 0
  if (extracted !== null) {
    const text = normalise(extracted)
    tp = item.with.filter((w) => text.includes(normalise(w))).length
    fp = item.without.filter((w) => text.includes(normalise(w))).length
  }
  return { tp, fp, fn: item.with.length - tp, tn: item.without.length - fp }
}

/** The `with` and `without` snippets of one page that the extracted text missed and kept. */
export function snippetsMissedAndKept(
  item: SnippetItem,
  extracted: string | null,
): { readonly missed: string[]; readonly kept: string[] } {
  const text = normalise(extracted ?? '')
  const has = (s: string): boolean => extracted !== null && text.includes(normalise(s))
  return { missed: item.with.filter((w) => !has(w)), kept: item.without.filter(has) }
}

export interface SnippetScores {
  readonly precision: number
  readonly recall: number
  readonly accuracy: number
  readonly f1: number
}

/** Counts added over pages (`ConfusionMatrix.add`). */
export function addCounts(all: readonly SnippetCounts[]): SnippetCounts {
  return all.reduce(
    (s, c) => ({ tp: s.tp + c.tp, fp: s.fp + c.fp, fn: s.fn + c.fn, tn: s.tn + c.tn }),
    { tp: 0, fp: 0, fn: 0, tn: 0 },
  )
}

/** `ConfusionMatrix.scores` on pooled counts; each score is 0 when its denominator is. */
export function snippetScores({ tp, fp, fn, tn }: SnippetCounts): SnippetScores {
  const precision = tp + fp > 0 ? tp / (tp + fp) : 0
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0
  const total = tp + tn + fp + fn
  const accuracy = total > 0 ? (tp + tn) / total : 0
  const f1Denominator = 2 * tp + fp + fn
  const f1 = f1Denominator > 0 ? (2 * tp) / f1Denominator : 0
  return { precision, recall, accuracy, f1 }
}

/**
 * A page's main text counts as lost when at most this share of its `with`
 * snippets was found: none of 1-3, at most one of 4-6 ("nothing or almost
 * nothing"). Not part of trafilatura's metric; the project's own criterion.
 */
export const LOST_WITH_SHARE = 0.25

export function textLost(c: SnippetCounts): boolean {
  const withs = c.tp + c.fn
  return withs > 0 && c.tp / withs <= LOST_WITH_SHARE
}

/**
 * Read `evaldata.json` (`{url: {file, with, without}}`) and check it as
 * `eval_common.validate` does, so a malformed or edited copy fails loudly
 * instead of scoring something else.
 */
export function parseEvaldata(json: string): SnippetItem[] {
  const data = JSON.parse(json) as unknown
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new Error('unrecognized corpus format: expected a non-empty dict of annotations')
  }
  const items: SnippetItem[] = []
  for (const [url, raw] of Object.entries(data as Record<string, unknown>)) {
    const entry = (raw ?? {}) as Record<string, unknown>
    const file = entry['file']
    if (typeof file !== 'string' || file === '') throw new Error(`${url}: missing or empty 'file'`)
    const sides: Record<'with' | 'without', string[]> = { with: [], without: [] }
    for (const key of ['with', 'without'] as const) {
      const chunks = entry[key]
      if (
        !Array.isArray(chunks) ||
        !chunks.every((c): c is string => typeof c === 'string' && c.trim() !== '')
      ) {
        throw new Error(`${url}: '${key}' must be a list of non-empty strings`)
      }
      if (chunks.length === 0 || chunks.length > MAX_SNIPPETS) {
        throw new Error(
          `${url}: '${key}' must hold 1 to ${MAX_SNIPPETS} chunks, found ${chunks.length}`,
        )
      }
      if (new Set(chunks.map(normalise)).size !== chunks.length) {
        throw new Error(`${url}: duplicate entry in '${key}'`)
      }
      sides[key] = chunks
    }
    const withs = sides.with.map(normalise)
    for (const without of sides.without.map(normalise)) {
      if (withs.some((w) => w.includes(without))) {
        throw new Error(`${url}: '${without.slice(0, 50)}' in 'without' also occurs inside 'with'`)
      }
    }
    items.push({ url, file, with: sides.with, without: sides.without })
  }
  if (items.length === 0) {
    throw new Error('unrecognized corpus format: expected a non-empty dict of annotations')
  }
  return items
}
