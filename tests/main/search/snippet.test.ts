/**
 * The snippet shortcuts must agree with the plain way: `fieldHighlights`
 * (reading a document's stored words) with `findHighlights` (scanning the
 * text), and `makeSnippet` with building the snippet a character at a time.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { articleDocument } from '../../../src/main/search/documents'
import { compileQuery } from '../../../src/main/search/match'
import {
  fieldHighlights,
  findHighlights,
  makeSnippet,
  SNIPPET_LENGTH,
  wordMarks,
} from '../../../src/main/search/snippet'
import type { HighlightRange } from '../../../src/shared/search/types'

const WORDS = [
  'Verkehrsministerium',
  'grain',
  'Grains',
  'corridor',
  'Café',
  'cafe\u0301',
  'Straße',
  'ёлка',
  'елка',
  'Министерство',
  '東京',
  '都',
  'ﬁnance',
  '½',
  'gra\u00adin',
  'the',
]
const SEPARATORS = [' ', ' ', ' ', ', ', '. ', '  ', '\n\n', '\t', ' \u00a0 ', '\u2028', '—']

const text = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { maxLength: 80 })
  .map((parts) => parts.map(([w, sep]) => w + sep).join(''))

const query = fc
  .array(
    fc.oneof(
      fc.constantFrom(...WORDS, 'gr', 'caf', 'ел', 'fin', '東', '1'),
      fc
        .array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 3 })
        .map((w) => `"${w.join(' ')}"`),
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((terms) => terms.join(' '))

function textField(body: string) {
  const doc = articleDocument(
    { id: 'art', title: 'Title', source: null, contentHash: 'hash' },
    body,
    { status: '', tags: [], note: '', annotations: [] },
  )
  return doc.fields.find((f) => f.name === 'text')
}

/** `makeSnippet` as first written: one character at a time, a regular expression for white space. */
function plainSnippet(
  body: string,
  spans: readonly (readonly [number, number])[],
  length = SNIPPET_LENGTH,
): { snippet: string; highlights: HighlightRange[] } {
  const first = spans[0]
  let from = first ? Math.max(0, first[0] - 50) : 0
  if (from > 0) {
    const space = body.slice(from, first ? first[0] : from).search(/\s/u)
    if (space >= 0) from += space + 1
  }
  let to = Math.min(body.length, Math.max(from + length, first ? first[1] : 0))
  if (to < body.length) {
    const back = body.slice(first ? first[1] : from, to).search(/\s\S*$/u)
    if (back >= 0) to = (first ? first[1] : from) + back
  }
  const at: number[] = []
  let out = from > 0 ? '…' : ''
  let pendingSpace = false
  for (let k = from; k < to; k++) {
    const ch = body.charAt(k)
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
  if (to < body.length) out += '…'
  const highlights: HighlightRange[] = []
  for (const [s, e] of spans) {
    if (e <= from || s >= to) continue
    const start = at[Math.max(s, from) - from] ?? 0
    const end = at[Math.min(e, to) - from] ?? out.length
    if (end > start) highlights.push([start, end])
  }
  return { snippet: out, highlights }
}

describe('fieldHighlights', () => {
  it('finds what scanning the text finds, with or without word marks', () => {
    fc.assert(
      fc.property(text, query, fc.constantFrom(Infinity, SNIPPET_LENGTH, 12), (body, q, window) => {
        const field = textField(body)
        if (!field) return
        const patterns = compileQuery(q).required
        const expected = findHighlights(body, patterns, window)
        expect(fieldHighlights(field, patterns, window)).toEqual(expected)
        expect(fieldHighlights(field, patterns, window, wordMarks(field.words))).toEqual(expected)
      }),
      { numRuns: 300 },
    )
  })

  it('finds matches far into a long field, past its word marks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...WORDS), { minLength: 17, maxLength: 150 }),
        text,
        fc.constantFrom('needle', '"needle in"', 'needle haystack', 'need'),
        fc.constantFrom(Infinity, SNIPPET_LENGTH),
        (before, after, q, window) => {
          const body = `${before.join(' ')} needle in a haystack, ${after} needle.`
          const field = textField(body)
          if (!field) return
          const patterns = compileQuery(q).required
          expect(fieldHighlights(field, patterns, window, wordMarks(field.words))).toEqual(
            findHighlights(body, patterns, window),
          )
        },
      ),
      { numRuns: 100 },
    )
  })

  it('finds a Han character right after another one', () => {
    const field = textField('東京都の発表')!
    const patterns = compileQuery('京').required
    expect(fieldHighlights(field, patterns, SNIPPET_LENGTH)).toEqual([[1, 2]])
  })

  it('declines a field whose word starts do not fit its words', () => {
    const field = textField('Grain corridor talks')!
    const patterns = compileQuery('talks').required
    const stale = { ...field, starts: field.starts.subarray(0, 1) }
    expect(fieldHighlights(stale, patterns, SNIPPET_LENGTH)).toBeNull()
  })
})

describe('makeSnippet', () => {
  it('ends at the space right after a match that fills the snippet', () => {
    const body = `grain ${'x'.repeat(30)} corridor`
    expect(makeSnippet(body, [[0, 5]], 12)).toEqual({ snippet: 'grain…', highlights: [[0, 5]] })
  })

  it('builds what building it a character at a time builds', () => {
    fc.assert(
      fc.property(
        text,
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 30 })), { maxLength: 4 }),
        fc.constantFrom(SNIPPET_LENGTH, 40, 12),
        (body, picks, length) => {
          // Sorted, separate spans inside the text, as the highlighters give them.
          const spans: [number, number][] = []
          for (const [at, size] of picks
            .map(([a, s]) => [a % (body.length + 1), s])
            .sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))) {
            const start = Math.max(at ?? 0, (spans[spans.length - 1]?.[1] ?? -1) + 1)
            const end = Math.min(body.length, start + (size ?? 1))
            if (end > start) spans.push([start, end])
          }
          expect(makeSnippet(body, spans, length)).toEqual(plainSnippet(body, spans, length))
        },
      ),
      { numRuns: 500 },
    )
  })
})
