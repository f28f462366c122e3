/**
 * Reading the selectors other annotation tools write, and finding range
 * selectors in an article's text.
 *
 * Why: the W3C model lets a target's passage be given in many ways, and each
 * tool picks its own: Hypothesis lists a `RangeSelector` over the page's
 * markup, a `TextPositionSelector` and a `TextQuoteSelector` as alternatives;
 * Apache Annotator nests selectors with `refinedBy` (a quote inside a quote,
 * a position inside a range) and spans passages with a `RangeSelector` whose
 * ends are text selectors; Recogito gives a quote and a position per target.
 * This module turns a target's selectors into what the importer anchors by:
 * a quote with its context and a position (both narrowed to the refined
 * passage, never widened to the outer one), or a range of text selectors to
 * be found in the article's text, or a reason, in words, why the passage
 * cannot be found in a text (markup selectors such as XPath and CSS point
 * into the web page, not into the article's text).
 *
 * Positions are in Unicode code points, as the model counts them.
 */

/** A passage given by a quote with its context and/or a position. */
export interface TextSpec {
  readonly quote: {
    readonly exact: string
    readonly prefix: string
    readonly suffix: string
  } | null
  /** In code points. */
  readonly position: { readonly start: number; readonly end: number } | null
}

/**
 * A passage from the start of `start`'s passage up to (not including) the
 * start of `end`'s, as the model defines a `RangeSelector`; `refinedBy` a
 * passage inside it, with positions counted from the range's start.
 */
export interface RangeSpec {
  readonly start: TextSpec
  readonly end: TextSpec
  readonly refinedBy: TextSpec | null
}

/** What a target's selectors say: a passage, a range to find, or why neither. */
export type SelectorReading =
  | { readonly kind: 'text'; readonly spec: TextSpec }
  | { readonly kind: 'range'; readonly range: RangeSpec }
  | { readonly kind: 'unusable'; readonly reason: string }

const MAX_QUOTE_LENGTH = 100_000
const MAX_CONTEXT_LENGTH = 10_000
/** How deep `refinedBy` chains are followed; deeper ones are refused. */
const MAX_REFINEMENT_DEPTH = 8

type Json = Record<string, unknown>

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function typeOf(selector: Json): string {
  const type = selector['type']
  return typeof type === 'string' ? type : Array.isArray(type) ? String(type[0]) : ''
}

/** Code point slice of `text`. */
function codePointSlice(text: string, start: number, end?: number): string {
  return [...text].slice(start, end).join('')
}

