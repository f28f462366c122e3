/**
 * Snippets and highlights: where the query's words are in the original text.
 *
 * Why word by word on the original text: "Ёлка" must light up for the query
 * "елка", and "Straße" for "strasse", yet the ranges handed to the window
 * must be ranges of the text it shows. Each original word is folded on its
 * own and compared, which keeps its span without a per-character map.
 */
import { originalWordSpans, type SearchToken } from '../../shared/search/fold'
import type { HighlightRange } from '../../shared/search/types'
import type { WordPattern } from './match'

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
  spans.sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const span of spans) {
    const prev = merged[merged.length - 1]
    if (prev && span[0] <= prev[1]) prev[1] = Math.max(prev[1], span[1])
    else merged.push([span[0], span[1]])
  }
  return merged
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
  if (from > 0) {
    const space = text.slice(from, first ? first[0] : from).search(/\s/u)
    if (space >= 0) from += space + 1
  }
  let to = Math.min(text.length, Math.max(from + length, first ? first[1] : 0))
  if (to < text.length) {
    const back = text.slice(first ? first[1] : from, to).search(/\s\S*$/u)
    if (back >= 0) to = (first ? first[1] : from) + back
  }
  // at[k - from]: the snippet offset of original offset k.
  const at = new Int32Array(to - from + 1)
  let out = from > 0 ? '…' : ''
  let pendingSpace = false
  for (let k = from; k < to; k++) {
    const ch = text.charAt(k)
    if (/\s/u.test(ch)) {
      pendingSpace = out.length > (from > 0 ? 1 : 0)
      at[k - from] = out.length
      continue
    }
    if (pendingSpace) out += ' '
    pendingSpace = false
    at[k - from] = out.length
    out += ch
  }
  at[to - from] = out.length
  if (to < text.length) out += '…'
  const highlights: HighlightRange[] = []
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue
    const start = at[Math.max(s, from) - from] ?? 0
    const end = at[Math.min(e, to) - from] ?? out.length
    if (end > start) highlights.push([start, end])
  }
  return { snippet: out, highlights }
}
