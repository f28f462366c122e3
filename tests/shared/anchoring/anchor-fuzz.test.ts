/**
 * Seeded random edits, with the expected outcome of each kind of edit stated
 * exactly and checked on hundreds of cases per kind.
 *
 * Every case builds a fresh synthetic article, annotates a unique span of
 * whole words, revises the text and tracks where the passage went, so the
 * right answer is known without consulting the code under test.
 */
import { describe, expect, it } from 'vitest'

import { anchorTarget, describeSpan, type AnchorResult } from '../../../src/shared/anchoring'
import type { AnnotationTarget } from '../../../src/shared/domain/annotation'
import {
  Random,
  applyEdit,
  countOccurrences,
  isVerbatimAt,
  randomArticle,
  randomSentence,
  randomWord,
  randomWordSpan,
  sentenceStarts,
  type Edit,
  type QuoteStyle,
} from './article-generator'

const CASES_PER_KIND = 200

interface Span {
  start: number
  end: number
}

/** What a revision must anchor to. */
type Expected =
  /**
   * Exactly this span; 'anchored' if the quote itself is verbatim there
   * (whatever happened to its context), else 'drifted' with a score of at
   * least `minScore`.
   */
  | { readonly outcome: 'span'; readonly span: Span; readonly minScore?: number }
  /** 'drifted', overlapping this span, each boundary within `slack` of it. */
  | { readonly outcome: 'near'; readonly span: Span; readonly slack: number }
  | { readonly outcome: 'orphaned' }

interface Case {
  readonly original: string
  readonly target: AnnotationTarget
  readonly revised: string
  readonly expected: Expected
}

/**
 * Where a span goes when `edit` is applied: shifted by edits before it,
 * stretched by edits inside it, untouched by edits after it.
 */
function trackSpan(span: Span, edit: Edit): Span {
  const delta = edit.insert.length - edit.deleteCount
  const editEnd = edit.at + edit.deleteCount
  if (editEnd <= span.start) return { start: span.start + delta, end: span.end + delta }
  if (edit.at >= span.end) return span
  if (edit.at >= span.start && editEnd <= span.end)
    return { start: span.start, end: span.end + delta }
  throw new Error('edit straddles a span boundary')
}

/** A fresh article with a unique annotated span of whole words. */
function annotatedArticle(
  random: Random,
  {
    minWords = 3,
    maxWords = 14,
    minLength = 1,
    paragraphs = random.int(3, 8),
    style = 'straight' as QuoteStyle,
  } = {},
): { text: string; span: Span; target: AnnotationTarget } {
  for (;;) {
    const text = randomArticle(random, paragraphs, style)
    const span = randomWordSpan(random, text, minWords, maxWords)
    const quote = text.slice(span.start, span.end)
    if (quote.length < minLength || countOccurrences(text, quote) !== 1) continue
    return { text, span, target: describeSpan(text, span.start, span.end, 'hash-original') }
  }
}

/** A random edit of `text` that leaves `span`'s own text alone. */
function randomEditOutside(random: Random, text: string, span: Span): Edit {
  for (;;) {
    let edit: Edit
    const roll = random.int(0, 3)
    if (roll === 0) {
      edit = {
        at: random.pick(sentenceStarts(text)),
        deleteCount: 0,
        insert: `${randomSentence(random)} `,
      }
    } else if (roll === 1) {
      const starts = sentenceStarts(text)
      const at = random.pick(starts)
      const next = starts.find((s) => s > at) ?? text.length
      edit = { at, deleteCount: next - at, insert: '' }
    } else if (roll === 2) {
      edit = {
        at: random.int(0, text.length),
        deleteCount: 0,
        insert: randomWord(random).slice(0, random.int(1, 4)),
      }
    } else {
      const at = random.int(0, text.length - 1)
      edit = { at, deleteCount: random.int(1, 3), insert: '' }
    }
    if (edit.at + edit.deleteCount <= span.start || edit.at >= span.end) return edit
  }
}

/** Apply edits outside the span one by one, tracking the span. */
function editOutside(
  random: Random,
  text: string,
  span: Span,
  count: number,
): { text: string; span: Span } {
  for (let i = 0; i < count; i += 1) {
    const edit = randomEditOutside(random, text, span)
    text = applyEdit(text, edit)
    span = trackSpan(span, edit)
  }
  return { text, span }
}

