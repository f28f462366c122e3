/**
 * Finding a quote in a text, exactly or approximately, and ranking the finds.
 *
 * Why: this module insulates the rest of the code from the approximate string
 * matching library (it is the only importer of `approx-string-match`) and
 * holds the one scoring rule every anchoring stage uses, so an exact find and
 * a fuzzy find can be compared on the same scale.
 *
 * A candidate is scored on four things, most important first: how closely it
 * matches the quote, how closely the text before it matches the stored prefix,
 * the same for the suffix, and how near it is to where the passage used to
 * be. Position only breaks near-ties, such as the same sentence repeated with
 * the same surroundings: after edits elsewhere the old offset is the weakest
 * evidence there is.
 */
import search from 'approx-string-match'

import { splitsSurrogatePair } from './text-quote'

const QUOTE_WEIGHT = 50
const PREFIX_WEIGHT = 20
const SUFFIX_WEIGHT = 20
/**
 * Less than one character of default-length context is worth (20 / 32), so a
 * nearby candidate never beats one whose quote and context are verbatim.
 */
const POSITION_WEIGHT = 0.5
const TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT

/**
 * Upper bound on errors allowed in an approximate match.
 *
 * The matcher costs about `text.length * maxErrors / 32` steps, so capping the
 * errors keeps a whole-section quote as cheap as a long sentence.
 */
export const MAX_ERRORS_CAP = 256

/**
 * Smallest stretch of text handed to the matcher in one call.
 *
 * The matcher reports only the lowest-error matches of each call, so one call
 * over a whole article would hide a slightly edited original behind a cleaner
 * look-alike elsewhere. Searching overlapping windows yields the best
 * candidate of each region for the scoring rule to choose among.
 */
const MIN_WINDOW_LENGTH = 4096

/** What is known about where a quote used to be. */
export interface QuoteContext {
  /** Text that preceded the quote. */
  readonly prefix?: string
  /** Text that followed the quote. */
  readonly suffix?: string
  /** Offset where the quote used to start. */
  readonly hint?: number
}

/** A candidate location of a quote, with its scores. */
export interface QuoteMatch {
  readonly start: number
  readonly end: number
  /** Edit distance between the quote and `text.slice(start, end)`. */
  readonly errors: number
  /** `1 - errors / quote.length`: 1 for an exact match. */
  readonly quoteScore: number
  /** Similarity of the text before the match to the stored prefix, 0..1. */
  readonly prefixScore: number
  /** Similarity of the text after the match to the stored suffix, 0..1. */
  readonly suffixScore: number
  /** Weighted combination of the scores above and closeness to the hint, 0..1. */
  readonly score: number
}

/** Most errors an approximate match of `quote` may contain. */
export function maxErrorsFor(quote: string): number {
  return Math.min(MAX_ERRORS_CAP, Math.floor(quote.length / 2))
}

/** Scratch rows for `pinnedEditDistance`, grown as needed and reused across calls. */
let previousRow = new Uint32Array(128)
let currentRow = new Uint32Array(128)

/**
 * Edit distance between stored context and the text beside a candidate.
 *
 * Both are read away from the quote boundary: `expected` from index 0 and the
 * text from `from` in steps of `direction` (+1 after the quote, -1 before it,
 * where `from` is the character just before the quote). The alignment is
 * pinned at the boundary and free at the far end, because stored context is a
 * fixed-length cut: text inserted next to the quote pushes the end of the old
 * context further out rather than deleting it.
 */
function pinnedEditDistance(
  expected: string,
  text: string,
  from: number,
  direction: 1 | -1,
): number {
  const available = direction === 1 ? text.length - from : from + 1
  const width = Math.min(available, 2 * expected.length) + 1
  if (previousRow.length < width) {
    previousRow = new Uint32Array(2 * width)
    currentRow = new Uint32Array(2 * width)
  }
  let previous = previousRow
  let current = currentRow
  for (let j = 0; j < width; j += 1) previous[j] = j
  for (let i = 1; i <= expected.length; i += 1) {
    const code = expected.charCodeAt(direction === 1 ? i - 1 : expected.length - i)
    current[0] = i
    for (let j = 1; j < width; j += 1) {
      const substitution =
        (previous[j - 1] as number) + (text.charCodeAt(from + direction * (j - 1)) === code ? 0 : 1)
      const deletion = (previous[j] as number) + 1
      const insertion = (current[j - 1] as number) + 1
      current[j] = Math.min(substitution, deletion, insertion)
    }
    ;[previous, current] = [current, previous]
  }
  let best = previous[0] as number
  for (let j = 1; j < width; j += 1) best = Math.min(best, previous[j] as number)
  return best
}

