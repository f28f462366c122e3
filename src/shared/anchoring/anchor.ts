/**
 * Re-attaching stored annotation targets to the current text of an article.
 *
 * Why: articles get re-imported, corrected and updated by their outlets, so
 * offsets recorded on one version of the text can point at the wrong words
 * in the next. This module decides where each passage is now, whether its own
 * words changed, and how sure that is.
 *
 * The rule: a passage's own change is judged apart from its context's.
 * - 'anchored': the stored quote is found verbatim, at a place the evidence
 *   supports. Its context may have changed (a neighbouring sentence was
 *   reworded, a paragraph inserted or deleted next to it): the analyst's
 *   passage itself is intact.
 * - 'drifted': the passage is found, but its own text differs from the stored
 *   quote in any way, typography included (curly versus straight quotes), so
 *   nothing is ever re-quoted silently.
 * - 'orphaned': not found with enough confidence.
 *
 * Evidence for a place, since the same words can occur elsewhere: context
 * agreeing on at least one side (what is left of it, when the passage now
 * opens or closes the text), or, for a find whose words are whole, a quote
 * long enough not to be a coincidence. Context agreement outweighs a bare
 * quote match: candidates are ranked by quote, context and closeness to the
 * old offset together, and a short phrase in new surroundings on both sides
 * is orphaned rather than attached to a look-alike. Closeness to the old
 * offset only breaks ties, and a phrase being unique in the new text says
 * nothing of the old one (where a deleted sentence may have repeated it), so
 * neither places a passage on its own.
 *
 * The search does no more work than the situation needs:
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
 * as when one side is intact and the other was rewritten.
 */
const SUPPORTED_CONTEXT_SCORE = 0.5

/**
 * Similarity at which one side of the context supports a find on its own,
 * whatever the other side says.
 *
 * One side of unrelated text scores about 0.25 too (0.44 at the 99th
 * percentile, 0.56 at the 99.9th, measured on the real articles in
 * tests/fixtures/anchoring), so three quarters is a side that survived with
 * a small edit in it, such as a typo fix or a corrected figure.
 */
const ONE_SIDE_CONTEXT_SCORE = 0.75

