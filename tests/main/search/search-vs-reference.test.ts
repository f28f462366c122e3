/**
 * `FtsIndex.search` must give the groups, ranking, hit counts, hits and
 * snippets that the plain definition gives: group `naiveSearch`'s matches by
 * article, rank title matches first, then more hits, then index order, and
 * build each snippet by scanning the field's text from its start.
 *
 * Articles here are long (the index keeps word-pair sketches and word marks
 * for long fields) and mix scripts, punctuation and runs of white space, so
 * every shortcut the index takes is compared with the plain way.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileQuery, needle, naiveSearch, type WordPattern } from '../../../src/main/search/match'
import { MAX_HITS_PER_GROUP } from '../../../src/main/search/fts-index'
import { findHighlights, makeSnippet, SNIPPET_LENGTH } from '../../../src/main/search/snippet'
import type { SearchDocument } from '../../../src/main/search/documents'
import type { SearchField, SearchGroup, SearchHit } from '../../../src/shared/search/types'
import { documentsOf, type FixtureArticle, TestIndex } from './fixtures'

const WORDS = [
  'grain',
  'grains',
  'corridor',
  'Café',
  'Straße',
  'port',
  'portal',
  'Министерство',
  'министр',
  'ёлка',
  'елка',
  'зерно',
  '東京',
  '都',
  'ﬁnance',
  '½',
  'gra\u00adin',
  'cafe\u0301',
  'BMW東京',
  'the',
  'of',
]
const SEPARATORS = [' ', ' ', ' ', ' ', ', ', '. ', '  ', '\n', ' \u00a0', '—', '-']

const sentence = fc
  .array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), {
    minLength: 1,
    maxLength: 12,
  })
  .map((parts) => parts.map(([w, sep]) => w + sep).join(''))

/** Paragraphs long enough (over a kilobyte) for the index's sketches and marks. */
const longParagraph = fc
  .array(sentence, { minLength: 8, maxLength: 30 })
  .map((sentences) => sentences.join(' ') + ' grain corridor.')

const article = (id: string): fc.Arbitrary<FixtureArticle> =>
  fc
    .record({
      title: sentence,
      paragraphs: fc.array(fc.oneof(sentence, longParagraph), { minLength: 1, maxLength: 3 }),
      note: fc.oneof(fc.constant(''), sentence),
      annotations: fc.array(
        fc.record({ claim: fc.boolean(), note: fc.oneof(fc.constant(''), sentence) }),
        { maxLength: 8 },
      ),
    })
    .map(({ title, paragraphs, note, annotations }) => ({
      id,
      title,
      source: null,
      paragraphs,
      state: { note },
      annotations: annotations.map((a, i) => ({
        id: `ann-${i}`,
        quote: paragraphs[0]!.trim().split(/\s+/u)[0]!,
        note: a.note,
        ...(a.claim ? { claim: { claimant: 'Anna Petrova', status: 'disputed' } } : {}),
      })),
    }))

const word = fc.constantFrom(...WORDS, 'gr', 'мин', 'ел', 'caf', 'fin', 'th', '東')
const query = fc
  .record({
    terms: fc.array(word, { maxLength: 2 }),
    phrase: fc.option(fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 3 }), {
      freq: 2,
    }),
    negated: fc.option(word, { freq: 3 }),
    filter: fc.option(
      fc.constantFrom('kind:claim', 'kind:article', '-has:note', 'status:disputed'),
      {
        freq: 3,
      },
    ),
  })
  .map(({ terms, phrase, negated, filter }) =>
    [...terms, phrase ? `"${phrase.join(' ')}"` : '', negated ? `-${negated}` : '', filter ?? '']
      .filter(Boolean)
      .join(' '),
  )

const SNIPPET_ORDER: Readonly<Record<SearchDocument['kind'], readonly SearchField[]>> = {
  article: ['text', 'note', 'title'],
  annotation: ['quote', 'statement', 'claimant', 'attributedVia', 'note'],
}

