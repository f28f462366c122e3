import { describe, expect, it } from 'vitest'

import {
  MAX_ERRORS_CAP,
  findApproximateMatches,
  findExactMatches,
  matchQuote,
  maxErrorsFor,
  scoreMatch,
} from '../../../src/shared/anchoring/match-quote'
import { Random, randomParagraph } from './article-generator'

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

describe('maxErrorsFor', () => {
  it.each([
    { length: 1, maxErrors: 0 },
    { length: 7, maxErrors: 3 },
    { length: 100, maxErrors: 50 },
    { length: 10_000, maxErrors: MAX_ERRORS_CAP },
  ])('allows $maxErrors errors in a $length-character quote', ({ length, maxErrors }) => {
    expect(maxErrorsFor('x'.repeat(length))).toBe(maxErrors)
  })
})

describe('scoreMatch', () => {
  const text = 'aaaa PREFIX-TEXT the quote SUFFIX-TEXT bbbb'
  const quote = 'the quote'
  const start = text.indexOf(quote)
  const candidate = { start, end: start + quote.length, errors: 0 }
  const context = { prefix: 'PREFIX-TEXT ', suffix: ' SUFFIX-TEXT', hint: start }

  it('gives a verbatim quote in verbatim context at its old offset a score of 1', () => {
    const match = scoreMatch(text, quote, candidate, context)
    expect(match).toMatchObject({ quoteScore: 1, prefixScore: 1, suffixScore: 1, score: 1 })
  })

  it.each([
    { description: 'an unrelated prefix', change: { prefix: 'zzzzzzzzzzzz' }, maxLoss: 20 / 90.5 },
    { description: 'an unrelated suffix', change: { suffix: 'zzzzzzzzzzzz' }, maxLoss: 20 / 90.5 },
    {
      description: 'the farthest possible position',
      change: { hint: text.length + start },
      maxLoss: 0.5 / 90.5,
    },
  ])('costs at most its weight for $description', ({ change, maxLoss }) => {
    const match = scoreMatch(text, quote, candidate, { ...context, ...change })
    expect(match.score).toBeLessThan(1)
    expect(match.score).toBeGreaterThanOrEqual(1 - maxLoss - 1e-12)
  })

  it('weighs quote errors most: 10% errors cost 5 of 90.5 points', () => {
    const match = scoreMatch(text, 'x'.repeat(20), { ...candidate, errors: 2 }, {})
    expect(match.quoteScore).toBeCloseTo(0.9)
    // With no context stored, context and position count as agreeing.
    expect(match.score).toBeCloseTo(1 - 5 / 90.5)
  })

  it('aligns context at the quote boundary, so text inserted beside the quote costs only its length', () => {
    const edited = 'aaaa PREFIX-TEXT the quote NEW SUFFIX-TEXT bbbb'
    const match = scoreMatch(edited, quote, candidate, context)
    expect(match.suffixScore).toBeCloseTo(1 - 4 / 12)
    expect(match.prefixScore).toBe(1)
  })
})

describe('findExactMatches', () => {
  const text = 'Alpha said yes. Beta said yes. Gamma said yes.'

  it('finds every occurrence and ranks the one in matching context first', () => {
    const matches = findExactMatches(text, 'said yes', { prefix: 'Beta ', suffix: '. Gamma' })
    expect(matches.map((m) => m.start).sort((a, b) => a - b)).toEqual([6, 21, 37])
    expect(matches[0]?.start).toBe(21)
  })

  it('breaks a tie in context by closeness to the hint', () => {
    const repeated = 'x said yes x said yes x said yes'
    const matches = findExactMatches(repeated, 'said yes', { prefix: 'x ', suffix: ' x', hint: 14 })
    expect(matches[0]?.start).toBe(13)
  })

  it('finds overlapping occurrences', () => {
    expect(findExactMatches('aaaa', 'aa').map((m) => m.start)).toEqual([0, 1, 2])
  })

  it('finds nothing for a missing quote', () => {
    expect(findExactMatches(text, 'said no')).toEqual([])
  })
})

describe('findApproximateMatches', () => {
  it('finds an edited quote and counts its errors', () => {
    const text = 'The committee approved the budget on Friday afternoon.'
    const [best] = findApproximateMatches(text, 'approved a budget on Friday')
    expect(best).toMatchObject({ start: 14, end: 43, errors: 3 })
    expect(best?.quoteScore).toBeCloseTo(1 - 3 / 27)
  })

  it('still offers an edited original when a cleaner look-alike sits in another part of the text', () => {
    // The matcher itself reports only the lowest-error matches of each call;
    // searching region by region keeps the original as a candidate so its
    // context can win.
    const random = new Random(11)
    const filler = (): string => randomParagraph(random, 40, 40)
    const quote = 'the harbour authority suspended all night crossings'
    const lookAlike = 'the harbour authority suspended all nigh crossings' // 1 error
    const edited = 'the harbour authority suspended most night crossings' // 3 errors
    const text = `${filler()} unrelated words ${lookAlike} more unrelated words ${filler()} ${filler()} After the storm, ${edited} until further notice. ${filler()}`
    const matches = findApproximateMatches(text, quote, {
      prefix: 'After the storm, ',
      suffix: ' until further notice.',
    })
    // Far enough apart that no one search window holds both.
    expect(text.indexOf(edited) - text.indexOf(lookAlike)).toBeGreaterThan(4096)
    expect(matches.map((m) => m.errors)).toContain(1)
    expect(text.slice(matches[0]?.start, matches[0]?.end)).toBe(edited)
  })

  it('never splits an emoji', () => {
    const text = 'xx😀abcdyy'
    const matches = findApproximateMatches(text, 'Xabcd')
    expect(matches.length).toBeGreaterThan(0)
    for (const { start, end } of matches) {
      expect(text.slice(start, end)).not.toMatch(LONE_SURROGATE)
    }
  })
})

describe('matchQuote', () => {
  const text = 'Officials confirmed the bridge will reopen in spring.'

  it('prefers an exact occurrence', () => {
    expect(matchQuote(text, 'bridge will reopen')).toMatchObject({ start: 24, errors: 0 })
  })

  it('falls back to an approximate occurrence', () => {
    expect(matchQuote(text, 'bridge would reopen')).toMatchObject({ start: 24, end: 42 })
  })

  it('returns null when nothing is within the error budget', () => {
    expect(matchQuote(text, 'zzzzzzzzzzzzzzzzzzzzzz')).toBeNull()
  })
})
