/**
 * Describing a span of article text as W3C selectors.
 *
 * Why: this is the "from" half of anchoring. When an analyst selects a
 * passage, the reader knows its offsets in the article text; what gets stored
 * must also let the passage be found again after the text changes, so the
 * span is described both by position and by its quote with some context on
 * either side. `anchorTarget` is the "to" half that turns a description back
 * into a span.
 */
import type {
  AnnotationTarget,
  TextPositionSelector,
  TextQuoteSelector,
} from '../domain/annotation'

/** Characters of context kept on each side of a quote by default. */
export const DEFAULT_CONTEXT_LENGTH = 32

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff
}

/** Whether `offset` falls between the two halves of a surrogate pair. */
export function splitsSurrogatePair(text: string, offset: number): boolean {
  return (
    offset > 0 &&
    offset < text.length &&
    isHighSurrogate(text.charCodeAt(offset - 1)) &&
    isLowSurrogate(text.charCodeAt(offset))
  )
}

/**
 * Throw unless `[start, end)` is a non-empty span of whole characters in `text`.
 *
 * Callers validate user input before describing it, so a bad span here is a
 * programming error, hence an exception rather than a result value.
 */
function assertSpan(text: string, start: number, end: number): void {
  if (!Number.isInteger(start) || !Number.isInteger(end)) {
    throw new RangeError(`Span offsets must be integers, got [${start}, ${end})`)
  }
  if (start < 0 || end > text.length || start >= end) {
    throw new RangeError(
      `Span [${start}, ${end}) is not a non-empty span of a ${text.length}-character text`,
    )
  }
  if (splitsSurrogatePair(text, start) || splitsSurrogatePair(text, end)) {
    throw new RangeError(`Span [${start}, ${end}) splits a surrogate pair`)
  }
}

/**
 * Quote selector for a span: its text plus up to `contextLength` characters either side.
 *
 * Context is shortened by one code unit rather than cut through an emoji, so
 * stored selectors never hold half a surrogate pair.
 */
export function quoteSelectorFromSpan(
  text: string,
  start: number,
  end: number,
  contextLength: number = DEFAULT_CONTEXT_LENGTH,
): TextQuoteSelector {
  assertSpan(text, start, end)
  if (!Number.isInteger(contextLength) || contextLength < 0) {
    throw new RangeError(`Context length must be a non-negative integer, got ${contextLength}`)
  }
  let prefixStart = Math.max(0, start - contextLength)
  if (splitsSurrogatePair(text, prefixStart)) prefixStart += 1
  let suffixEnd = Math.min(text.length, end + contextLength)
  if (splitsSurrogatePair(text, suffixEnd)) suffixEnd -= 1
  return {
    type: 'TextQuoteSelector',
    exact: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  }
}

/** Position selector for a span, after checking the span lies within the text. */
export function positionSelectorFromSpan(
  text: string,
  start: number,
  end: number,
): TextPositionSelector {
  assertSpan(text, start, end)
  return { type: 'TextPositionSelector', start, end }
}

/**
 * Full annotation target for a span of a text whose hash is `contentHash`.
 *
 * The hash is computed by the caller so this module stays free of platform
 * crypto; it lets re-anchoring skip all searching while the text is unchanged.
 */
export function describeSpan(
  text: string,
  start: number,
  end: number,
  contentHash: string,
): AnnotationTarget {
  if (contentHash.length === 0) throw new RangeError('Content hash must not be empty')
  return {
    contentHash,
    quote: quoteSelectorFromSpan(text, start, end),
    position: positionSelectorFromSpan(text, start, end),
  }
}
