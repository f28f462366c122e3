import { describe, expect, it } from 'vitest'
import { findQuoteOccurrences } from '../../../src/main/search/quote-occurrences'

const TEXT =
  'The bryde\u2019s whale was seen. Experts say the Bryde\u2019s  whale is rare.\nA \u201cBRYDE\u2019S WHALE\u201d sighting, and bryde\u2019s whales.'

function found(text: string, quote: string): string[] {
  return findQuoteOccurrences(text, quote).map(({ start, end }) => text.slice(start, end))
}

describe('findQuoteOccurrences', () => {
  it.each([
    ["bryde's whale", ['bryde’s whale', 'Bryde’s  whale', 'BRYDE’S WHALE']],
    ['Bryde’s whale', ['bryde’s whale', 'Bryde’s  whale', 'BRYDE’S WHALE']],
    ['"bryde\'s whale"', ['bryde’s whale', 'Bryde’s  whale', '“BRYDE’S WHALE”']],
    ["bryde's whale.", ['bryde’s whale', 'Bryde’s  whale', 'BRYDE’S WHALE']],
    ['whale was seen.', ['whale was seen.']],
    ['  rare.\n', ['rare.']],
    ['experts   say\nthe', ['Experts say the']],
    ["bryde's whales", ['bryde’s whales']],
    ['ryde', []],
    ['whale seen', []],
    ['...', []],
    ['', []],
  ])('%j', (quote, expected) => {
    expect(found(TEXT, quote)).toEqual(expected)
  })

  it('folds accents and case as search does, and returns offsets of the original text', () => {
    const text = 'Le Café de la Gare; le cafe DE LA gare.'
    expect(found(text, 'cafe de la gare')).toEqual(['Café de la Gare', 'cafe DE LA gare'])
    const [first] = findQuoteOccurrences(text, 'CAFÉ')
    expect(first).toEqual({ start: 3, end: 7 })
  })
})
