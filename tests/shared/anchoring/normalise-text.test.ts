import { describe, expect, it } from 'vitest'

import {
  normaliseString,
  normaliseText,
  toNormalisedOffset,
  toOriginalSpan,
} from '../../../src/shared/anchoring/normalise-text'

describe('normaliseString', () => {
  const rows = [
    {
      description: 'leaves plain ASCII text alone',
      input: 'It is "fine", isn\'t it?',
      folded: 'It is "fine", isn\'t it?',
    },
    {
      description: 'folds curly double quotes',
      input: '“Yes,” she said.',
      folded: '"Yes," she said.',
    },
    {
      description: 'folds curly apostrophes',
      input: 'the minister’s ‘plan’',
      folded: "the minister's 'plan'",
    },
    {
      description: 'folds low and guillemet quotes',
      input: '„Ja“ «oui» ‹non›',
      folded: '"Ja" "oui" \'non\'',
    },
    {
      description: 'folds en and em dashes',
      input: 'pages 3–5 — roughly',
      folded: 'pages 3-5 - roughly',
    },
    {
      description: 'collapses runs of whitespace to one space',
      input: 'a  b\n\nc\t \td',
      folded: 'a b c d',
    },
    {
      description: 'treats non-breaking and thin spaces as whitespace',
      input: 'a\u00a0b\u2009c\u202fd',
      folded: 'a b c d',
    },
    {
      description: 'drops soft hyphens and zero-width spaces',
      input: 'anti\u00addis\u200bestab\ufefflish',
      folded: 'antidisestablish',
    },
    {
      description: 'merges whitespace either side of a dropped character',
      input: 'a \u200b b',
      folded: 'a b',
    },
    {
      description: 'leaves Cyrillic and emoji alone',
      input: 'Привет 😀 мир',
      folded: 'Привет 😀 мир',
    },
  ]

  it.each(rows)('$description', ({ input, folded }) => {
    expect(normaliseString(input)).toBe(folded)
  })
})

describe('toOriginalSpan', () => {
  const text = 'He said  \n “no” to\u00adday.'
  const normalised = normaliseText(text)

  it('produces the folded text', () => {
    expect(normalised.text).toBe('He said "no" today.')
  })

  const rows = [
    { description: 'maps a word after a collapsed run', folded: '"no"', original: '“no”' },
    {
      description: 'maps a span ending on a collapsed run to the end of the run',
      folded: 'said ',
      original: 'said  \n ',
    },
    {
      description: 'maps a span across a dropped character',
      folded: 'today',
      original: 'to\u00adday',
    },
    { description: 'maps the whole text', folded: 'He said "no" today.', original: text },
  ]

  it.each(rows)('$description', ({ folded, original }) => {
    const start = normalised.text.indexOf(folded)
    const span = toOriginalSpan(normalised, start, start + folded.length)
    expect(text.slice(span.start, span.end)).toBe(original)
  })
})

describe('toNormalisedOffset', () => {
  const text = 'a   b\u00adc'
  const normalised = normaliseText(text) // 'a bc'

  it.each([
    { original: 0, folded: 0 },
    { original: 1, folded: 1 },
    { original: 3, folded: 1 }, // inside the collapsed run
    { original: 4, folded: 2 },
    { original: 5, folded: 3 }, // the dropped soft hyphen maps to what follows
    { original: 6, folded: 3 },
    { original: 7, folded: 4 }, // end of text
  ])('maps original offset $original to folded offset $folded', ({ original, folded }) => {
    expect(toNormalisedOffset(normalised, original)).toBe(folded)
  })
})
