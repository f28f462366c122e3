import { describe, expect, it } from 'vitest'
import { isEmptyQuery, parseQuery, type ParsedQuery } from '../../../src/shared/search/query'

const NONE: ParsedQuery = {
  terms: [],
  phrases: [],
  negatedTerms: [],
  negatedPhrases: [],
  filters: [],
}

const ROWS: readonly { description: string; input: string; expected: Partial<ParsedQuery> }[] = [
  {
    description: 'plain words',
    input: 'grain  corridor',
    expected: { terms: ['grain', 'corridor'] },
  },
  {
    description: 'a quoted phrase among words',
    input: 'talks "grain corridor" resume',
    expected: { terms: ['talks', 'resume'], phrases: ['grain corridor'] },
  },
  {
    description: 'typographic and guillemet quotes',
    input: '“grain corridor” «Министерство обороны»',
    expected: { phrases: ['grain corridor', 'Министерство обороны'] },
  },
  {
    description: 'an unclosed quote runs to the end',
    input: '"grain corr',
    expected: { phrases: ['grain corr'] },
  },
  {
    description: 'a negated word',
    input: 'grain -wheat',
    expected: { terms: ['grain'], negatedTerms: ['wheat'] },
  },
  {
    description: 'a negated phrase',
    input: '-"press service"',
    expected: { negatedPhrases: ['press service'] },
  },
  {
    description: 'a lone dash is text',
    input: 'grain - wheat',
    expected: { terms: ['grain', '-', 'wheat'] },
  },
  {
    description: 'a filter',
    input: 'tag:entity/company',
    expected: { filters: [{ key: 'tag', value: 'entity/company', negated: false }] },
  },
  {
    description: 'a negated filter',
    input: '-tag:topic/sport',
    expected: { filters: [{ key: 'tag', value: 'topic/sport', negated: true }] },
  },
  {
    description: 'a quoted filter value',
    input: 'tag:"two words" claimant:“Anna Petrova”',
    expected: {
      filters: [
        { key: 'tag', value: 'two words', negated: false },
        { key: 'claimant', value: 'Anna Petrova', negated: false },
      ],
    },
  },
  {
    description: 'filter keys are case-insensitive, values kept as typed',
    input: 'KIND:Claim Status:Disputed',
    expected: {
      filters: [
        { key: 'kind', value: 'Claim', negated: false },
        { key: 'status', value: 'Disputed', negated: false },
      ],
    },
  },
  {
    description: 'every known key',
    input:
      'tag:a kind:claim status:s claimant:c source:ria.ru article:art-1 has:note anchor:orphaned',
    expected: {
      filters: [
        { key: 'tag', value: 'a', negated: false },
        { key: 'kind', value: 'claim', negated: false },
        { key: 'status', value: 's', negated: false },
        { key: 'claimant', value: 'c', negated: false },
        { key: 'source', value: 'ria.ru', negated: false },
        { key: 'article', value: 'art-1', negated: false },
        { key: 'has', value: 'note', negated: false },
        { key: 'anchor', value: 'orphaned', negated: false },
      ],
    },
  },
  {
    description: 'an unknown key is text',
    input: 'foo:bar 12:30',
    expected: { terms: ['foo:bar', '12:30'] },
  },
  {
    description: 'a known key with no value is text',
    input: 'tag: grain',
    expected: { terms: ['tag:', 'grain'] },
  },
  {
    description: 'Cyrillic words, phrase and filter',
    input: 'Министерство -ёлка "сообщило о" tag:тема/экономика',
    expected: {
      terms: ['Министерство'],
      negatedTerms: ['ёлка'],
      phrases: ['сообщило о'],
      filters: [{ key: 'tag', value: 'тема/экономика', negated: false }],
    },
  },
  { description: 'an empty phrase is dropped', input: '"" ""', expected: {} },
  { description: 'only spaces', input: ' \t\n ', expected: {} },
]

describe('parseQuery', () => {
  for (const row of ROWS) {
    it(row.description, () => {
      expect(parseQuery(row.input)).toEqual({ ...NONE, ...row.expected })
    })
  }

  it('says when a query asks for nothing', () => {
    expect(isEmptyQuery(parseQuery('  "" '))).toBe(true)
    expect(isEmptyQuery(parseQuery('-x'))).toBe(false)
    expect(isEmptyQuery(parseQuery('has:note'))).toBe(false)
  })
})
