/**
 * The index must answer exactly what a scan of every document answers,
 * for any query over any library, also after updates and removals.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { naiveSearch } from '../../../src/main/search/match'
import { SearchIndex } from '../../../src/main/search/search-index'
import { documentsOf, type FixtureAnnotation, type FixtureArticle } from './fixtures'

const WORDS = [
  'grain',
  'grains',
  'corridor',
  'Café',
  'cafe',
  'Straße',
  'strasse',
  'port',
  'portal',
  'Министерство',
  'министр',
  'ёлка',
  'елка',
  'Ещё',
  'зерно',
  'Барышев',
  'BMW',
  '4.2',
  'naïve',
]
const TAGS = ['topic', 'topic/grain', 'topic/grain/wheat', 'entity/BMW', 'тема/зерно']
const STATUSES = ['unverified', 'disputed', 'corroborated']

const sentence = fc
  .array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 })
  .map((w) => w.join(' '))

const article = (id: string): fc.Arbitrary<FixtureArticle> =>
  fc
    .record({
      title: sentence,
      paragraphs: fc.array(sentence, { minLength: 1, maxLength: 3 }),
      source: fc.constantFrom(null, 'Reuters', 'ria.ru'),
      tags: fc.subarray(TAGS),
      note: fc.oneof(fc.constant(''), sentence),
      annotations: fc.array(
        fc.record({
          claim: fc.boolean(),
          tags: fc.subarray(TAGS),
          note: fc.oneof(fc.constant(''), sentence),
          claimant: fc.constantFrom('', 'Anna Petrova', 'Илья Барышев'),
          status: fc.constantFrom(...STATUSES),
          orphan: fc.boolean(),
        }),
        { maxLength: 3 },
      ),
    })
    .map(({ title, paragraphs, source, tags, note, annotations }) => ({
      id,
      title,
      source,
      paragraphs,
      state: { tags, note },
      annotations: annotations.map((a, i): FixtureAnnotation => ({
        id: `ann-${i}`,
        quote: a.orphan ? 'vanished passage' : paragraphs[0]!.split(' ')[0]!,
        orphan: a.orphan,
        tags: a.tags,
        note: a.note,
        ...(a.claim ? { claim: { claimant: a.claimant, status: a.status } } : {}),
      })),
    }))

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

function check(index: SearchIndex, queries: readonly string[]): void {
  for (const q of queries) {
    expect(index.matchingKeys(q).sort(), q).toEqual(naiveSearch(index.documents(), q).sort())
  }
}

describe('index against the naive scan', () => {
  it('agrees on every query, before and after updates and removals', () => {
    fc.assert(
      fc.property(
        fc.tuple(article('art-0'), article('art-1'), article('art-2'), article('art-3')),
        article('art-1'),
        fc.array(query, { minLength: 5, maxLength: 10 }),
        (articles, replacement, queries) => {
          const index = new SearchIndex()
          for (const a of articles) for (const doc of documentsOf(a)) index.upsert(doc)
          check(index, queries)
          index.replaceArticle('art-1', documentsOf(replacement))
          check(index, queries)
          index.removeArticle('art-2')
          check(index, queries)
          expect(naiveSearch(index.documents(), 'article:art-2')).toEqual([])
        },
      ),
      { numRuns: 150 },
    )
  })
})
