/**
 * The on-disk index must answer exactly what a scan of every document
 * answers, for any query over any library, also after updates, removals and
 * a reopen of its file.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { naiveSearch } from '../../../src/main/search/match'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FtsIndex } from '../../../src/main/search/fts-index'
import type { SearchDocument } from '../../../src/main/search/documents'
import { article, WORDS } from './arbitraries'
import { documentsOf, type FixtureArticle } from './fixtures'

const word = fc.constantFrom(...WORDS, 'gr', 'мин', 'ел', 'caf', 'STRA', 'b')
const query = fc
  .record({
    terms: fc.array(word, { maxLength: 2 }),
    phrase: fc.option(fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 2 }), {
      freq: 2,
    }),
    negated: fc.option(word, { freq: 2 }),
    filter: fc.option(
      fc.constantFrom(
        'tag:topic',
        'tag:topic/grain',
        '-tag:entity',
        'tag:тема',
        'kind:claim',
        'kind:highlight',
        'kind:article',
        'status:disputed',
        'claimant:petrova',
        'claimant:барышев',
        'source:reuters',
        'source:ria.ru',
        'article:art-1',
        'has:note',
        '-has:note',
        'anchor:orphaned',
        '-anchor:orphaned',
      ),
      { freq: 2 },
    ),
  })
  .map(({ terms, phrase, negated, filter }) =>
    [...terms, phrase ? `"${phrase.join(' ')}"` : '', negated ? `-${negated}` : '', filter ?? '']
      .filter(Boolean)
      .join(' '),
  )

/** The index and the documents it was given, kept side by side for the reference. */
class Library {
  readonly docs = new Map<string, SearchDocument[]>()
  constructor(public index: FtsIndex) {}
  put(a: FixtureArticle): void {
    const docs = documentsOf(a)
    this.docs.set(a.id, docs)
    this.index.replaceArticle({ id: a.id, title: a.title, source: a.source }, 's', docs)
  }
  remove(id: string): void {
    this.docs.delete(id)
    this.index.removeArticle(id)
  }
  all(): SearchDocument[] {
    return [...this.docs.values()].flat()
  }
}

function check(library: Library, queries: readonly string[]): void {
  for (const q of queries) {
    const expected = naiveSearch(library.all(), q).sort()
    expect(library.index.matchingKeys(q).sort(), q).toEqual(expected)
    const articles = new Set(expected.map((key) => key.split('#')[0]))
    const outcome = library.index.search(q, { limit: 1000 })
    expect(outcome.total, q).toBe(articles.size)
    expect(outcome.groups.map((g) => g.articleId).sort(), q).toEqual([...articles].sort())
    for (const g of outcome.groups) {
      expect(g.hitCount, q).toBe(expected.filter((k) => k.split('#')[0] === g.articleId).length)
    }
  }
}

describe('on-disk index against the naive scan', () => {
  it('agrees on every query, before and after updates, removals and a reopen', () => {
    const dir = mkdtempSync(join(tmpdir(), 'fts-naive-'))
    let run = 0
    try {
      fc.assert(
        fc.property(
          fc.tuple(article('art-0'), article('art-1'), article('art-2'), article('art-3')),
          article('art-1'),
          fc.array(query, { minLength: 5, maxLength: 10 }),
          (articles, replacement, queries) => {
            const path = join(dir, `index-${run++}.sqlite`)
            const library = new Library(new FtsIndex(path))
            try {
              for (const a of articles) library.put(a)
              check(library, queries)
              library.put(replacement)
              check(library, queries)
              library.remove('art-2')
              check(library, queries)
              expect(library.index.matchingKeys('article:art-2')).toEqual([])
              library.index.close()
              library.index = new FtsIndex(path)
              expect(library.index.rebuilt).toBeNull()
              check(library, queries)
            } finally {
              library.index.close()
            }
          },
        ),
        { numRuns: 120 },
      )
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