/** A hit as defined: the first field (in snippet order) with a match, scanned from its start. */
function referenceHit(doc: SearchDocument, patterns: readonly WordPattern[]): SearchHit {
  let chosen = doc.fields.find((f) => f.name === SNIPPET_ORDER[doc.kind][0])
  let spans: [number, number][] = []
  for (const name of SNIPPET_ORDER[doc.kind]) {
    const field = doc.fields.find((f) => f.name === name)
    if (!field) continue
    chosen ??= field
    const found = findHighlights(field.text, patterns, SNIPPET_LENGTH)
    if (found.length > 0) {
      chosen = field
      spans = found
      break
    }
  }
  const { snippet, highlights } = makeSnippet(chosen?.text ?? '', spans)
  return {
    kind: doc.kind,
    ...(doc.annotationId !== null ? { annotationId: doc.annotationId } : {}),
    ...(doc.annotationKind !== null ? { annotationKind: doc.annotationKind } : {}),
    field: chosen?.name ?? SNIPPET_ORDER[doc.kind][0] ?? 'text',
    snippet,
    highlights,
  }
}

/** The search as defined, from `naiveSearch` and the documents in the order they were indexed. */
function referenceSearch(
  documents: readonly SearchDocument[],
  articleOrder: readonly string[],
  q: string,
  limit: number,
  offset = 0,
): { total: number; groups: SearchGroup[]; hitsOf: Map<string, SearchHit[]> } {
  const matching = new Set(naiveSearch(documents, q))
  const patterns = compileQuery(q).required
  const needles = patterns.map(needle)
  const byArticle = new Map<string, SearchDocument[]>()
  for (const doc of documents) {
    if (!matching.has(doc.key)) continue
    byArticle.set(doc.articleId, [...(byArticle.get(doc.articleId) ?? []), doc])
  }
  const ranked = [...byArticle].map(([articleId, docs]) => {
    const own = documents.find((d) => d.key === articleId)
    const title = own?.fields[0]?.name === 'title' ? own.fields[0] : undefined
    const inTitle = title !== undefined && needles.some((n) => title.words.includes(n))
    return { articleId, docs, own, score: (inTitle ? 1000 : 0) + docs.length }
  })
  ranked.sort(
    (a, b) =>
      b.score - a.score || articleOrder.indexOf(a.articleId) - articleOrder.indexOf(b.articleId),
  )
  const hitsOf = new Map(
    ranked.map(({ articleId, docs }) => [articleId, docs.map((d) => referenceHit(d, patterns))]),
  )
  const groups = ranked
    .slice(offset, offset + limit)
    .map(({ articleId, docs, own }): SearchGroup => {
      const title = own?.fields.find((f) => f.name === 'title')?.text ?? articleId
      return {
        articleId,
        title,
        titleHighlights: findHighlights(title, patterns),
        source: own?.source ?? docs[0]?.source ?? null,
        hitCount: docs.length,
        hits: docs.slice(0, MAX_HITS_PER_GROUP).map((doc) => referenceHit(doc, patterns)),
      }
    })
  return { total: ranked.length, groups, hitsOf }
}

describe('search against its definition', () => {
  it('groups, ranks, counts and highlights as the plain scan does', () => {
    fc.assert(
      fc.property(
        fc.tuple(article('art-0'), article('art-1'), article('art-2'), article('art-3')),
        article('art-1'),
        fc.array(query, { minLength: 4, maxLength: 8 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        (articles, replacement, queries, limit, offset) => {
          const index = new TestIndex()
          const order = articles.map((a) => a.id)
          const documents = articles.flatMap(documentsOf)
          for (const doc of documents) index.upsert(doc)
          const check = (docs: readonly SearchDocument[]): void => {
            for (const q of queries) {
              const { hitsOf, ...expected } = referenceSearch(docs, order, q, limit, offset)
              expect(index.search(q, { offset, limit }), q).toEqual(expected)
              // Every matching article, ranked as the pages rank them, and every hit of each.
              expect(index.matchingArticleIds(q), q).toEqual([...hitsOf.keys()])
              for (const [articleId, hits] of hitsOf) {
                expect(index.articleHits(q, articleId, 0, 1000), q).toEqual({
                  total: hits.length,
                  hits,
                })
                expect(index.articleHits(q, articleId, 1, 2), q).toEqual({
                  total: hits.length,
                  hits: hits.slice(1, 3),
                })
              }
            }
          }
          check(documents)
          index.replaceArticle('art-1', documentsOf(replacement))
          // The index's documents in the order they were first indexed, as the ranking has it.
          check([...index.documents()])
        },
      ),
      { numRuns: 60 },
    )
  })
})
