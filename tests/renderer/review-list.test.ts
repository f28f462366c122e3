import { describe, expect, it } from 'vitest'
import type { AnchoredAnnotation } from '../../src/shared/ipc/contract'
import {
  compareWording,
  noteExcerpt,
  reviewBreakdown,
  reviewItems,
} from '../../src/renderer/src/features/review/review-list'
import { updateCounts, updateMessage } from '../../src/renderer/src/features/versions/update-report'

const TEXT = 'Parata, 85, said the tribes had been killed since 0/11. The sea is rising.'

function annotation(
  id: string,
  quote: string,
  anchor: AnchoredAnnotation['anchor'],
  oldStart = 0,
): AnchoredAnnotation {
  return {
    id,
    articleId: 'art-1',
    kind: 'highlight',
    tags: ['topic/sea'],
    note: '',
    claim: null,
    createdAt: '2026-12-07T10:00:00.000Z',
    updatedAt: '2026-12-07T10:00:00.000Z',
    target: {
      source: 'sha256:old',
      quote: { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start: oldStart, end: oldStart + quote.length },
    },
    anchor,
  } as unknown as AnchoredAnnotation
}

describe('the review list', () => {
  const figure = annotation('b', 'killed since 9/11', {
    status: 'drifted',
    start: TEXT.indexOf('killed'),
    end: TEXT.indexOf('killed') + 'killed since 0/11'.length,
    score: 0.9,
  })
  const age = annotation('a', 'Parata, 75,', { status: 'drifted', start: 0, end: 11, score: 0.9 })
  const gone = annotation(
    'c',
    'a passage that was removed',
    {
      status: 'orphaned',
      start: null,
      end: null,
      score: 0,
    },
    40,
  )
  const earlierGone = annotation(
    'd',
    'an earlier removed passage',
    {
      status: 'orphaned',
      start: null,
      end: null,
      score: 0,
    },
    5,
  )
  const fine = annotation('e', 'The sea is rising.', {
    status: 'anchored',
    start: TEXT.indexOf('The sea'),
    end: TEXT.length,
    score: 1,
  })

  it('lists drifted ones in reading order, then orphans in their old order, and not the anchored', () => {
    const items = reviewItems(TEXT, [gone, fine, figure, earlierGone, age])
    expect(items.map((i) => [i.annotation.id, i.status])).toEqual([
      ['a', 'drifted'],
      ['b', 'drifted'],
      ['d', 'orphaned'],
      ['c', 'orphaned'],
    ])
  })

  it('gives a drifted one its stored wording and the words now at its place', () => {
    const [item] = reviewItems(TEXT, [figure])
    expect(item).toMatchObject({
      before: 'killed since 9/11',
      now: 'killed since 0/11',
      span: { start: TEXT.indexOf('killed'), end: TEXT.indexOf('killed') + 17 },
    })
    const [orphan] = reviewItems(TEXT, [gone])
    expect(orphan).toMatchObject({ before: 'a passage that was removed', now: null, span: null })
  })

  it('says what needs a look', () => {
    expect(reviewBreakdown(reviewItems(TEXT, [figure, age, gone]))).toBe(
      '2 changed wording, 1 lost its passage',
    )
    expect(reviewBreakdown(reviewItems(TEXT, [gone, earlierGone]))).toBe('2 lost their passages')
  })
})

describe('old and new wording compared', () => {
  const rows = [
    {
      what: 'a changed figure marks only the figure',
      before: 'killed since 9/11',
      now: 'killed since 0/11',
      removed: ['9'],
      added: ['0'],
    },
    {
      what: 'a changed age',
      before: 'Parata, 75, said',
      now: 'Parata, 85, said',
      removed: ['75'],
      added: ['85'],
    },
    {
      what: 'a reworded sentence marks the words that differ',
      before: 'She dismissed reports that the project had stalled',
      now: 'She rejected reports that the project had stalled',
      removed: ['dismissed'],
      added: ['rejected'],
    },
  ]
  for (const row of rows) {
    it(row.what, () => {
      const comparison = compareWording(row.before, row.now)
      expect(comparison.same).toBe(false)
      expect(comparison.before.map((p) => p.text).join('')).toBe(row.before)
      expect(comparison.now.map((p) => p.text).join('')).toBe(row.now)
      expect(comparison.before.filter((p) => p.changed).map((p) => p.text)).toEqual(row.removed)
      expect(comparison.now.filter((p) => p.changed).map((p) => p.text)).toEqual(row.added)
    })
  }

  it('says when only the text around the passage changed', () => {
    expect(compareWording('the same words', 'the same words')).toEqual({
      before: [{ text: 'the same words', changed: false }],
      now: [{ text: 'the same words', changed: false }],
      same: true,
    })
  })

  it('keeps a note to one short line', () => {
    expect(noteExcerpt('Check\n\nthis   figure')).toBe('Check this figure')
    expect(noteExcerpt('x'.repeat(300), 20)).toBe(`${'x'.repeat(19)}…`)
  })
})

describe('what an update did, in words', () => {
  const report = {
    id: 'art-1',
    versionCount: 2,
    anchored: 25,
    drifted: 3,
    orphaned: 2,
    review: ['a', 'b', 'c', 'd', 'e'],
  }
  it('counts in place, changed and orphaned', () => {
    expect(updateCounts(report)).toBe('25 in place, 3 changed wording, 2 orphaned')
    expect(updateCounts({ anchored: 0, drifted: 0, orphaned: 0 })).toBe('0 in place')
    expect(updateCounts({ anchored: 0, drifted: 1, orphaned: 0 })).toBe('1 changed wording')
  })

  it('says which version it is and what needs a look', () => {
    expect(updateMessage(report)).toBe(
      'Updated to version 2: 25 in place, 3 changed wording, 2 orphaned. 5 annotations need a look.',
    )
    expect(updateMessage({ ...report, drifted: 0, orphaned: 0, review: [] })).toBe(
      'Updated to version 2: all 25 annotations are in place.',
    )
    expect(updateMessage({ ...report, anchored: 0, drifted: 0, orphaned: 0, review: [] })).toBe(
      'Updated to version 2. The article has no annotations to carry across.',
    )
  })
})