/** Similarity of a stored prefix to the text ending at `start`, 0..1. */
function prefixSimilarity(text: string, start: number, prefix: string): number {
  if (prefix.length === 0) return 1
  if (start >= prefix.length && text.startsWith(prefix, start - prefix.length)) return 1
  return Math.max(0, 1 - pinnedEditDistance(prefix, text, start - 1, -1) / prefix.length)
}

/** Similarity of a stored suffix to the text starting at `end`, 0..1. */
function suffixSimilarity(text: string, end: number, suffix: string): number {
  if (suffix.length === 0 || text.startsWith(suffix, end)) return 1
  return Math.max(0, 1 - pinnedEditDistance(suffix, text, end, 1) / suffix.length)
}

/** A location of a quote before scoring. */
export interface Candidate {
  readonly start: number
  readonly end: number
  readonly errors: number
}

/**
 * How many candidates, nearest the hint first, get their context compared in
 * full; the rest only have it checked for verbatim agreement.
 *
 * Why: a quote of a letter or two occurs thousands of times in an article,
 * and comparing every occurrence's context in full would dominate anchoring
 * time. The right occurrence of such a quote is nearly always close to its
 * old offset or still has one side of its context verbatim.
 */
const MAX_FULLY_SCORED = 100

function scoreCandidate(
  text: string,
  quote: string,
  candidate: Candidate,
  context: QuoteContext,
  compareContextInFull: boolean,
): QuoteMatch {
  const { start, end, errors } = candidate
  const prefix = context.prefix ?? ''
  const suffix = context.suffix ?? ''
  const quoteScore = Math.max(0, 1 - errors / quote.length)
  const prefixScore = compareContextInFull
    ? prefixSimilarity(text, start, prefix)
    : Number(start >= prefix.length && text.startsWith(prefix, start - prefix.length))
  const suffixScore = compareContextInFull
    ? suffixSimilarity(text, end, suffix)
    : Number(text.startsWith(suffix, end))
  const positionScore =
    context.hint === undefined
      ? 1
      : 1 - Math.min(1, Math.abs(start - context.hint) / Math.max(1, text.length))
  const score =
    (QUOTE_WEIGHT * quoteScore +
      PREFIX_WEIGHT * prefixScore +
      SUFFIX_WEIGHT * suffixScore +
      POSITION_WEIGHT * positionScore) /
    TOTAL_WEIGHT
  return { start, end, errors, quoteScore, prefixScore, suffixScore, score }
}

/** Score a candidate location of `quote` in `text` that has `errors` edits. */
export function scoreMatch(
  text: string,
  quote: string,
  candidate: Candidate,
  context: QuoteContext = {},
): QuoteMatch {
  return scoreCandidate(text, quote, candidate, context, true)
}

/** Score candidates and order them best first. */
function rank(
  text: string,
  quote: string,
  candidates: Candidate[],
  context: QuoteContext,
): QuoteMatch[] {
  const { hint } = context
  if (candidates.length > MAX_FULLY_SCORED && hint !== undefined) {
    candidates.sort((a, b) => Math.abs(a.start - hint) - Math.abs(b.start - hint))
  }
  return candidates
    .map((candidate, i) => scoreCandidate(text, quote, candidate, context, i < MAX_FULLY_SCORED))
    .sort(byScoreDescending)
}

/** Every verbatim occurrence of `quote` in `text`, best first. */
export function findExactMatches(
  text: string,
  quote: string,
  context: QuoteContext = {},
): QuoteMatch[] {
  if (quote.length === 0) return []
  const candidates: Candidate[] = []
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) {
    candidates.push({ start: at, end: at + quote.length, errors: 0 })
  }
  return rank(text, quote, candidates, context)
}

/** Widen a span by one code unit at each end that would split an emoji. */
function snapToCodePoints(text: string, start: number, end: number): [number, number] {
  return [
    splitsSurrogatePair(text, start) ? start - 1 : start,
    splitsSurrogatePair(text, end) ? end + 1 : end,
  ]
}

/**
 * Windows covering a text so that every match of the quote lies inside one.
 *
 * A match is at most `quoteLength + maxErrors` long, so windows overlap by
 * that much.
 */
