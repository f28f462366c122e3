/**
 * Splitting a block's text into sentences and words, for keyboard selection.
 *
 * Why a pure helper: the reader's `s` key selects "the sentence" and
 * Shift+arrows move a selection edge by a word; both rules must behave the
 * same on every article (abbreviations, quotes, Cyrillic) and are easy to
 * test on plain strings.
 */

export interface Span {
  readonly start: number
  readonly end: number
}

/** Abbreviations after which a full stop does not end a sentence (lower case, no final dot). */
const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'prof',
  'sr',
  'jr',
  'st',
  'gen',
  'gov',
  'sen',
  'rep',
  'col',
  'lt',
  'sgt',
  'capt',
  'rev',
  'hon',
  'inc',
  'ltd',
  'co',
  'corp',
  'vs',
  'etc',
  'no',
  'fig',
  'approx',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'e.g',
  'i.e',
  // Russian: "т. е.", "г.", "ул.", "им.", "др.", "проф.", "т.д."
  'т',
  'е',
  'г',
  'гг',
  'ул',
  'им',
  'др',
  'проф',
  'д',
  'см',
  'стр',
])

/** Characters that may close a sentence after its terminal punctuation. */
const CLOSERS = /["'”’»)\]]/u
const TERMINAL = /[.!?…]/u

/**
 * The sentences of `text` as spans, without surrounding whitespace.
 *
 * A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes or
 * brackets after it) followed by whitespace and then something that can
 * start a sentence: not a lower-case letter. A full stop after a known
 * abbreviation ("Dr.", "e.g.", "г.") or after an initial or a dotted
 * initialism ("J.", "U.S.") does not end one; "in the U.S. Then…" stays
 * one sentence, the price of never cutting "U.S. Navy" in two.
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = []
  let start = skipSpace(text, 0)
  let i = start
  while (i < text.length) {
    const ch = text.charAt(i)
    if (!TERMINAL.test(ch)) {
      i += 1
      continue
    }
    let end = i + 1
    while (end < text.length && TERMINAL.test(text.charAt(end))) end += 1
    while (end < text.length && CLOSERS.test(text.charAt(end))) end += 1
    const next = skipSpace(text, end)
    const hasSpace = next > end
    if (next >= text.length) break
    if (
      !hasSpace ||
      !startsSentence(text.charAt(next)) ||
      (ch === '.' && isAbbreviation(text, i))
    ) {
      i = end
      continue
    }
    spans.push({ start, end })
    start = next
    i = next
  }
  const last = trimEnd(text, start, text.length)
  if (last > start) spans.push({ start, end: last })
  return spans
}

/** The sentence containing `offset` (or the nearest one after it), or null for blank text. */
export function sentenceAt(text: string, offset: number): Span | null {
  const spans = sentenceSpans(text)
  return spans.find((s) => offset < s.end) ?? spans.at(-1) ?? null
}

/** The end of the word after `offset`: the next offset that ends a run of non-space characters. */
export function nextWordEnd(text: string, offset: number): number {
  let i = skipSpace(text, offset)
  while (i < text.length && !/\s/u.test(text.charAt(i))) i += 1
  return i
}

/** The start of the word before `offset`. */
export function previousWordStart(text: string, offset: number): number {
  let i = offset
  while (i > 0 && /\s/u.test(text.charAt(i - 1))) i -= 1
  while (i > 0 && !/\s/u.test(text.charAt(i - 1))) i -= 1
  return i
}

/** The start of the word after the one at `offset` (moving a selection's start right). */
export function nextWordStart(text: string, offset: number): number {
  let i = offset
  while (i < text.length && !/\s/u.test(text.charAt(i))) i += 1
  return skipSpace(text, i)
}

/** The end of the word before `offset` (shrinking a selection's end). */
export function previousWordEnd(text: string, offset: number): number {
  let i = offset
  while (i > 0 && !/\s/u.test(text.charAt(i - 1))) i -= 1
  while (i > 0 && /\s/u.test(text.charAt(i - 1))) i -= 1
  return i
}

/**
 * Move one edge of a selection by a word, keeping at least one character selected.
 *
 * `edge` is which end moves; `direction` 1 is right, -1 left.
 */
export function moveEdge(text: string, span: Span, edge: 'start' | 'end', direction: 1 | -1): Span {
  if (edge === 'end') {
    const end = direction === 1 ? nextWordEnd(text, span.end) : previousWordEnd(text, span.end)
    return end > span.start ? { start: span.start, end } : span
  }
  const start =
    direction === 1 ? nextWordStart(text, span.start) : previousWordStart(text, span.start)
  return start < span.end ? { start, end: span.end } : span
}

function startsSentence(ch: string): boolean {
  // A lower-case letter continues the sentence ("e.g. the port"); anything else may start one.
  return !(ch !== ch.toUpperCase() && ch === ch.toLowerCase())
}

/** Whether the full stop at `dot` ends an abbreviation, an initial or an initialism. */
function isAbbreviation(text: string, dot: number): boolean {
  let i = dot
  while (i > 0 && /[\p{L}.]/u.test(text.charAt(i - 1))) i -= 1
  const word = text.slice(i, dot)
  if (word === '') return false
  if (ABBREVIATIONS.has(word.toLowerCase())) return true
  // "J." or "U.S." / "U.K.": single letters separated by dots.
  return /^(?:\p{Lu}\.)*\p{Lu}$/u.test(word)
}

function skipSpace(text: string, offset: number): number {
  let i = offset
  while (i < text.length && /\s/u.test(text.charAt(i))) i += 1
  return i
}

function trimEnd(text: string, start: number, end: number): number {
  let i = end
  while (i > start && /\s/u.test(text.charAt(i - 1))) i -= 1
  return i
}
