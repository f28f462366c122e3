/**
 * Snippets and highlights: where the query's words are in the original text.
 *
 * Why word by word on the original text: "Ёлка" must light up for the query
 * "елка", and "Straße" for "strasse", yet the ranges handed to the window
 * must be ranges of the text it shows. Each original word is folded on its
 * own and compared, which keeps its span without a per-character map.
 *
 * `findHighlights` with a `from` and a `window` folds only around the first
 * match; the on-disk index finds where to start (`fts-index.ts`). A caller
 * holding a document's folded words and word starts in memory can use
 * `fieldHighlights` instead, which folds nothing (the index no longer keeps
 * them: it was written for the in-memory index it replaced).
 */
import { originalWordEnd, originalWordSpans, type SearchToken } from '../../shared/search/fold'
import type { HighlightRange } from '../../shared/search/types'
import type { SearchDocumentField } from './documents'
import { needle, type WordPattern } from './match'

/** Characters of context shown in a snippet. */
export const SNIPPET_LENGTH = 160
const LEAD = 50

const WORD_CHAR = /[\p{L}\p{N}\p{M}\p{Cf}]/u

/**
 * The spans of `text` (original offsets) where any pattern matches, merged and sorted.
 *
 * `from` starts the scan at an offset known to be at or before the first
 * match (a document knows where each of its words starts); with `window`,
 * scanning stops that many characters after the first match, since a
 * snippet shows no more. So a long article is not folded word by word.
 */
export function findHighlights(
  text: string,
  patterns: readonly WordPattern[],
  window = Infinity,
  from = 0,
): [number, number][] {
  if (patterns.length === 0 || text.length === 0) return []
  return scan(text, patterns, window, Math.max(0, Math.min(from, text.length)))
}

function scan(
  text: string,
  patterns: readonly WordPattern[],
  window: number,
  from: number,
): [number, number][] {
  const longest = Math.max(...patterns.map((p) => p.words.length))
  const recent: SearchToken[] = []
  const spans: [number, number][] = []
  let stopAt = Infinity
  // Starting inside a word would make its tail look like a word of its own.
  const midWord = from > 0 && WORD_CHAR.test(text.charAt(from - 1))
  for (const token of originalWordSpans(text, from)) {
    if (midWord && token.start === from) continue
    if (token.start > stopAt) break
    recent.push(token)
    if (recent.length > longest) recent.shift()
    // Does a pattern end at this word?
    for (const p of patterns) {
      const n = p.words.length
      if (recent.length < n) continue
      const first = recent.length - n
      let ok = true
      for (let k = 0; k < n && ok; k++) {
        const word = recent[first + k]?.token ?? ''
        const want = p.words[k] ?? ''
        ok = k === n - 1 && !p.exact ? word.startsWith(want) : word === want
      }
      if (ok) {
        spans.push([recent[first]?.start ?? token.start, token.end])
        if (stopAt === Infinity) stopAt = token.start + window
      }
    }
  }
  return merged(spans)
}

/** The next space of a word line after `at` (words are short: a loop beats calling `indexOf`). */
function nextSpace(words: string, at: number): number {
  let i = at + 1
  while (i < words.length && words.charCodeAt(i) !== 0x20) i++
  return i
}

/** Spans sorted, overlapping and touching ones joined. */
function merged(spans: [number, number][]): [number, number][] {
  let sorted = true
  for (let i = 1; i < spans.length && sorted; i++) {
    const a = spans[i - 1] as [number, number]
    const b = spans[i] as [number, number]
    sorted = a[0] < b[0] || (a[0] === b[0] && a[1] <= b[1])
  }
  if (!sorted) spans.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const out: [number, number][] = []
  for (const span of spans) {
    const prev = out[out.length - 1]
    if (prev && span[0] <= prev[1]) prev[1] = Math.max(prev[1], span[1])
    else out.push([span[0], span[1]])
  }
  return out
}

/** `wordMarks` notes where every this many words start. */
const MARK_EVERY = 16

/**
 * Where every `MARK_EVERY`th word of a word line starts (the offset of the
 * space before it), so that `fieldHighlights` can tell which word a match
 * is without counting every word before it. Worth keeping for long fields.
 */
export function wordMarks(words: string): Int32Array {
  const out: number[] = []
  for (let i = 0, k = 0; i >= 0 && i < words.length - 1; i = words.indexOf(' ', i + 1), k++) {
    if (k % MARK_EVERY === 0) out.push(i)
  }
  return Int32Array.from(out)
}

/**
 * What `findHighlights(field.text, patterns, window)` gives, read off the
 * field's folded word line and word starts instead of re-folding the text.
 *
 * Only the words from the first match to `window` characters past it are
 * looked at; `marks` (from `wordMarks(field.words)`) saves counting the
 * words before the first match. Null when there are fewer starts than
 * words (a field not built by `documents.ts`); the caller then scans the text.
 */
