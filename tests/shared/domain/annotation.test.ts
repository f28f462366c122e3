import { describe, expect, it } from 'vitest'
import {
  annotationLabel,
  isClaimDate,
  normaliseClaimStatuses,
  type Annotation,
} from '../../../src/shared/domain/annotation'

describe('claim dates', () => {
  it.each([
    ['2024', true],
    ['2024-03', true],
    ['2024-03-18', true],
    ['2024-02-29', true],
    ['2023-02-29', false],
    ['2024-04-31', false],
    ['2024-13', false],
    ['2024-00-10', false],
    ['24-03-18', false],
    ['2024-3-18', false],
    ['Monday', false],
    ['', false],
    ['2024-03-18T10:00:00Z', false],
  ])('%j is a claim date: %s', (value, expected) => {
    expect(isClaimDate(value)).toBe(expected)
  })
})

describe('claim statuses', () => {
  it('tidies the configured list, keeping the first spelling', () => {
    expect(
      normaliseClaimStatuses([' unverified ', 'Needs  check', 'UNVERIFIED', '', 'needs check']),
    ).toEqual(['unverified', 'Needs check'])
  })

  it('stores statuses composed and takes both spellings as one status', () => {
    expect(normaliseClaimStatuses(['Re\u0301fute\u0301', 'R\u00c9FUT\u00c9', 'Refute'])).toEqual([
      'R\u00e9fut\u00e9',
      'Refute',
    ])
  })
})

describe('annotationLabel', () => {
  const base: Annotation = {
    id: 'ann-1',
    articleId: 'art-1',
    target: {
      contentHash: 'h',
      quote: { type: 'TextQuoteSelector', exact: '12 ships were waiting', prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: 0, end: 21 },
    },
    kind: 'highlight',
    tags: [],
    note: '',
    claim: null,
    createdAt: '',
    updatedAt: '',
  }
  const claim = {
    statement: 'Twelve ships waited in port.',
    claimant: '',
    claimantType: null,
    attributedVia: '',
    claimDate: null,
    status: 'unverified',
    confidence: 'medium' as const,
    links: [],
  }

  it.each([
    ['a highlight by its quote', base, '12 ships were waiting'],
    [
      'a claim by its statement',
      { ...base, kind: 'claim' as const, claim },
      'Twelve ships waited in port.',
    ],
    [
      'a claim with a blank statement by its quote',
      { ...base, kind: 'claim' as const, claim: { ...claim, statement: ' ' } },
      '12 ships were waiting',
    ],
    ['a former claim by its quote', { ...base, claim }, '12 ships were waiting'],
  ])('names %s', (_label, annotation, expected) => {
    expect(annotationLabel(annotation)).toBe(expected)
  })
})