function searchWindows(
  textLength: number,
  quoteLength: number,
  maxErrors: number,
  hint: number | undefined,
): [number, number][] {
  const span = quoteLength + maxErrors
  const length = Math.max(MIN_WINDOW_LENGTH, 4 * span)
  const step = length - span
  const windows: [number, number][] = []
  for (let start = 0; ; start += step) {
    windows.push([start, Math.min(textLength, start + length)])
    if (start + length >= textLength) break
  }
  if (hint !== undefined && windows.length > 1) {
    // A tight window where the passage used to be, so an original edited in
    // place is a candidate even when a cleaner look-alike shares its region.
    const margin = maxErrors + 64
    windows.push([Math.max(0, hint - margin), Math.min(textLength, hint + span + margin)])
  }
  return windows
}

/**
 * Approximate occurrences of `quote` in `text`, best first.
 *
 * Returns the lowest-error candidates of each region of the text, allowing up
 * to `maxErrorsFor(quote)` errors; whether a candidate is good enough is for
 * the caller to decide from its scores.
 */
export function findApproximateMatches(
  text: string,
  quote: string,
  context: QuoteContext = {},
): QuoteMatch[] {
  if (quote.length === 0 || text.length === 0) return []
  const maxErrors = maxErrorsFor(quote)
  const seen = new Set<string>()
  const candidates: Candidate[] = []
  const windows = searchWindows(text.length, quote.length, maxErrors, context.hint)
  for (const [windowStart, windowEnd] of windows) {
    for (const found of search(text.slice(windowStart, windowEnd), quote, maxErrors)) {
      const [start, end] = snapToCodePoints(
        text,
        windowStart + found.start,
        windowStart + found.end,
      )
      const key = `${start}:${end}`
      if (start >= end || seen.has(key)) continue
      seen.add(key)
      candidates.push({ start, end, errors: found.errors })
    }
  }
  const ranked = rank(text, quote, candidates, context)
  const refined = ranked
    .slice(0, REFINED_CANDIDATES)
    .map((match) => refineStart(text, quote, match, context))
  return [...refined, ...ranked.slice(REFINED_CANDIDATES)].sort(byScoreDescending)
}

/** How many of the best approximate candidates get their start refined. */
const REFINED_CANDIDATES = 3

/** Farthest right a refined start may move. */
const MAX_START_SHIFT = 16

/**
 * Move an approximate match's start right to where the stored prefix fits
 * best, as long as that adds no errors.
 *
 * Why: among equally good alignments the matcher reports the leftmost start,
 * so when the first word of a quote was rewritten ("Ferry" became "Bus") the
 * match would swallow the end of the previous sentence, and the analyst would
 * see a highlight starting on someone else's full stop.
 */
function refineStart(
  text: string,
  quote: string,
  match: QuoteMatch,
  context: QuoteContext,
): QuoteMatch {
  if (match.errors === 0 || match.prefixScore === 1) return match
  let best = match
  const limit = Math.min(match.end - 1, match.start + Math.min(match.errors, MAX_START_SHIFT))
  for (let start = match.start + 1; start <= limit; start += 1) {
    if (splitsSurrogatePair(text, start)) continue
    const rest = text.slice(start, match.end)
    // An alignment of the whole quote with the whole of `rest`, if it costs
    // no more than the errors allowed; the matcher reports the leftmost start
    // for each end, so such an alignment shows up as [0, rest.length).
    const whole = search(rest, quote, match.errors).find(
      (found) => found.start === 0 && found.end === rest.length,
    )
    if (whole === undefined) continue
    const candidate = { start, end: match.end, errors: whole.errors }
    const shifted = scoreCandidate(text, quote, candidate, context, true)
    if (shifted.score > best.score) best = shifted
  }
  return best
}

function byScoreDescending(a: QuoteMatch, b: QuoteMatch): number {
  return b.score - a.score || a.start - b.start
}

/**
 * Best location of `quote` in `text`: exact if there is one, else approximate.
 *
 * Returns null when nothing is within `maxErrorsFor(quote)` errors.
 */
export function matchQuote(
  text: string,
  quote: string,
  context: QuoteContext = {},
): QuoteMatch | null {
  return (
    findExactMatches(text, quote, context)[0] ??
    findApproximateMatches(text, quote, context)[0] ??
    null
  )
}
