import { describe, expect, it } from 'vitest'
import {
  articleDate,
  countLabel,
  formatDate,
  matchesFilter,
  nextIndex,
  NO_FILTER,
  tagsInUse,
  viewArticles,
} from '../../src/renderer/src/features/library/library-view'
import type { ArticleSummary } from '../../src/shared/ipc/contract'

function article(id: string, overrides: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id,
    title: `Title ${id}`,
    titleDerived: false,
    source: null,
    byline: null,
    publishedAt: null,
    url: null,
    citations: [],
    fileName: null,
    importedAt: '2026-11-01T00:00:00.000Z',
    contentHash: `h-${id}`,
    wordCount: 1,
    status: 'unread',
    tags: [],
    annotationCount: 0,
    damaged: null,
    claimCount: 0,
    language: null,
    edited: [],
    trashedAt: null,
    versionCount: 1,
    importWarning: null,
    ...overrides,
  }
}

const A = article('a', {
  title: 'banana',
  importedAt: '2026-11-03T00:00:00.000Z',
  publishedAt: '2020-01-01T00:00:00.000Z',
  status: 'done',
  tags: ['econ', 'food'],
  annotationCount: 2,
  claimCount: 1,
})
const B = article('b', {
  title: 'Apple 10',
  importedAt: '2026-11-01T00:00:00.000Z',
  status: 'reading',
  tags: ['econ'],
  annotationCount: 5,
})
const C = article('c', {
  title: 'apple 9',
  importedAt: '2026-11-02T00:00:00.000Z',
  publishedAt: '2024-05-05T00:00:00.000Z',
  annotationCount: 2,
  claimCount: 3,
})
const ALL = [A, B, C]
const ids = (list: readonly ArticleSummary[]) => list.map((a) => a.id)

describe('viewArticles', () => {
  it('sorts by import, newest first', () => {
    expect(ids(viewArticles(ALL, NO_FILTER, 'imported'))).toEqual(['a', 'c', 'b'])
  })

  it('sorts by publication, newest first, undated last', () => {
    expect(ids(viewArticles(ALL, NO_FILTER, 'published'))).toEqual(['c', 'a', 'b'])
  })

  it('sorts titles case-insensitively with numbers in number order', () => {
    expect(ids(viewArticles(ALL, NO_FILTER, 'title'))).toEqual(['c', 'b', 'a'])
  })

  it('sorts by annotations, then claims', () => {
    expect(ids(viewArticles(ALL, NO_FILTER, 'annotated'))).toEqual(['b', 'c', 'a'])
  })

  it('leaves its input alone', () => {
    const input = [...ALL]
    viewArticles(input, NO_FILTER, 'title')
    expect(ids(input)).toEqual(['a', 'b', 'c'])
  })

  it('ORs statuses and ANDs tags, and combines the two', () => {
    expect(ids(viewArticles(ALL, { statuses: ['done', 'reading'], tags: [] }, 'title'))).toEqual([
      'b',
      'a',
    ])
    expect(ids(viewArticles(ALL, { statuses: [], tags: ['econ', 'food'] }, 'title'))).toEqual(['a'])
    expect(ids(viewArticles(ALL, { statuses: ['reading'], tags: ['econ'] }, 'title'))).toEqual([
      'b',
    ])
    expect(matchesFilter(C, { statuses: ['unread'], tags: ['econ'] })).toBe(false)
  })
})

describe('library helpers', () => {
  it('shows the published date, else the imported one', () => {
    expect(articleDate(A)).toEqual({ kind: 'published', iso: A.publishedAt })
    expect(articleDate(B)).toEqual({ kind: 'imported', iso: B.importedAt })
    expect(formatDate('2026-11-03T00:00:00.000Z')).toBe('3 Nov 2026')
    expect(formatDate('sometime')).toBe('sometime')
  })

  it('counts tags, most used first', () => {
    expect(tagsInUse(ALL)).toEqual([
      { tag: 'econ', count: 2 },
      { tag: 'food', count: 1 },
    ])
  })

  it('takes a composed and a decomposed spelling of a tag as one tag', () => {
    const older = article('d', { tags: ['Cafe\u0301'] })
    const newer = article('e', { tags: ['caf\u00e9'] })
    const plain = article('f', { tags: ['Cafe'] })
    expect(tagsInUse([older, newer, plain])).toEqual([
      { tag: 'Cafe\u0301', count: 2 },
      { tag: 'Cafe', count: 1 },
    ])
    expect(
      ids(viewArticles([older, newer, plain], { statuses: [], tags: ['Cafe\u0301'] }, 'title')),
    ).toEqual(['d', 'e'])
  })

  it('labels the count', () => {
    expect(countLabel(10_000, 10_000)).toBe('10,000 articles')
    expect(countLabel(1, 1)).toBe('1 article')
    expect(countLabel(1_234, 10_000)).toBe('1,234 of 10,000')
  })

  it('moves the active row with the navigation keys, clamped', () => {
    expect(nextIndex('ArrowDown', -1, 10, 4)).toBe(0)
    expect(nextIndex('ArrowDown', 9, 10, 4)).toBe(9)
    expect(nextIndex('ArrowUp', 0, 10, 4)).toBe(0)
    expect(nextIndex('Home', 5, 10, 4)).toBe(0)
    expect(nextIndex('End', 5, 10, 4)).toBe(9)
    expect(nextIndex('PageDown', 7, 10, 4)).toBe(9)
    expect(nextIndex('PageUp', 2, 10, 4)).toBe(0)
    expect(nextIndex('PageDown', 1, 10, 4)).toBe(5)
    expect(nextIndex('x', 1, 10, 4)).toBeNull()
    expect(nextIndex('End', -1, 0, 4)).toBeNull()
  })
})