const generators: Record<string, (random: Random) => Case> = {
  'insertions and deletions elsewhere'(random) {
    const { text, span, target } = annotatedArticle(random)
    let revised = { text, span }
    // Retry until the edits really change the text (they can cancel out).
    while (revised.text === text) revised = editOutside(random, text, span, random.int(1, 4))
    return {
      original: text,
      target,
      revised: revised.text,
      expected: { outcome: 'span', span: revised.span },
    }
  },

  'small edits inside the quote'(random) {
    const { text, span, target } = annotatedArticle(random, {
      minWords: 7,
      maxWords: 16,
      minLength: 40,
    })
    let revised = text
    let tracked = span
    const edits = random.int(1, 3)
    // Retry until the edits really change the quote (they can cancel out).
    while (revised.slice(tracked.start, tracked.end) === target.quote.exact) {
      revised = text
      tracked = span
      for (let i = 0; i < edits; i += 1) {
        // Strictly inside, so the quote's first and last characters survive.
        const at = random.int(tracked.start + 1, tracked.end - 2)
        const edit = random.pick<Edit>([
          { at, deleteCount: 1, insert: 'x' },
          { at, deleteCount: 0, insert: 'y' },
          { at, deleteCount: 1, insert: '' },
        ])
        revised = applyEdit(revised, edit)
        tracked = trackSpan(tracked, edit)
      }
    }
    const shifted = editOutside(random, revised, tracked, random.int(0, 2))
    return {
      original: text,
      target,
      revised: shifted.text,
      expected: { outcome: 'near', span: shifted.span, slack: edits },
    }
  },

  'paragraph moves'(random) {
    for (;;) {
      const { text, span, target } = annotatedArticle(random, { paragraphs: random.int(3, 8) })
      const paragraphs = text.split('\n\n')
      let offset = 0
      const index = paragraphs.findIndex((p) => {
        const inside = span.start >= offset && span.end <= offset + p.length
        if (!inside) offset += p.length + 2
        return inside
      })
      const paragraph = paragraphs[index]
      if (paragraph === undefined) continue // the quote spans a paragraph break
      const rest = paragraphs.filter((_, i) => i !== index)
      let destination = random.int(0, rest.length)
      if (destination === index) destination = destination === 0 ? rest.length : 0
      rest.splice(destination, 0, paragraph)
      const revised = rest.join('\n\n')
      const newOffset = rest.slice(0, destination).reduce((sum, p) => sum + p.length + 2, 0)
      const moved = { start: newOffset + span.start - offset, end: newOffset + span.end - offset }
      return { original: text, target, revised, expected: { outcome: 'span', span: moved } }
    }
  },

  'whitespace changes'(random) {
    const { text, span, target } = annotatedArticle(random)
    let revised = text
    let tracked = span
    const runs = ['  ', '\n', '\t', ' \n ', '\u00a0', '\r\n', '   ']
    const spaces = [...text.matchAll(/ /g)].map((m) => m.index)
    const inside = spaces.filter((i) => i > span.start && i < span.end)
    const near = spaces.filter((i) => i > span.start - 40 && i < span.end + 40)
    const chosen = new Set([
      random.pick(inside),
      ...Array.from({ length: random.int(0, 5) }, () => random.pick(near)),
    ])
    // From the end backwards, so earlier positions stay valid.
    for (const at of [...chosen].sort((a, b) => b - a)) {
      const edit = { at, deleteCount: 1, insert: random.pick(runs) }
      revised = applyEdit(revised, edit)
      tracked = trackSpan(tracked, edit)
    }
    // Typography only: the folded quote and context match perfectly.
    return {
      original: text,
      target,
      revised,
      expected: { outcome: 'span', span: tracked, minScore: 0.99 },
    }
  },

  'quote-style changes'(random) {
    const style: QuoteStyle = random.chance(0.5) ? 'straight' : 'curly'
    for (;;) {
      const { text, span, target } = annotatedArticle(random, { style })
      if (!/['"’“”]/.test(target.quote.exact)) continue
      const revised =
        style === 'straight'
          ? text
              .replace(/(^|\s)"/g, '$1“')
              .replace(/"/g, '”')
              .replace(/'/g, '’')
              .replace(/-/g, () => (random.chance(0.5) ? '–' : '-'))
          : text.replace(/[“”]/g, '"').replace(/’/g, "'")
      return {
        original: text,
        target,
        revised,
        expected: { outcome: 'span', span, minScore: 0.99 },
      }
    }
  },

  'deletion of the whole passage'(random) {
    const { text, span, target } = annotatedArticle(random)
    const starts = sentenceStarts(text)
    const from = starts.filter((s) => s <= span.start).at(-1) ?? 0
    const to = starts.find((s) => s >= span.end) ?? text.length
    const revised = text.slice(0, from) + text.slice(to)
    return { original: text, target, revised, expected: { outcome: 'orphaned' } }
  },
}

/** Why a result misses its expectation, or null if it meets it. */
function mismatch(result: AnchorResult, kase: Case): string | null {
  const { expected, revised, target } = kase
  if (expected.outcome === 'orphaned') {
    return result.status === 'orphaned' && result.start === null && result.end === null
      ? null
      : `expected orphaned, got ${result.status} at [${result.start}, ${result.end})`
  }
  const { span } = expected
  if (result.start === null || result.end === null)
    return `expected [${span.start}, ${span.end}), got ${result.status}`
  if (expected.outcome === 'span') {
    // The passage's own change decides, not its context's: until 2026-12 a
    // quote whose context was edited was reported drifted even though its
    // own words were intact.
    const status =
      revised.slice(span.start, span.end) === target.quote.exact ? 'anchored' : 'drifted'
    if (result.status !== status || result.start !== span.start || result.end !== span.end) {
      return `expected ${status} [${span.start}, ${span.end}), got ${result.status} [${result.start}, ${result.end})`
    }
    if (result.score < (expected.minScore ?? 0)) {
      return `expected a score of at least ${expected.minScore}, got ${result.score}`
    }
    return null
  }
  const overlapping = result.start < span.end && span.start < result.end
  const close =
    Math.abs(result.start - span.start) <= expected.slack &&
    Math.abs(result.end - span.end) <= expected.slack
  if (result.status !== 'drifted' || !overlapping || !close) {
    return `expected drifted near [${span.start}, ${span.end}) ±${expected.slack}, got ${result.status} [${result.start}, ${result.end})`
  }
  return null
}

describe.each(
  Object.entries(generators).map(([kind, generate], index) => ({ kind, generate, index })),
)('after $kind', ({ kind, generate, index }) => {
  const cases = Array.from({ length: CASES_PER_KIND }, (_, n) => {
    const seed = 1000 * (index + 1) + n
    return { seed, ...generate(new Random(seed)) }
  })

  it(`anchors all ${CASES_PER_KIND} cases as expected`, () => {
    const failures: string[] = []
    for (const kase of cases) {
      const result = anchorTarget(kase.revised, 'hash-revised', kase.target)
      const problem = mismatch(result, kase)
      if (problem !== null)
        failures.push(`seed ${kase.seed}: ${problem} for "${kase.target.quote.exact}"`)
    }
    expect(failures).toEqual([])
  })

  it('generates cases that really exercise the edit', () => {
    // Guards against a generator silently producing no-op revisions.
    for (const kase of cases) {
      expect(kase.revised).not.toBe(kase.original)
      const { expected, target, revised } = kase
      if (expected.outcome === 'orphaned') {
        expect(revised).not.toContain(target.quote.exact)
      } else if (kind !== 'insertions and deletions elsewhere' && kind !== 'paragraph moves') {
        // Edits meant to change the passage itself did change it.
        expect(revised.slice(expected.span.start, expected.span.end)).not.toBe(target.quote.exact)
      } else {
        expect(revised.slice(expected.span.start, expected.span.end)).toBe(target.quote.exact)
      }
    }
    if (kind === 'insertions and deletions elsewhere' || kind === 'paragraph moves') {
      // Some edits reach into the stored context and some do not, so an
      // intact quote is exercised both with its context intact and with it
      // changed (both must be anchored).
      const verbatim = cases.filter(
        (kase) =>
          kase.expected.outcome === 'span' &&
          isVerbatimAt(kase.revised, kase.expected.span, kase.target),
      )
      expect(verbatim.length).toBeGreaterThan(0)
      expect(verbatim.length).toBeLessThan(cases.length)
    }
  })
})