/**
 * Shortest quote placed by its own words when no side of its context agrees,
 * as long as the default context itself. A few words found elsewhere in new
 * surroundings are more likely a coincidence ("the prime minister") than the
 * passage moved, and attaching a note to the wrong words is worse than
 * reporting it orphaned. Only whole quotes (verbatim, or differing only in
 * typography) qualify: an edited quote in new surroundings is as likely a
 * near-duplicate (a pull quote repeating a sentence of the story) as the
 * passage itself.
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
    isOwnWords(text, start, end, quote) &&
    start >= quote.prefix.length &&
    text.startsWith(quote.prefix, start - quote.prefix.length) &&
    text.startsWith(quote.suffix, end)
  )
}

/** Whether `[start, end)` holds exactly the stored quote: the passage's own words are unchanged. */
function isOwnWords(text: string, start: number, end: number, quote: TextQuoteSelector): boolean {
  return end - start === quote.exact.length && text.startsWith(quote.exact, start)
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
 * Shortest stretch of stored context that counts as agreeing when the text
 * ends there: a word or two, not a stray bracket or full stop.
 */
const MIN_CUT_CONTEXT_LENGTH = 8

/**
 * How well one side of the stored context agrees with the text beside a
 * find, 0..1, or null when that side is no evidence either way.
 *
 * `available` is the text on that side up to the edge of the text, nearest
 * character first, when it is shorter than the stored context: deleting the
 * paragraph before a passage can leave it opening the text, and then only
 * what is left of its context can agree. A side stored empty (the passage
 * began or ended the text) agrees when the find is at that edge too.
 */
function sideAgreement(stored: string, score: number, available: string | null): number | null {
  if (stored.length === 0) return available === '' ? 1 : null
  if (available === null) return score
  if (available.length === 0) return null
  if (available.length >= MIN_CUT_CONTEXT_LENGTH && stored.startsWith(available)) return 1
  return score
}

/**
 * Whether the context around a find (in offsets of the original text) agrees
 * with the stored context: both sides together at least half, or one side
 * nearly intact.
 */
function contextAgrees(text: string, match: QuoteMatch, quote: TextQuoteSelector): boolean {
  const { prefix, suffix } = quote
  const before = match.start <= prefix.length ? reverse(text.slice(0, match.start)) : null
  const after = text.length - match.end <= suffix.length ? text.slice(match.end) : null
  const sides = [
    sideAgreement(reverse(prefix), match.prefixScore, before),
    sideAgreement(suffix, match.suffixScore, after),
  ].filter((side) => side !== null)
  if (sides.length === 0) return false
  const mean = sides.reduce((sum, side) => sum + side, 0) / sides.length
  return mean >= SUPPORTED_CONTEXT_SCORE || Math.max(...sides) >= ONE_SIDE_CONTEXT_SCORE
}

/** A string backwards, by code unit: only ever compared with another reversed the same way. */
function reverse(s: string): string {
  let out = ''
  for (let i = s.length - 1; i >= 0; i -= 1) out += s.charAt(i)
  return out
}

/**
 * Whether a find may carry the annotation: close enough to the quote, and at
 * a place the evidence supports (see the module comment).
 */
function isPlaced(text: string, match: QuoteMatch, quote: TextQuoteSelector): boolean {
  if (match.quoteScore < MIN_QUOTE_SCORE) return false
  if (contextAgrees(text, match, quote)) return true
  return match.quoteScore === 1 && quote.exact.length >= MIN_UNSUPPORTED_QUOTE_LENGTH
}

/**
 * The result for a find (in offsets of the original text), or null if it
 * cannot carry the annotation.
 *
 * Anchored when the text found is exactly the stored quote, drifted when it
 * differs in any way; the status never depends on the context, which only
 * decides whether the find is trusted at all. The score is 1 when quote and
 * context are verbatim, else the match score, so an anchored find whose
 * context moved ranks below one whose context is intact.
 */
function judge(text: string, quote: TextQuoteSelector, match: QuoteMatch): AnchorResult | null {
  const { start, end } = match
  if (isVerbatim(text, start, end, quote)) return { status: 'anchored', start, end, score: 1 }
  if (!isPlaced(text, match, quote)) return null
  const status = isOwnWords(text, start, end, quote) ? 'anchored' : 'drifted'
  return { status, start, end, score: match.score }
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
  const verbatim = findExactMatches(text, quote.exact, context)
  const exact = verbatim[0]
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
  const found = toOriginalMatch(normalised, best)
  // An edited find can outscore the passage's own words on the same spot:
  // when the passage now opens the text, its prefix has nothing to agree
  // with, while a match a few words shorter picks up some chance likeness.
  // The verbatim words, where they are placed, are the passage.
  const own = verbatim.find((match) => match.start < found.end && found.start < match.end)
  const ownResult = own === undefined ? null : judge(text, quote, own)
  if (ownResult?.status === 'anchored') return ownResult
  return judge(text, quote, found) ?? orphaned(best.score)
}

function orphaned(score: number): AnchorResult {
  return { status: 'orphaned', start: null, end: null, score }
}

/**
 * Find where an annotation target's passage is in `text`, and whether its own
 * words changed.
 *
 * 'anchored' means the stored quote is there verbatim (its context may have
 * changed); 'drifted' means the passage was found but its text differs from
 * the stored quote; 'orphaned' means it was not found with enough confidence.
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

/**
 * An anchorer for one text: call it once per target, as many times as
 * needed, the folded view of the text built once. For callers that anchor
 * many targets in slices (yielding between them) rather than all at once.
 */
export function anchorerFor(
  text: string,
  contentHash: string,
): (target: AnnotationTarget) => AnchorResult {
  const prepared = prepare(text)
  return (target) => anchorPrepared(prepared, contentHash, target)
}
