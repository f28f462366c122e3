import { describe, expect, it } from 'vitest'
import { searchStatus, shownOfTotal } from '../../src/renderer/src/features/search/search-status'
import type { SearchGroup, SearchResults } from '../../src/shared/search/types'

function groups(n: number): SearchGroup[] {
  return Array.from({ length: n }, (_, i) => ({
    articleId: `art-${i}`,
    title: `Article ${i}`,
    titleHighlights: [],
    source: null,
    hitCount: 1,
    hits: [],
  }))
}

function results(extra: Partial<SearchResults> & { total: number; shown?: number }): SearchResults {
  const { shown, ...rest } = extra
  return { ready: true, offset: 0, groups: groups(shown ?? extra.total), ...rest }
}

describe('searchStatus', () => {
  it.each<[string, SearchResults | null, string]>([
    ['before the first answer', null, 'Searching…'],
    ['nothing found', results({ total: 0 }), 'No matches'],
    ['one article', results({ total: 1 }), '1 article match'],
    ['all shown', results({ total: 3 }), '3 articles match'],
    ['a page of many', results({ total: 1234, shown: 50 }), '1,234 articles match'],
    [
      'partial, with progress',
      results({ ready: false, progress: { indexed: 400, articles: 10_000 }, total: 3 }),
      'Indexing 400 of 10,000 articles… so far 3 articles match',
    ],
    [
      'partial, a page of many',
      results({ ready: false, progress: { indexed: 275, articles: 3000 }, total: 260, shown: 50 }),
      'Indexing 275 of 3,000 articles… so far 260 articles match',
    ],
    [
      'partial, nothing yet',
      results({ ready: false, progress: { indexed: 0, articles: 12 }, total: 0 }),
      'Indexing 0 of 12 articles… no matches yet',
    ],
    [
      'partial, no progress known',
      results({ ready: false, total: 2 }),
      'Indexing… so far 2 articles match',
    ],
  ])('%s', (_name, input, expected) => {
    expect(searchStatus(input)).toBe(expected)
  })
})

describe('shownOfTotal', () => {
  it('says how many of how many articles are shown', () => {
    expect(shownOfTotal(50, 851)).toBe('50 of 851 articles shown')
    expect(shownOfTotal(1000, 12_345)).toBe('1,000 of 12,345 articles shown')
    expect(shownOfTotal(0, 1)).toBe('0 of 1 article shown')
  })
})
