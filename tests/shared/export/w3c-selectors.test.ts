/**
 * Reading other tools' selectors: refinements narrow the passage, ranges are
 * found between their ends, markup selectors are refused with a reason.
 */
import { describe, expect, it } from 'vitest'
import { findRange, readSelectors } from '../../../src/shared/export/w3c-selectors'

const TEXT = 'The port authority said 14 vessels were waiting at anchor, according to a statement.'
const quote = (exact: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextQuoteSelector',
  exact,
  ...extra,
})
const position = (start: number, end: number, extra: Record<string, unknown> = {}) => ({
  type: 'TextPositionSelector',
  start,
  end,
  ...extra,
})

describe('readSelectors', () => {
  it.each([
    [
      'a quote and a position as alternatives',
      [quote('14 vessels', { prefix: 'said ' }), position(24, 34)],
      {
        quote: { exact: '14 vessels', prefix: 'said ', suffix: '' },
        position: { start: 24, end: 34 },
      },
    ],
    [
      'a quote refined by a position inside it',
      [quote('said 14 vessels were', { prefix: 'authority ', refinedBy: position(5, 15) })],
      {
        quote: { exact: '14 vessels', prefix: 'authority said ', suffix: ' were' },
        position: null,
      },
    ],
    [
      'a quote refined by a quote inside it, beside the outer position (dropped: it no longer fits)',
      [quote('said 14 vessels were', { refinedBy: quote('vessels') }), position(19, 39)],
      {
        quote: { exact: 'vessels', prefix: 'said 14 ', suffix: ' were' },
        position: null,
      },
    ],
    [
      'a quote with its own position selector refined the same way',
      [
        quote('said 14 vessels were', { refinedBy: quote('vessels') }),
        position(19, 39, { refinedBy: position(8, 15) }),
      ],
      {
        quote: { exact: 'vessels', prefix: 'said 14 ', suffix: ' were' },
        position: { start: 27, end: 34 },
      },
    ],
    [
      'a position refined by a position',
      [position(19, 39, { refinedBy: position(5, 15) })],
      { quote: null, position: { start: 24, end: 34 } },
    ],
    [
      'a fragment refined by a quote (dokieli)',
      [{ type: 'FragmentSelector', value: 'p2', refinedBy: quote('anchor') }],
      { quote: { exact: 'anchor', prefix: '', suffix: '' }, position: null },
    ],
    [
      'a markup range beside a quote (Hypothesis)',
      [{ type: 'RangeSelector', startContainer: '/p[1]', startOffset: 0 }, quote('anchor')],
      { quote: { exact: 'anchor', prefix: '', suffix: '' }, position: null },
    ],
  ])('reads %s', (_label, selectors, spec) => {
    expect(readSelectors(selectors)).toEqual({ kind: 'text', spec })
  })

  it.each([
    ['no selector', [], /no selector/],
    ['an XPath selector', [{ type: 'XPathSelector', value: '/p' }], /XPathSelector.*markup/],
    ['a CSS selector', [{ type: 'CssSelector', value: '#a' }], /CssSelector.*markup/],
    [
      'a markup range',
      [{ type: 'RangeSelector', startContainer: '/p[1]', endContainer: '/p[2]' }],
      /range over the web page's markup/,
    ],
    ['a refinement past the quote', [quote('said', { refinedBy: position(2, 9) })], /past the end/],
    [
      'a refining quote not in the quote',
      [quote('said', { refinedBy: quote('anchor') })],
      /not inside the quote/,
    ],
    ['a position that ends before it starts', [position(9, 2)], /no usable start and end/],
  ])('refuses %s, saying why', (_label, selectors, reason) => {
    const reading = readSelectors(selectors)
    expect(reading.kind).toBe('unusable')
    expect(reading.kind === 'unusable' && reading.reason).toMatch(reason)
  })
})

describe('findRange', () => {
  const range = (selectors: unknown) => {
    const reading = readSelectors([selectors])
    if (reading.kind !== 'range') throw new Error(`not a range: ${JSON.stringify(reading)}`)
    return reading.range
  }
  const span = (selector: unknown) => {
    const found = findRange(TEXT, range(selector))
    return found === null ? null : TEXT.slice(found.start, found.end)
  }

  it.each([
    [
      'two quotes: up to the start of the end quote',
      { startSelector: quote('14'), endSelector: quote(', according') },
      '14 vessels were waiting at anchor',
    ],
    [
      'two positions',
      { startSelector: position(24, 26), endSelector: position(57, 58) },
      '14 vessels were waiting at anchor',
    ],
    [
      'a range refined by a quote inside it',
      {
        startSelector: quote('The port'),
        endSelector: quote('.'),
        refinedBy: quote('waiting'),
      },
      'waiting',
    ],
    [
      'a range refined by a position counted from its start',
      { startSelector: quote('14'), endSelector: quote(','), refinedBy: position(3, 10) },
      'vessels',
    ],
    [
      'an end that is not after the start',
      { startSelector: quote('anchor'), endSelector: quote('The') },
      null,
    ],
    ['a start that is not there', { startSelector: quote('ships'), endSelector: quote('.') }, null],
  ])('finds %s', (_label, selector, expected) => {
    expect(span({ type: 'RangeSelector', ...selector })).toBe(expected)
  })
})
