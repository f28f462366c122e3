/**
 * Where a typed quote occurs in an article's text, found as search finds it.
 *
 * Why: the command line annotates a passage named by its words
 * (`workbench annotate <id> --quote "Bryde's whale"`). A verbatim search
 * failed on what search finds — a straight apostrophe against a curly one,
 * another case, a dropped accent, a line break for a space — so the analyst
 * saw a phrase in `workbench search` that `annotate` said was not there.
 * Here a quote is a phrase in search's sense: its words, folded by
 * `shared/search/fold.ts`, in order, each whole, matched by the same
 * highlighter search uses (`findHighlights`), so the two cannot disagree.
 * Punctuation before the first word or after the last (`“…”`, a full stop)
 * is kept in the passage when the text has it there, compared with the
 * typography folding anchoring uses (`’` is `'`, `–` is `-`).
 */
import { normaliseString } from '../../shared/anchoring/normalise-text'
import { foldText, originalWordSpans } from '../../shared/search/fold'
import { findHighlights } from './snippet'

/** A span of the text, in its own offsets. */
export interface QuoteSpan {
  readonly start: number
  readonly end: number
}

/**
 * Every occurrence of `quote` in `text`, in document order.
 *
 * Empty when the quote has no words (only punctuation or spaces) or its
 * words do not occur in that order.
 */
export function findQuoteOccurrences(text: string, quote: string): QuoteSpan[] {
  const words = [...originalWordSpans(quote)]
  const first = words[0]
  const last = words.at(-1)
  if (first === undefined || last === undefined) return []
  const lead = quote.slice(0, first.start).trimStart()
  const trail = quote.slice(last.end).trimEnd()
  const spans = findHighlights(text, [{ words: words.map((w) => w.token), exact: true }])
  return spans.map(([start, end]) => ({
    start: matchEdge(text, start, lead, -1) ?? start,
    end: matchEdge(text, end, trail, 1) ?? end,
  }))
}

const SPACE = /\s/u

/** One character as the quote and the text are compared: case, accents and typography folded. */
function foldChar(ch: string): string {
  return normaliseString(foldText(ch))
}

/**
 * Where `part` ends when laid against the text from `at` (forwards with
 * `direction` 1, backwards with -1); null when the text differs. A run of
 * spaces matches any run of whitespace.
 */
function matchEdge(text: string, at: number, part: string, direction: 1 | -1): number | null {
  if (part.length === 0) return null
  const step = (i: number): number => i + direction
  let i = direction === 1 ? 0 : part.length - 1
  // `j` is the next character of the text to compare: at `at` forwards, before it backwards.
  let j = direction === 1 ? at : at - 1
  while (i >= 0 && i < part.length) {
    const p = part.charAt(i)
    const t = text.charAt(j)
    if (SPACE.test(p)) {
      if (!SPACE.test(t)) return null
      while (i >= 0 && i < part.length && SPACE.test(part.charAt(i))) i = step(i)
      while (j >= 0 && j < text.length && SPACE.test(text.charAt(j))) j = step(j)
      continue
    }
    if (t === '' || foldChar(p) !== foldChar(t)) return null
    i = step(i)
    j = step(j)
  }
  return direction === 1 ? j : j + 1
}
