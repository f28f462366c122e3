/**
 * A typography- and whitespace-insensitive view of a text, with a way back.
 *
 * Why: a re-imported article often differs from the copy an analyst annotated
 * only in typography — curly versus straight quotes, en dashes versus hyphens,
 * re-wrapped lines, doubled or non-breaking spaces. Such differences must not
 * orphan an annotation, yet the offsets handed back to callers must be offsets
 * in the real text. So the text is folded into a canonical form together with
 * a map from every folded character to the original characters it stands for,
 * and matching happens in the folded form.
 *
 * Folding never changes a character into more than one, so the map is a
 * simple pair of arrays and mapping a span back is two array reads.
 */

/** Typographic variants, by code unit, folded to one ASCII representative. */
const FOLDED_CHARS: ReadonlyMap<number, string> = new Map(
  [
    ["'", '\u2018\u2019\u201a\u201b\u2032\u2039\u203a\u00b4'],
    ['"', '\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb'],
    ['-', '\u2010\u2011\u2012\u2013\u2014\u2015\u2212'],
  ].flatMap(([to = '', from = '']) => [...from].map((c) => [c.charCodeAt(0), to] as const)),
)

/**
 * Invisible characters some publishers sprinkle into text (soft hyphens,
 * zero-width spaces, word joiners, byte-order marks); they are dropped.
 */
const DROPPED_CODES: ReadonlySet<number> = new Set([0x00ad, 0x200b, 0x2060, 0xfeff])

/** Whether a code unit is whitespace as `/\s/` means it, bar the BOM (which is dropped). */
function isWhitespace(code: number): boolean {
  return (
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x20 ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000
  )
}

/** A folded text and, per folded character, the original range it came from. */
export interface NormalisedText {
  /** The folded text: one space per whitespace run, ASCII quotes and dashes. */
  readonly text: string
  /** `starts[i]` is the offset in the original text of folded character `i`. */
  readonly starts: Int32Array
  /** `ends[i]` is the end offset in the original text of folded character `i`. */
  readonly ends: Int32Array
}

/**
 * Fold a text and keep a map back to the original.
 *
 * A whitespace run folds to one space covering the whole run, so a span that
 * ends on it maps back to the end of the run.
 */
export function normaliseText(text: string): NormalisedText {
  const starts = new Int32Array(text.length)
  const ends = new Int32Array(text.length)
  // Most characters survive unchanged, so the folded text is built from
  // slices of the original between the characters that do change.
  const pieces: string[] = []
  let copiedUpTo = 0
  const replace = (at: number, replacement: string): void => {
    pieces.push(text.slice(copiedUpTo, at), replacement)
    copiedUpTo = at + 1
  }
  let length = 0
  let inWhitespaceRun = false
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i)
    if (isWhitespace(code)) {
      if (inWhitespaceRun) {
        ends[length - 1] = i + 1
        replace(i, '')
        continue
      }
      inWhitespaceRun = true
      if (code !== 0x20) replace(i, ' ')
    } else if (code >= 0x80 && DROPPED_CODES.has(code)) {
      // Dropped without ending a whitespace run, so "a \u200b b" folds to "a b".
      replace(i, '')
      continue
    } else {
      inWhitespaceRun = false
      const folded = code >= 0x80 ? FOLDED_CHARS.get(code) : undefined
      if (folded !== undefined) replace(i, folded)
    }
    starts[length] = i
    ends[length] = i + 1
    length += 1
  }
  pieces.push(text.slice(copiedUpTo))
  return {
    text: pieces.join(''),
    starts: starts.subarray(0, length),
    ends: ends.subarray(0, length),
  }
}

/** Fold a short string (a quote or its context) without keeping the map. */
export function normaliseString(text: string): string {
  return normaliseText(text).text
}

/**
 * Map a non-empty span of the folded text back to the original text.
 *
 * The result covers every original character the folded span stands for.
 */
export function toOriginalSpan(
  normalised: NormalisedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const { starts, ends } = normalised
  return { start: starts[start] ?? 0, end: ends[end - 1] ?? 0 }
}

/**
 * Map an offset in the original text to the nearest offset in the folded text.
 *
 * Used for position hints, so approximate is fine: an offset inside a dropped
 * or collapsed run maps to the next folded character.
 */
export function toNormalisedOffset(normalised: NormalisedText, offset: number): number {
  const { ends } = normalised
  let low = 0
  let high = ends.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if ((ends[mid] ?? 0) <= offset) low = mid + 1
    else high = mid
  }
  return low
}
