/**
 * Re-attaching stored annotation targets to the current text of an article.
 *
 * Why: articles get re-imported and corrected, so offsets recorded on one
 * version of the text can point at the wrong words in the next. This module
 * decides where each passage is now and how sure that is, doing no more work
 * than the situation needs:
 *
 * 1. Unchanged text, or the quote still sits at its offsets with its context
 *    around it: done, no search at all.
 * 2. Verbatim occurrences of the quote anywhere, ranked by context and
 *    distance from the old offsets (the passage moved, or the phrase repeats).
 * 3. The same in a typography-folded view of the text (curly versus straight
 *    quotes, dashes, whitespace runs).
 * 4. Approximate matching in the folded view (the passage itself was edited).
 *
 * Stages 2 and 3 stop early only when their best find is good enough that a
 * later stage is very unlikely to beat it; otherwise every candidate is
 * ranked by the one scoring rule in `match-quote`.
 */
import type { AnnotationTarget, TextQuoteSelector } from '../domain/annotation'
import {
  findApproximateMatches,
  findExactMatches,
  maxErrorsFor,
  type QuoteMatch,
} from './match-quote'
import {
  normaliseString,
  normaliseText,
  toNormalisedOffset,
  toOriginalSpan,
  type NormalisedText,
} from './normalise-text'
import type { AnchorResult } from './types'

/**
 * Lowest quote similarity (`1 - errors / quote.length`) at which an edited
 * passage still counts as found. Below it the passage is orphaned rather than
 * attached to text that merely resembles it.
 */
export const MIN_QUOTE_SCORE = 0.75

/**
 * Score at which a verbatim find is accepted without looking for edited ones.
 *
 * An exact quote scores at least 50/90.5 on the quote alone; reaching 0.8
 * also needs over half of its stored context to agree. Against that, an
 * edited look-alike would need a near-perfect quote and context to win, so
 * searching further would only cost time.
 */
const CONFIDENT_SCORE = 0.8

/**
 * Mean context similarity at which a find counts as supported by its context.
 *
 * Context compared with unrelated text of the same article scores about 0.25
 * (0.34 at the 99th percentile), so 0.5 means the surroundings really agree,
 * at least on one side.
 */
const SUPPORTED_CONTEXT_SCORE = 0.5

/**
 * Shortest quote trusted without supporting context, as long as the default
 * context itself. A few words found elsewhere in new surroundings are more
 * likely a coincidence ("the prime minister") than the passage moved, and
 * attaching a note to the wrong words is worse than reporting it orphaned.
 */
const MIN_UNSUPPORTED_QUOTE_LENGTH = 32

/** A text being anchored against, with its folded view computed at most once. */
interface PreparedText {
  readonly text: string
  normalised(): NormalisedText
}

function prepare(text: string): PreparedText {
  let normalised: NormalisedText | undefined
  return { text, normalised: () => (normalised ??= normaliseText(text)) }
}

/** Whether the quote and all of its stored context sit verbatim at `start`. */
function isVerbatim(text: string, start: number, end: number, quote: TextQuoteSelector): boolean {
  return (
    end - start === quote.exact.length &&
    text.startsWith(quote.exact, start) &&
    start >= quote.prefix.length &&
    text.startsWith(quote.prefix, start - quote.prefix.length) &&
    text.startsWith(quote.suffix, end)
  )
}

/** Express a match found in the folded view in offsets of the original text. */
function toOriginalMatch(normalised: NormalisedText, match: QuoteMatch): QuoteMatch {
  return { ...match, ...toOriginalSpan(normalised, match.start, match.end) }
}

function better(a: QuoteMatch | undefined, b: QuoteMatch | undefined): QuoteMatch | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return b.score > a.score ? b : a
}

/**
 * Whether a find that is not verbatim may still carry the annotation: close
 * enough to the quote, and either distinctive on its own or backed by its
 * context. Context stored empty (a passage at the very start or end of the
 * text) is no evidence either way.
 */
