/**
 * Properties over arbitrary texts from a deliberately small, awkward alphabet
 * (repeats everywhere, emoji, Cyrillic, whitespace, typographic quotes), run
 * with a fixed seed so failures reproduce.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { anchorTarget, describeSpan } from '../../../src/shared/anchoring'
import { countOccurrences, isVerbatimAt } from './article-generator'

const RUNS = { seed: 20240607, numRuns: 400 }
const ALPHABET = ['a', 'b', ' ', '\n', 'я', 'ж', '😀', '🐉', '“', '"', '’', '.']
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Code unit offset of each character boundary of `chars` joined. */
function boundaries(chars: readonly string[]): number[] {
  const offsets = [0]
  for (const c of chars) offsets.push((offsets.at(-1) ?? 0) + c.length)
  return offsets
}

/** A text and a non-empty span of whole characters in it. */
const textWithSpan = fc
  .tuple(
    fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 120 }),
    fc.nat(),
    fc.nat(),
  )
  .map(([chars, a, b]) => {
    const offsets = boundaries(chars)
    const i = a % chars.length
    const j = b % chars.length
    return {
      chars,
      text: chars.join(''),
      start: offsets[Math.min(i, j)] ?? 0,
      end: offsets[Math.max(i, j) + 1] ?? 0,
    }
  })

describe('describeSpan', () => {
  it('stores the quote with its context exactly as it sits in the text', () => {
    fc.assert(
      fc.property(textWithSpan, ({ text, start, end }) => {
        const { quote, position } = describeSpan(text, start, end, 'h')
        expect(position).toMatchObject({ start, end })
        expect(text.slice(start - quote.prefix.length, end + quote.suffix.length)).toBe(
          quote.prefix + quote.exact + quote.suffix,
        )
        expect(quote.prefix.length).toBeLessThanOrEqual(32)
        expect(quote.suffix.length).toBeLessThanOrEqual(32)
        for (const part of [quote.prefix, quote.exact, quote.suffix]) {
          expect(part).not.toMatch(LONE_SURROGATE)
        }
      }),
      RUNS,
    )
  })
})

describe('anchorTarget', () => {
  it('anchors any span of an unchanged text where it was, whatever the hash', () => {
    fc.assert(
      fc.property(textWithSpan, fc.boolean(), ({ text, start, end }, sameHash) => {
        const target = describeSpan(text, start, end, 'h1')
        const result = anchorTarget(text, sameHash ? 'h1' : 'h2', target)
        expect(result).toEqual({ status: 'anchored', start, end, score: 1 })
      }),
      RUNS,
    )
  })

  it('keeps a span anchored, quote and context verbatim, after an insertion outside its context', () => {
    const insertion = fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 40 })
    fc.assert(
      fc.property(textWithSpan, insertion, fc.nat(), fc.boolean(), (span, inserted, n, before) => {
        const { chars, text, start, end } = span
        const target = describeSpan(text, start, end, 'h1')
        const outside = boundaries(chars).filter((offset) =>
          before
            ? offset <= start - target.quote.prefix.length
            : offset >= end + target.quote.suffix.length,
        )
        fc.pre(outside.length > 0)
        const at = outside[n % outside.length] ?? 0
        const added = inserted.join('')
        const revised = text.slice(0, at) + added + text.slice(at)
        const moved = before
          ? { start: start + added.length, end: end + added.length }
          : { start, end }

        const result = anchorTarget(revised, 'h2', target)
        // In a text this repetitive another occurrence may carry the same
        // context; any such one is right, but it must be verbatim.
        expect(result.status).toBe('anchored')
        const found = { start: result.start ?? -1, end: result.end ?? -1 }
        expect(isVerbatimAt(revised, found, target)).toBe(true)
        const { prefix, exact, suffix } = target.quote
        if (countOccurrences(revised, prefix + exact + suffix) === 1) expect(found).toEqual(moved)
      }),
      RUNS,
    )
  })

  it('never re-quotes silently: anchored exactly when the text found is the stored quote', () => {
    // Any edit anywhere, inside the passage included.
    const insertion = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 6 })
    fc.assert(
      fc.property(textWithSpan, insertion, fc.nat(), fc.nat(3), (span, inserted, n, removed) => {
        const { chars, text, start, end } = span
        const target = describeSpan(text, start, end, 'h1')
        const offsets = boundaries(chars)
        const at = n % offsets.length
        const from = offsets[at] ?? 0
        const to = offsets[Math.min(offsets.length - 1, at + removed)] ?? from
        const revised = text.slice(0, from) + inserted.join('') + text.slice(to)
        fc.pre(revised.length > 0)

        const result = anchorTarget(revised, 'h2', target)
        if (result.status === 'orphaned') return
        const found = revised.slice(result.start ?? 0, result.end ?? 0)
        expect(result.status === 'anchored').toBe(found === target.quote.exact)
      }),
      RUNS,
    )
  })
})
