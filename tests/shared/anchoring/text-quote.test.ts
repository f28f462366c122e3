import { describe, expect, it } from 'vitest'

import {
  DEFAULT_CONTEXT_LENGTH,
  describeSpan,
  positionSelectorFromSpan,
  quoteSelectorFromSpan,
} from '../../../src/shared/anchoring'
import { annotationTargetSchema } from '../../../src/shared/domain/annotation'

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz'.repeat(4) // 104 characters

describe('quoteSelectorFromSpan', () => {
  const rows = [
    {
      description: 'keeps 32 characters of context either side in the middle of a text',
      text: ALPHABET,
      start: 50,
      end: 54,
      contextLength: undefined,
      expected: { exact: 'yzab', prefix: ALPHABET.slice(18, 50), suffix: ALPHABET.slice(54, 86) },
    },
    {
      description: 'has an empty prefix for a span at the very start',
      text: 'Opening words of the piece.',
      start: 0,
      end: 7,
      contextLength: undefined,
      expected: { exact: 'Opening', prefix: '', suffix: ' words of the piece.' },
    },
    {
      description: 'has an empty suffix for a span at the very end',
      text: 'Closing words of the piece.',
      start: 21,
      end: 27,
      contextLength: undefined,
      expected: { exact: 'piece.', prefix: 'Closing words of the ', suffix: '' },
    },
    {
      description: 'honours a custom context length',
      text: 'one two three four five',
      start: 8,
      end: 13,
      contextLength: 4,
      expected: { exact: 'three', prefix: 'two ', suffix: ' fou' },
    },
    {
      description: 'keeps no context when asked for none',
      text: 'one two three',
      start: 4,
      end: 7,
      contextLength: 0,
      expected: { exact: 'two', prefix: '', suffix: '' },
    },
    {
      description: 'shortens context rather than cut an emoji in half',
      // Each emoji is two UTF-16 code units; a 4-unit cut would split one
      // on each side, so each side keeps 3 units.
      text: '😀😀 mid 😀😀',
      start: 5,
      end: 8,
      contextLength: 4,
      expected: { exact: 'mid', prefix: '😀 ', suffix: ' 😀' },
    },
    {
      description: 'quotes Cyrillic text as is',
      text: 'Министр заявил, что переговоры продолжатся.',
      start: 8,
      end: 14,
      contextLength: 8,
      expected: { exact: 'заявил', prefix: 'Министр ', suffix: ', что пе' },
    },
  ]

  it.each(rows)('$description', ({ text, start, end, contextLength, expected }) => {
    expect(quoteSelectorFromSpan(text, start, end, contextLength)).toEqual({
      type: 'TextQuoteSelector',
      ...expected,
    })
  })

  it('defaults to 32 characters of context', () => {
    expect(DEFAULT_CONTEXT_LENGTH).toBe(32)
  })

  it.each([
    { description: 'a negative context length', contextLength: -1 },
    { description: 'a fractional context length', contextLength: 1.5 },
  ])('rejects $description', ({ contextLength }) => {
    expect(() => quoteSelectorFromSpan('abc', 0, 1, contextLength)).toThrow(RangeError)
  })
})

describe('positionSelectorFromSpan', () => {
  it('records the offsets of a valid span', () => {
    expect(positionSelectorFromSpan('hello world', 6, 11)).toEqual({
      type: 'TextPositionSelector',
      start: 6,
      end: 11,
    })
  })

  const badSpans = [
    { description: 'an empty span', text: 'hello', start: 2, end: 2 },
    { description: 'a reversed span', text: 'hello', start: 3, end: 1 },
    { description: 'a negative start', text: 'hello', start: -1, end: 2 },
    { description: 'an end past the text', text: 'hello', start: 2, end: 6 },
    { description: 'a fractional offset', text: 'hello', start: 0.5, end: 2 },
    { description: 'a NaN offset', text: 'hello', start: Number.NaN, end: 2 },
    { description: 'a start inside an emoji', text: 'a😀b', start: 2, end: 4 },
    { description: 'an end inside an emoji', text: 'a😀b', start: 0, end: 2 },
    { description: 'any span of an empty text', text: '', start: 0, end: 0 },
  ]

  it.each(badSpans)('throws RangeError for $description', ({ text, start, end }) => {
    expect(() => positionSelectorFromSpan(text, start, end)).toThrow(RangeError)
    expect(() => quoteSelectorFromSpan(text, start, end)).toThrow(RangeError)
    expect(() => describeSpan(text, start, end, 'hash')).toThrow(RangeError)
  })
})

describe('describeSpan', () => {
  const text = 'The council voted on Tuesday to close the library for good.'

  it('combines the hash, the quote and the position of the span', () => {
    expect(describeSpan(text, 4, 11, 'sha256:abc')).toEqual({
      contentHash: 'sha256:abc',
      quote: {
        type: 'TextQuoteSelector',
        exact: 'council',
        prefix: 'The ',
        suffix: text.slice(11, 43),
      },
      position: { type: 'TextPositionSelector', start: 4, end: 11 },
    })
  })

  it('produces targets the domain schema accepts', () => {
    expect(annotationTargetSchema.safeParse(describeSpan(text, 0, text.length, 'h')).success).toBe(
      true,
    )
  })

  it('rejects an empty content hash', () => {
    expect(() => describeSpan(text, 0, 3, '')).toThrow(RangeError)
  })
})