function isSupported(match: QuoteMatch, quote: TextQuoteSelector): boolean {
  if (match.quoteScore < MIN_QUOTE_SCORE) return false
  if (quote.exact.length >= MIN_UNSUPPORTED_QUOTE_LENGTH) return true
  const sides: number[] = []
  if (quote.prefix.length > 0) sides.push(match.prefixScore)
  if (quote.suffix.length > 0) sides.push(match.suffixScore)
  const support = sides.reduce((sum, side) => sum + side, 0) / Math.max(1, sides.length)
  return support >= SUPPORTED_CONTEXT_SCORE
}

/**
 * The result for a find (in offsets of the original text), or null if it
 * cannot carry the annotation: anchored if quote and context are verbatim
 * there, drifted if it is close enough and supported.
 */
function judge(text: string, quote: TextQuoteSelector, match: QuoteMatch): AnchorResult | null {
  if (isVerbatim(text, match.start, match.end, quote)) {
    return { status: 'anchored', start: match.start, end: match.end, score: 1 }
  }
  if (!isSupported(match, quote)) return null
  return { status: 'drifted', start: match.start, end: match.end, score: match.score }
}

function anchorPrepared(
  prepared: PreparedText,
  contentHash: string,
  target: AnnotationTarget,
): AnchorResult {
  const { text } = prepared
  const { quote } = target
  const { start, end } = target.position

  // Stage 1: the hash only says whether to trust the offsets blindly; a quote
  // still verbatim at its offsets, context and all, is trusted regardless.
  if (
    text.slice(start, end) === quote.exact &&
    (contentHash === target.contentHash || isVerbatim(text, start, end, quote))
  ) {
    return { status: 'anchored', start, end, score: 1 }
  }

  // Stage 2: verbatim occurrences.
  const context = { prefix: quote.prefix, suffix: quote.suffix, hint: start }
  const exact = findExactMatches(text, quote.exact, context)[0]
  const confidentExact = exact && exact.score >= CONFIDENT_SCORE ? judge(text, quote, exact) : null
  if (confidentExact) return confidentExact

  // Stage 3: verbatim occurrences once typography is folded away. The folded
  // view contains every verbatim find too, so from here on all candidates are
  // ranked on the folded scale.
  const normalised = prepared.normalised()
  const foldedQuote = normaliseString(quote.exact)
  if (foldedQuote.length === 0) return orphaned(0)
  const foldedContext = {
    prefix: normaliseString(quote.prefix),
    suffix: normaliseString(quote.suffix),
    hint: toNormalisedOffset(normalised, start),
  }
  const folded = findExactMatches(normalised.text, foldedQuote, foldedContext)[0]
  const confidentFolded =
    folded && folded.score >= CONFIDENT_SCORE
      ? judge(text, quote, toOriginalMatch(normalised, folded))
      : null
  if (confidentFolded) return confidentFolded

  // Stage 4: approximate matches (pointless for a one-character quote, which
  // allows no errors).
  const approximate =
    maxErrorsFor(foldedQuote) > 0
      ? findApproximateMatches(normalised.text, foldedQuote, foldedContext)[0]
      : undefined
  const best = better(folded, approximate)
  if (best === undefined) return orphaned(0)
  return judge(text, quote, toOriginalMatch(normalised, best)) ?? orphaned(best.score)
}

function orphaned(score: number): AnchorResult {
  return { status: 'orphaned', start: null, end: null, score }
}

/**
 * Find where an annotation target's passage is in `text`.
 *
 * `contentHash` is the hash of `text`, computed by the caller; when it equals
 * the target's hash and the quote is still at its offsets, nothing is searched.
 */
export function anchorTarget(
  text: string,
  contentHash: string,
  target: AnnotationTarget,
): AnchorResult {
  return anchorPrepared(prepare(text), contentHash, target)
}

/**
 * Anchor many targets against one text, in order.
 *
 * Cheaper than calling `anchorTarget` for each, since the folded view of the
 * text is built once and shared.
 */
export function anchorAll(
  text: string,
  contentHash: string,
  targets: readonly AnnotationTarget[],
): AnchorResult[] {
  const prepared = prepare(text)
  return targets.map((target) => anchorPrepared(prepared, contentHash, target))
}