function codePointLength(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

/** A quote or position selector on its own, without its refinement; null when malformed. */
function plainSpec(selector: Json): TextSpec | string | null {
  const type = typeOf(selector)
  if (type === 'TextQuoteSelector') {
    const { exact, prefix, suffix } = selector
    if (typeof exact !== 'string' || exact.length === 0 || exact.length > MAX_QUOTE_LENGTH) {
      return 'its quote selector has no usable "exact" text'
    }
    const context = (v: unknown) =>
      typeof v === 'string' && v.length <= MAX_CONTEXT_LENGTH ? v : ''
    return {
      quote: { exact, prefix: context(prefix), suffix: context(suffix) },
      position: null,
    }
  }
  if (type === 'TextPositionSelector') {
    const { start, end } = selector
    if (
      typeof start !== 'number' ||
      typeof end !== 'number' ||
      !Number.isInteger(start) ||
      !Number.isInteger(end) ||
      start < 0 ||
      end <= start
    ) {
      return 'its position selector has no usable start and end'
    }
    return { quote: null, position: { start, end } }
  }
  return null
}

/** Why a selector of this type gives no passage in a text. */
function unsupported(type: string): string {
  switch (type) {
    case 'XPathSelector':
    case 'CssSelector':
      return `its passage is given only by a ${type}, which points into the web page's markup, not into the article's text`
    case 'RangeSelector':
      return "its passage is given only by a range over the web page's markup (element paths and offsets), not by text"
    case 'FragmentSelector':
      return 'its passage is given only by a fragment of the page (a media fragment or an element id), not by text'
    case '':
      return 'its selector has no type'
    default:
      return `its passage is given only by a ${type}, which this app cannot find in a text`
  }
}

/**
 * Narrow `outer` to the passage `inner` gives inside it; a string when
 * `inner` cannot be found in it.
 */
function refine(outer: TextSpec, inner: TextSpec): TextSpec | string {
  if (outer.quote !== null) {
    const { exact, prefix, suffix } = outer.quote
    let start: number | null = null
    let end: number | null = null
    if (inner.position !== null) {
      if (inner.position.end > codePointLength(exact)) {
        return 'its refining position is past the end of the quote it refines'
      }
      start = inner.position.start
      end = inner.position.end
    }
    if (inner.quote !== null) {
      const at = findQuote(exact, inner.quote, 0)
      if (at === null) return 'its refining quote is not inside the quote it refines'
      // A position given too must agree with the quote; else the quote decides.
      const cpStart = codePointLength(exact.slice(0, at.start))
      if (start === null || start !== cpStart) {
        start = cpStart
        end = cpStart + codePointLength(inner.quote.exact)
      }
    }
    if (start === null || end === null) return outer
    return {
      quote: {
        exact: codePointSlice(exact, start, end),
        prefix: prefix + codePointSlice(exact, 0, start),
        suffix: codePointSlice(exact, end) + suffix,
      },
      position:
        outer.position === null
          ? null
          : { start: outer.position.start + start, end: outer.position.start + end },
    }
  }
  // Only a position outside: a position inside narrows it; a quote inside is
  // the passage, found near the outer position.
  const outerPosition = outer.position!
  if (inner.position !== null) {
    const start = outerPosition.start + inner.position.start
    const end = outerPosition.start + inner.position.end
    if (end > outerPosition.end) {
      return 'its refining position is past the end of the passage it refines'
    }
    return { quote: inner.quote, position: { start, end } }
  }
  return { quote: inner.quote, position: null }
}

/** One selector, its refinements followed; a string says why it gives no passage. */
function readOne(selector: unknown, depth = 0): SelectorReading {
  if (!isObject(selector)) return { kind: 'unusable', reason: 'its selector is not an object' }
  if (depth > MAX_REFINEMENT_DEPTH) {
    return { kind: 'unusable', reason: 'its selectors are refined too deeply' }
  }
  const type = typeOf(selector)
  const refinements = selector['refinedBy']
  const refinedBy = Array.isArray(refinements) ? refinements[0] : refinements

  if (type === 'RangeSelector') {
    const start = readOne(selector['startSelector'], depth + 1)
    const end = readOne(selector['endSelector'], depth + 1)
    if (start.kind !== 'text' || end.kind !== 'text') {
      if (!('startSelector' in selector) && !('endSelector' in selector)) {
        return { kind: 'unusable', reason: unsupported(type) }
      }
      const bad = start.kind === 'unusable' ? start : end.kind === 'unusable' ? end : null
      return {
        kind: 'unusable',
        reason: `its range's ends are not text selectors${bad === null ? '' : ` (${bad.reason})`}`,
      }
    }
    let inner: TextSpec | null = null
    if (refinedBy !== undefined) {
      const reading = readOne(refinedBy, depth + 1)
      if (reading.kind !== 'text') {
        return {
          kind: 'unusable',
          reason: reading.kind === 'unusable' ? reading.reason : 'its range is refined by a range',
        }
      }
      inner = reading.spec
    }
    return { kind: 'range', range: { start: start.spec, end: end.spec, refinedBy: inner } }
  }

  const plain = plainSpec(selector)
  if (plain === null) {
    // A markup selector (dokieli's FragmentSelector naming an element)
    // refined by a quote: the quote is the passage, and it is in the text.
    // Positions inside the element mean nothing in the article's text.
    const inner = refinedBy === undefined ? null : readOne(refinedBy, depth + 1)
    if (inner?.kind === 'text' && inner.spec.quote !== null) {
      return { kind: 'text', spec: { quote: inner.spec.quote, position: null } }
    }
    return { kind: 'unusable', reason: unsupported(type) }
  }
  if (typeof plain === 'string') return { kind: 'unusable', reason: plain }
  if (refinedBy === undefined) return { kind: 'text', spec: plain }
  const inner = readOne(refinedBy, depth + 1)
  if (inner.kind === 'unusable') return inner
  if (inner.kind === 'range') {
    return {
      kind: 'unusable',
      reason: 'its passage is refined by a range, which this app cannot follow',
    }
  }
  const refined = refine(plain, inner.spec)
  return typeof refined === 'string'
    ? { kind: 'unusable', reason: refined }
    : { kind: 'text', spec: refined }
}

/**
 * What a target's selectors give. Several selectors are alternatives for one
 * passage (the model's rule): a quote and a position are combined, text
 * selectors are preferred to a range of them, and markup selectors are used
 * only to say why nothing else was given.
 */
export function readSelectors(selectors: readonly unknown[]): SelectorReading {
  if (selectors.length === 0) {
    return { kind: 'unusable', reason: 'its target has no selector' }
  }
  const readings = selectors.map((s) => readOne(s))
  const texts = readings.flatMap((r) => (r.kind === 'text' ? [r.spec] : []))
  if (texts.length > 0) {
    const quote = texts.find((t) => t.quote !== null)?.quote ?? null
    // The position of the quote's own selector when it has one, else any.
    const own = texts.find((t) => t.quote !== null && t.position !== null)?.position
    const other = texts.find((t) => t.quote === null)?.position ?? null
    // Another selector's position is the quote's only when it is as long
    // (a quote narrowed by its refinement no longer fits the outer position).
    const fits =
      other !== null && (quote === null || other.end - other.start === codePointLength(quote.exact))
    const position = own ?? (fits ? other : null)
    return { kind: 'text', spec: { quote, position } }
  }
  const range = readings.find((r) => r.kind === 'range')
  if (range !== undefined) return range
  return readings[0]!
}

// ---------------------------------------------------------------------------
// Finding a range in a text

/** UTF-16 offset of a code point offset; null when past the end. */
function utf16At(text: string, codePoints: number): number | null {
  let i = 0
  for (let n = 0; n < codePoints; n++) {
    if (i >= text.length) return null
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1
  }
  return i
}

/**
 * Where a quote is in `text` at or after `from` (UTF-16): the first place
 * whose context agrees with the quote's prefix and suffix, else the first
 * place at all; null when it is not there.
 */
function findQuote(
  text: string,
  quote: NonNullable<TextSpec['quote']>,
  from: number,
): { start: number; end: number } | null {
  let first: number | null = null
  for (let at = text.indexOf(quote.exact, from); at >= 0; at = text.indexOf(quote.exact, at + 1)) {
    first ??= at
    const end = at + quote.exact.length
    const prefixAt = at - quote.prefix.length
    if (
      prefixAt >= 0 &&
      text.startsWith(quote.prefix, prefixAt) &&
      text.startsWith(quote.suffix, end)
    ) {
      return { start: at, end }
    }
  }
  return first === null ? null : { start: first, end: first + quote.exact.length }
}

/** Where a text spec's passage is in `text` at or after `from`; null when not there. */
function findSpec(
  text: string,
  spec: TextSpec,
  from: number,
): { start: number; end: number } | null {
  if (spec.position !== null) {
    const start = utf16At(text, spec.position.start)
    const end = utf16At(text, spec.position.end)
    if (
      start !== null &&
      end !== null &&
      start >= from &&
      (spec.quote === null || text.slice(start, end) === spec.quote.exact)
    ) {
      return { start, end }
    }
    if (spec.quote === null) return null
  }
  return spec.quote === null ? null : findQuote(text, spec.quote, from)
}

/**
 * Where a range's passage is in `text`, in UTF-16 offsets: from the start of
 * its start selector's passage to the start of its end selector's passage
 * after it, narrowed by its refinement; null when any of them is not there.
 */
export function findRange(text: string, range: RangeSpec): { start: number; end: number } | null {
  const start = findSpec(text, range.start, 0)
  if (start === null) return null
  const end = findSpec(text, range.end, start.end)
  if (end === null || end.start <= start.start) return null
  if (range.refinedBy === null) return { start: start.start, end: end.start }
  const inside = text.slice(start.start, end.start)
  const refined = findSpec(inside, range.refinedBy, 0)
  if (refined === null) return null
  return { start: start.start + refined.start, end: start.start + refined.end }
}
