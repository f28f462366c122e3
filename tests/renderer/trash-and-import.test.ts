import { describe, expect, it } from 'vitest'
import type { ArticleSummary, ImportOutcome } from '../../src/shared/ipc/contract'
import {
  importSummary,
  matchedByText,
  updateChoiceLabel,
} from '../../src/renderer/src/features/import/import-summary'
import {
  describeTrashContents,
  neighbourAfterRemoval,
  trashContents,
  trashedMessage,
  trashedWhen,
} from '../../src/renderer/src/features/trash/trash-words'
import { versionOption } from '../../src/renderer/src/features/versions/version-words'
import type { ArticleVersion } from '../../src/shared/domain/article'

describe('the article after one leaves the list', () => {
  const rows: [string, string[], string, string | null][] = [
    ['the next one', ['a', 'b', 'c'], 'b', 'c'],
    ['the one before, at the end', ['a', 'b', 'c'], 'c', 'b'],
    ['none, when it was the only one', ['a'], 'a', null],
    ['none, when it was not shown', ['a', 'b'], 'x', null],
  ]
  for (const [what, ids, id, next] of rows) {
    it(`is ${what}`, () => expect(neighbourAfterRemoval(ids, id)).toBe(next))
  }
})

describe('what the trash says', () => {
  it('says how many links from other articles now point into the trash', () => {
    expect(trashedMessage('Junk', 0)).toBe('Moved “Junk” to the trash.')
    expect(trashedMessage('Junk', 1)).toBe(
      'Moved “Junk” to the trash. 1 link from another article now points to it.',
    )
    expect(trashedMessage('Junk', 3)).toBe(
      'Moved “Junk” to the trash. 3 links from other articles now point to it.',
    )
  })

  const summary = (annotationCount: number, claimCount: number, damaged = false) =>
    ({
      annotationCount,
      claimCount,
      damaged: damaged ? { part: 'annotations', reason: 'truncated' } : null,
    }) as ArticleSummary

  it('counts exactly what emptying removes for good', () => {
    const rows: [ArticleSummary[], string][] = [
      [[summary(0, 0)], '1 article'],
      [[summary(1, 1)], '1 article and its 1 annotation (a claim)'],
      [[summary(5, 0), summary(7, 4)], '2 articles and their 12 annotations (4 of them claims)'],
      [[summary(2, 2), summary(1, 1)], '2 articles and their 3 annotations (all of them claims)'],
      [
        [summary(3, 1), summary(0, 0, true)],
        '2 articles and their 3 annotations (1 of them a claim), and the annotations of 1 article whose annotation file cannot be read',
      ],
    ]
    for (const [trash, text] of rows) expect(describeTrashContents(trashContents(trash))).toBe(text)
  })

  it('says when an article was trashed', () => {
    const now = new Date('2026-12-08T09:00:00.000Z')
    expect(trashedWhen('2026-12-07T12:20:00.000Z', 'en-GB', now)).toMatch(/^7 Dec, \d\d:\d\d$/)
    expect(trashedWhen('2025-06-07T12:20:00.000Z', 'en-GB', now)).toMatch(/^7 Jun 2025, \d\d:\d\d$/)
    expect(trashedWhen(null)).toBe('')
  })
})

describe('the import report', () => {
  const outcomes: ImportOutcome[] = [
    { status: 'imported', name: 'a.txt', id: 'a', title: 'A' },
    {
      status: 'matches',
      name: 'b.txt',
      pendingId: 'pending-1',
      id: 'b',
      title: 'B',
      annotationCount: 12,
      matchedBy: 'url',
    },
    {
      status: 'updated',
      name: 'c.txt',
      id: 'c',
      title: 'C',
      update: { id: 'c', versionCount: 2, anchored: 1, drifted: 0, orphaned: 0, review: [] },
    },
    { status: 'rejected', name: 'd.bin', reason: 'not text' },
  ]

  it('sums up each kind of outcome, a file waiting for a choice too', () => {
    expect(importSummary(outcomes)).toBe(
      '1 imported · 1 updated · 1 needs your choice · 1 rejected',
    )
    expect(importSummary([])).toBe('')
  })

  it('words the choice for a file that looks like a new version', () => {
    expect(matchedByText('url')).toBe('same URL')
    expect(matchedByText('title and source')).toBe('same title and source')
    expect(updateChoiceLabel(12)).toBe('Update the existing article (keep its 12 annotations)')
    expect(updateChoiceLabel(1)).toBe('Update the existing article (keep its annotation)')
    expect(updateChoiceLabel(0)).toBe('Update the existing article')
  })
})

describe('the version picker', () => {
  const version = (addedAt: string) => ({ addedAt }) as ArticleVersion
  it('names the current version, and the day of the others', () => {
    const versions = [version('2026-12-05T14:02:00.000Z'), version('2026-12-07T09:00:00.000Z')]
    expect(versionOption(versions, 1)).toBe('Version 2 of 2 (current)')
    expect(versionOption(versions, 0, 'en-GB')).toBe('Version 1 of 2 · 5 Dec 2026')
  })

  it('adds the time when another version came the same day', () => {
    const versions = [version('2026-12-07T08:02:00.000Z'), version('2026-12-07T11:00:00.000Z')]
    expect(versionOption(versions, 0, 'en-GB')).toMatch(/^Version 1 of 2 · 7 Dec 2026, \d\d:\d\d$/)
  })
})