export function fieldHighlights(
  field: Pick<SearchDocumentField, 'text' | 'words' | 'starts'>,
  patterns: readonly WordPattern[],
  window = Infinity,
  marks?: Int32Array,
): [number, number][] | null {
  const { text, words, starts } = field
  const needles = patterns.map(needle)
  let at = -1
  for (const n of needles) {
    const found = words.indexOf(n)
    if (found >= 0 && (at < 0 || found < at)) at = found
  }
  if (at < 0) return []
  // Word k of the line follows its k-th space (counting from 0): count from the last mark before the match.
  let mark = 0
  if (marks) {
    let hi = marks.length - 1
    while (mark < hi) {
      const mid = (mark + hi + 1) >> 1
      if ((marks[mid] ?? 0) <= at) mark = mid
      else hi = mid - 1
    }
  }
  let ordinal = mark * MARK_EVERY
  const from = marks?.[mark] ?? 0
  for (let i = words.indexOf(' ', from + 1); i >= 0 && i <= at; i = words.indexOf(' ', i + 1)) {
    ordinal++
  }
  // Pairs of (first word, last word) of each match, by first word.
  const found: number[] = []
  // As in `scan`: nothing ending more than `window` past the end of the earliest-ending match.
  let stopAt = Infinity
  const lastSpace = words.length - 1
  for (; at < lastSpace; at = nextSpace(words, at), ordinal++) {
    const start = starts[ordinal]
    if (start === undefined) return null
    // A match starting here ends here or later, so it cannot end before `stopAt` either.
    if (start > stopAt) break
    for (let i = 0; i < needles.length; i++) {
      if (!words.startsWith(needles[i] as string, at)) continue
      const last = ordinal + (patterns[i] as WordPattern).words.length - 1
      const lastStart = starts[last]
      if (lastStart === undefined) return null
      found.push(ordinal, last)
      stopAt = Math.min(stopAt, lastStart + window)
    }
  }
  const spans: [number, number][] = []
  for (let i = 0; i < found.length; i += 2) {
    const lastStart = starts[found[i + 1] as number] as number
    if (lastStart > stopAt) continue
    spans.push([starts[found[i] as number] as number, originalWordEnd(text, lastStart)])
  }
  return merged(spans)
}

/**
 * Whether a UTF-16 code unit is white space as `/\s/u` has it; a snippet is
 * built a character at a time and a regular expression per character was a
 * large part of its cost.
 */
function isSpace(code: number): boolean {
  if (code < 0x80) return code === 0x20 || (code >= 0x09 && code <= 0x0d)
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  )
}

/** Reused by `makeSnippet` for the usual short snippet: allocating a typed array per snippet cost more than filling it. */
const SCRATCH = new Int32Array(1024)

/** Whether `text[from, to)` neither starts nor ends with white space and has none but single spaces. */
function singleSpaced(text: string, from: number, to: number): boolean {
  if (from >= to) return true
  if (isSpace(text.charCodeAt(from)) || isSpace(text.charCodeAt(to - 1))) return false
  let previousSpace = false
  for (let k = from + 1; k < to - 1; k++) {
    const code = text.charCodeAt(k)
    if (code === 0x20) {
      if (previousSpace) return false
      previousSpace = true
    } else if (isSpace(code)) {
      return false
    } else {
      previousSpace = false
    }
  }
  return true
}

/**
 * About `SNIPPET_LENGTH` characters of `text` around its first highlight,
 * cut at word boundaries, whitespace collapsed, `…` where text was cut; the
 * highlights that fall inside, re-based on the snippet.
 */
export function makeSnippet(
  text: string,
  spans: readonly (readonly [number, number])[],
  length = SNIPPET_LENGTH,
): { snippet: string; highlights: HighlightRange[] } {
  const first = spans[0]
  let from = first ? Math.max(0, first[0] - LEAD) : 0
  if (from > 0 && first) {
    // Start after the first space before the match, so no word is cut at the start.
    for (let k = from; k < first[0]; k++) {
      if (isSpace(text.charCodeAt(k))) {
        from = k + 1
        break
      }
    }
  }
  let to = Math.min(text.length, Math.max(from + length, first ? first[1] : 0))
  if (to < text.length) {
    // End at the last space before the cut (but not inside the first match).
    const floor = first ? first[1] : from
    for (let k = to - 1; k >= floor; k--) {
      if (isSpace(text.charCodeAt(k))) {
        to = k
        break
      }
    }
  }
  const lead = from > 0 ? '…' : ''
  const tail = to < text.length ? '…' : ''
  if (singleSpaced(text, from, to)) {
    // Nothing to collapse (the usual case): offsets only shift by the leading `…`.
    const highlights: HighlightRange[] = []
    for (const [s, e] of spans) {
      if (e <= from || s >= to) continue
      const start = Math.max(s, from) - from + lead.length
      const end = Math.min(e, to) - from + lead.length
      if (end > start) highlights.push([start, end])
    }
    return { snippet: lead + text.slice(from, to) + tail, highlights }
  }
  // at[k - from]: the snippet offset of original offset k.
  const at = to - from < SCRATCH.length ? SCRATCH : new Int32Array(to - from + 1)
  let out = lead
  let pendingSpace = false
  for (let k = from; k < to;) {
    if (isSpace(text.charCodeAt(k))) {
      pendingSpace = out.length > lead.length
      at[k - from] = out.length
      k++
      continue
    }
    if (pendingSpace) out += ' '
    pendingSpace = false
    let end = k + 1
    while (end < to && !isSpace(text.charCodeAt(end))) end++
    for (let j = k; j < end; j++) at[j - from] = out.length + (j - k)
    out += text.slice(k, end)
    k = end
  }
  at[to - from] = out.length
  out += tail
  const highlights: HighlightRange[] = []
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue
    const start = at[Math.max(s, from) - from] ?? 0
    const end = at[Math.min(e, to) - from] ?? out.length
    if (end > start) highlights.push([start, end])
  }
  return { snippet: out, highlights }
}
