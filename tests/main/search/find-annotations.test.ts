/**
 * The claim-link picker served from the search index must find exactly the
 * annotations the plain rule finds: every query word begins a word of the
 * quote, claim, claimant, attribution, tags or note, folded alike.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { matchesWords, searchWords } from '../../../src/shared/search/fold'
import { FtsIndex } from '../../../src/main/search/fts-index'
import type { SearchDocument } from '../../../src/main/search/documents'
import { article, WORDS } from './arbitraries'
import { documentsOf } from './fixtures'

const query = fc
  .array(fc.constantFrom(...WORDS, 'gr', 'мин', 'ел', 'caf', 'STRA', 'b', 'topic', 'тем', 'pet'), {
    maxLength: 3,
  })
  .map((w) => w.join(' '))

/** The rule, applied to the documents the index was given. */
function reference(docs: readonly SearchDocument[], q: string, kind: 'highlight' | 'claim' | null) {
  const words = searchWords(q)
  return docs
    .filter((d) => d.picker !== null && (kind === null || d.annotationKind === kind))
    .filter((d) =>
      matchesWords(
        words,
        searchWords([...d.fields.map((f) => f.text), d.picker!.tags.join(' ')].join('\n')),
      ),
    )
    .map((d) => d.key)
}

describe('claim-link picker from the index', () => {
  it('finds what the plain rule finds, for any library and query', () => {
    fc.assert(
      fc.property(
        fc.tuple(article('art-0'), article('art-1'), article('art-2')),
        fc.array(fc.tuple(query, fc.constantFrom(null, 'highlight' as const, 'claim' as const)), {
          minLength: 3,
          maxLength: 8,
        }),
        (articles, queries) => {
          const index = new FtsIndex(':memory:')
          try {
            const docs: SearchDocument[] = []
            for (const a of articles) {
              const mine = documentsOf(a)
              docs.push(...mine)
              index.replaceArticle({ id: a.id, title: a.title, source: a.source }, 's', mine)
            }
            for (const [q, kind] of queries) {
              const found = index.findAnnotations(searchWords(q), kind, 1000)
              expect(found.map((f) => `${f.articleId}#${f.annotationId}`).sort(), q).toEqual(
                reference(docs, q, kind).sort(),
              )
              // Most recent first, then by id (all fixtures share one time).
              const ids = found.map((f) => f.annotationId)
              expect(ids, q).toEqual([...ids].sort())
            }
          } finally {
            index.close()
          }
        },
      ),
      { numRuns: 100 },
    )
  })
})
