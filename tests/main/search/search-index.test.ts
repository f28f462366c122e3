import { beforeEach, describe, expect, it } from 'vitest'
import { MAX_HITS_PER_GROUP } from '../../../src/main/search/fts-index'
import { naiveSearch } from '../../../src/main/search/match'
import { allDocuments, ARTICLES, documentsOf, TestIndex } from './fixtures'

function indexOf(): TestIndex {
  const index = new TestIndex()
  for (const doc of allDocuments()) index.upsert(doc)
  return index
}

const ROWS: readonly { description: string; query: string; keys: readonly string[] }[] = [
  // Words and prefixes
  { description: 'a whole word', query: 'corridor', keys: ['art-grain', 'art-grain#ann-talks'] },
  { description: 'a word prefix', query: 'corr', keys: ['art-grain', 'art-grain#ann-talks'] },
  { description: 'all words must match', query: 'grain ships', keys: ['art-grain'] },
  {
    description: 'words may be in different fields',
    query: 'petrova contradicted',
    keys: ['art-grain#ann-talks'],
  },
  { description: 'no prefix inside a word', query: 'orridor', keys: [] },
  { description: 'title words', query: 'quotas next year', keys: ['art-steel'] },
  { description: 'an article note', query: 'authority', keys: ['art-grain'] },
  { description: 'an annotation note', query: 'contradicted', keys: ['art-grain#ann-talks'] },
  { description: 'a claimant', query: 'baryshev', keys: ['art-steel#ann-quotas'] },
  { description: 'attributed via', query: 'press office', keys: ['art-grain#ann-talks'] },
  // Case and diacritics
  {
    description: 'upper case query',
    query: 'MINISTRY',
    keys: ['art-grain', 'art-grain#ann-talks'],
  },
  { description: 'cafe finds café', query: 'cafe', keys: ['art-grain'] },
  { description: 'café finds café', query: 'CAFÉ', keys: ['art-grain'] },
  { description: 'strasse finds Straße', query: 'strasse', keys: ['art-steel'] },
  { description: 'straße finds Straße', query: 'Straße', keys: ['art-steel'] },
  { description: 'naive finds naïve', query: 'naive', keys: ['art-steel'] },
  // Cyrillic
  {
    description: 'a Cyrillic prefix',
    query: 'мин',
    keys: ['art-ru', 'art-ru#ann-ru-claim'],
  },
  { description: 'Cyrillic in any case', query: 'МИНИСТЕРСТВО', keys: ['art-ru'] },
  {
    description: 'елка finds ёлка and елка',
    query: 'елка',
    keys: ['art-ru', 'art-ru#ann-ru-tree'],
  },
  { description: 'ёлка finds елка too', query: 'ёлка', keys: ['art-ru', 'art-ru#ann-ru-tree'] },
  { description: 'еще finds ещё', query: 'еще', keys: ['art-ru'] },
  { description: 'a Cyrillic claimant', query: 'барышев', keys: ['art-ru', 'art-ru#ann-ru-claim'] },
  {
    description: 'a Cyrillic phrase',
    query: '"новых поставках"',
    keys: ['art-ru', 'art-ru#ann-ru-claim'],
  },
  { description: 'Latin does not match Cyrillic', query: 'ministerstvo', keys: [] },
  // Phrases
  {
    description: 'a phrase',
    query: '"grain corridor"',
    keys: ['art-grain', 'art-grain#ann-talks'],
  },
  { description: 'phrase words out of order do not match', query: '"corridor grain"', keys: [] },
  { description: 'a phrase is whole words', query: '"grain corr"', keys: [] },
  {
    description: 'a phrase ignores punctuation',
    query: '"quotas RIA Novosti"',
    keys: ['art-steel'],
  },
  { description: 'a word with punctuation is a phrase', query: 'kherson-based', keys: [] },
  // Negation
  {
    description: 'a negated word',
    query: 'grain -ships',
    keys: ['art-grain#ann-talks', 'art-steel'],
  },
  {
    description: 'a negated prefix',
    query: 'grain -ship',
    keys: ['art-grain#ann-talks', 'art-steel'],
  },
  { description: 'a negated phrase', query: 'grain -"grain corridor"', keys: ['art-steel'] },
  // Filters
  {
    description: 'tag includes its children',
    query: 'tag:topic/agriculture',
    keys: ['art-grain', 'art-grain#ann-talks'],
  },
  {
    description: 'tag is case-insensitive',
    query: 'tag:TOPIC/trade',
    keys: ['art-steel#ann-quotas'],
  },
  {
    description: 'a child tag alone',
    query: 'tag:topic/agriculture/grain',
    keys: ['art-grain#ann-talks'],
  },
  {
    description: 'a tag with spaces',
    query: 'tag:"entity/person/anna petrova"',
    keys: ['art-grain#ann-talks'],
  },
  {
    description: 'a Cyrillic tag with children',
    query: 'tag:тема',
    keys: ['art-ru', 'art-ru#ann-ru-claim'],
  },
  { description: 'a tag is not a prefix of a segment', query: 'tag:top', keys: [] },
  {
    description: 'negated tag',
    query: 'port -tag:topic/shipping',
    keys: ['art-grain', 'art-grain#ann-talks'],
  },
  {
    description: 'kind:claim',
    query: 'kind:claim',
    keys: [
      'art-grain#ann-talks',
      'art-grain#ann-orphan',
      'art-steel#ann-quotas',
      'art-ru#ann-ru-claim',
    ],
  },
  {
    description: 'kind:highlight',
    query: 'kind:highlight',
    keys: ['art-grain#ann-ships', 'art-ru#ann-ru-tree'],
  },
  {
    description: 'kind:article with a word',
    query: 'kind:article grain',
    keys: ['art-grain', 'art-steel'],
  },
  { description: 'kind with text', query: 'kind:claim grain', keys: ['art-grain#ann-talks'] },
  {
    description: 'claim status',
    query: 'status:disputed',
    keys: ['art-grain#ann-talks', 'art-ru#ann-ru-claim'],
  },
  { description: 'article status', query: 'status:done', keys: ['art-grain'] },
  { description: 'claimant by surname', query: 'claimant:petrova', keys: ['art-grain#ann-talks'] },
  {
    description: 'claimant by full name',
    query: 'claimant:"anna petrova"',
    keys: ['art-grain#ann-talks'],
  },
  {
    description: 'a Cyrillic claimant filter',
    query: 'claimant:барышев',
    keys: ['art-ru#ann-ru-claim'],
  },
  {
    description: 'claimant excludes highlights',
    query: 'claimant:harbour',
    keys: ['art-grain#ann-orphan'],
  },
  {
    description: 'source',
    query: 'source:reuters corridor',
    keys: ['art-grain', 'art-grain#ann-talks'],
  },
  {
    description: 'source with punctuation',
    query: 'source:ria.ru kind:claim',
    keys: ['art-ru#ann-ru-claim'],
  },
  {
    description: 'source by a word of it',
    query: 'source:novosti kind:article',
    keys: ['art-steel'],
  },
  {
    description: 'article',
    query: 'article:art-steel',
    keys: ['art-steel', 'art-steel#ann-quotas'],
  },
  {
    description: 'has:note',
    query: 'has:note',
    keys: ['art-grain', 'art-grain#ann-talks', 'art-ru#ann-ru-claim'],
  },
  { description: 'anchor:orphaned', query: 'anchor:orphaned', keys: ['art-grain#ann-orphan'] },
  {
    description: 'anchor:anchored',
    query: 'anchor:anchored tag:topic/shipping',
    keys: ['art-grain#ann-ships'],
  },
  {
    description: 'negated anchor keeps articles',
    query: 'harbour -anchor:orphaned',
    keys: ['art-grain'],
  },
  { description: 'an unknown filter value matches nothing', query: 'kind:banana', keys: [] },
  {
    description: 'filters combine',
    query: 'kind:claim status:disputed tag:тема',
    keys: ['art-ru#ann-ru-claim'],
  },
  // Nothing asked
  { description: 'an empty query', query: '   ', keys: [] },
  { description: 'punctuation only', query: '!!! ...', keys: [] },
]

describe('SearchIndex', () => {
  let index: TestIndex
  beforeEach(() => {
    index = indexOf()
  })

  for (const row of ROWS) {
    it(`${row.description}: ${row.query}`, () => {
      const keys = index.matchingKeys(row.query).sort()
      expect(keys).toEqual([...row.keys].sort())
      expect(naiveSearch(index.documents(), row.query).sort()).toEqual(keys)
    })
  }

  it('groups hits by article, the article first, with highlighted snippets', () => {
    const { total, groups } = index.search('grain corridor')
    expect(total).toBe(1)
    const [group] = groups
    expect(group).toMatchObject({
      articleId: 'art-grain',
      title: 'Ministry Confirms Grain Corridor Talks',
      source: 'Reuters',
      hitCount: 2,
    })
    expect(group!.titleHighlights.map(([s, e]) => group!.title.slice(s, e))).toEqual([
      'Grain',
      'Corridor',
    ])
    const [articleHit, claimHit] = group!.hits
    expect(articleHit).toMatchObject({ kind: 'article', field: 'text' })
    expect(articleHit!.highlights.map(([s, e]) => articleHit!.snippet.slice(s, e))).toEqual([
      'grain',
      'corridor',
    ])
    expect(claimHit).toMatchObject({
      kind: 'annotation',
      annotationId: 'ann-talks',
      annotationKind: 'claim',
      field: 'quote',
      snippet: 'talks on the grain corridor will resume',
    })
  })

  it('highlights a phrase as one range and a prefix as the whole word', () => {
    const phrase = index.search('"grain corridor"').groups[0]!.hits[0]!
    expect(phrase.highlights.map(([s, e]) => phrase.snippet.slice(s, e))).toEqual([
      'grain corridor',
    ])
    const ru = index.search('мин').groups[0]!
    expect(ru.titleHighlights.map(([s, e]) => ru.title.slice(s, e))).toEqual(['Министерство'])
    const note = ru.hits.find((h) => h.annotationId === 'ann-ru-claim')!
    expect(note.field).toBe('note')
    expect(note.highlights.map(([s, e]) => note.snippet.slice(s, e))).toEqual(['Минобороны'])
  })

  it('highlights the original spelling when the query is folded', () => {
    const hit = index.search('елка').groups[0]!.hits[0]!
    expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['ёлка', 'елка'])
    const steel = index.search('strasse').groups[0]!.hits[0]!
    expect(steel.highlights.map(([s, e]) => steel.snippet.slice(s, e))).toEqual(['Straße'])
  })

  it('cuts long texts to a snippet around the first match', () => {
    const index = new TestIndex()
    const filler = 'Lorem ipsum dolor sit amet, consectetur adipiscing elit. '.repeat(20)
    for (const doc of documentsOf({
      id: 'art-long',
      title: 'Long',
      source: null,
      paragraphs: [`${filler}The needle is here.\n\nIt continues. ${filler}`],
    })) {
      index.upsert(doc)
    }
    const hit = index.search('needle').groups[0]!.hits[0]!
    expect(hit.snippet.startsWith('…')).toBe(true)
    expect(hit.snippet.endsWith('…')).toBe(true)
    expect(hit.snippet.length).toBeLessThanOrEqual(170)
    expect(hit.snippet).toContain('The needle is here. It continues.')
    expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['needle'])
  })

  it('ranks title matches first and limits the groups', () => {
    const result = index.search('grain', { limit: 1 })
    expect(result.total).toBe(2)
    expect(result.groups.map((g) => g.articleId)).toEqual(['art-grain'])
    expect(index.search('grain').groups.map((g) => g.articleId)).toEqual(['art-grain', 'art-steel'])
    // Without a title match, more hits rank higher.
    expect(index.search('kind:claim').groups.map((g) => [g.articleId, g.hitCount])).toEqual([
      ['art-grain', 2],
      ['art-steel', 1],
      ['art-ru', 1],
    ])
  })

  it('lists the first hits of a group and counts them all', () => {
    const index = new TestIndex()
    const quotes = Array.from({ length: MAX_HITS_PER_GROUP + 3 }, (_, i) => `grain shipment ${i}`)
    for (const doc of documentsOf({
      id: 'art-many',
      title: 'Shipments',
      source: null,
      paragraphs: quotes,
      annotations: quotes.map((quote, i) => ({ id: `ann-${i}`, quote })),
    })) {
      index.upsert(doc)
    }
    const [group] = index.search('grain').groups
    expect(group!.hitCount).toBe(quotes.length + 1)
    expect(group!.hits.map((h) => h.annotationId ?? 'article')).toEqual(
      ['article', ...quotes.map((_, i) => `ann-${i}`)].slice(0, MAX_HITS_PER_GROUP),
    )
  })

  it('pages through every match in the order of one large search', () => {
    const index = new TestIndex()
    // 137 articles with 1-4 matching annotations each, some with the word in the title: ties and bonuses.
    for (let a = 0; a < 137; a++) {
      const quotes = Array.from({ length: (a * 7) % 4 }, (_, i) => `grain lot ${a}-${i}`)
      for (const doc of documentsOf({
        id: `art-${a}`,
        title: a % 5 === 0 ? `Grain report ${a}` : `Report ${a}`,
        source: null,
        paragraphs: [a % 3 === 0 ? 'nothing here' : `grain moved ${a}`, ...quotes],
        annotations: quotes.map((quote, i) => ({ id: `ann-${a}-${i}`, quote })),
      })) {
        index.upsert(doc)
      }
    }
    const all = index.search('grain', { limit: 1000 })
    expect(all.total).toBeGreaterThan(100)
    expect(all.groups).toHaveLength(all.total)
    for (const size of [1, 7, 50]) {
      const paged = []
      for (let offset = 0; offset < all.total; offset += size) {
        const page = index.search('grain', { offset, limit: size })
        expect(page.total).toBe(all.total)
        expect(page.groups.length).toBe(Math.min(size, all.total - offset))
        paged.push(...page.groups)
      }
      expect(paged).toEqual(all.groups)
    }
    expect(index.search('grain', { offset: all.total, limit: 50 })).toEqual({
      total: all.total,
      groups: [],
    })
    expect(index.matchingArticleIds('grain')).toEqual(all.groups.map((g) => g.articleId))
    expect(index.matchingArticleIds('nomatchword')).toEqual([])
  })

  it('lists every hit of one article, a page at a time', () => {
    const index = new TestIndex()
    const quotes = Array.from({ length: 23 }, (_, i) => `grain shipment ${i}`)
    for (const doc of documentsOf({
      id: 'art-many',
      title: 'Shipments',
      source: null,
      paragraphs: [...quotes, 'steel'],
      annotations: [
        ...quotes.map((quote, i) => ({ id: `ann-${i}`, quote })),
        { id: 'ann-other', quote: 'steel' },
      ],
    })) {
      index.upsert(doc)
    }
    const [group] = index.search('grain').groups
    const all = index.articleHits('grain', 'art-many', 0, 100)
    expect(all.total).toBe(group!.hitCount)
    expect(all.hits.map((h) => h.annotationId ?? 'article')).toEqual([
      'article',
      ...quotes.map((_, i) => `ann-${i}`),
    ])
    expect(all.hits.slice(0, MAX_HITS_PER_GROUP)).toEqual(group!.hits)
    const pages = [0, 10, 20].flatMap(
      (offset) => index.articleHits('grain', 'art-many', offset, 10).hits,
    )
    expect(pages).toEqual(all.hits)
    expect(index.articleHits('grain', 'art-none', 0, 10)).toEqual({ total: 0, hits: [] })
  })

  it('highlights a Han character that follows another', () => {
    const index = new TestIndex()
    for (const doc of documentsOf({
      id: 'art-jp',
      title: '発表',
      source: null,
      paragraphs: ['東京都の発表'],
    })) {
      index.upsert(doc)
    }
    const hit = index.search('京').groups[0]!.hits[0]!
    expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['京'])
  })

  it('keeps a kana with its voicing, also next to a Latin letter', () => {
    const index = new TestIndex()
    for (const doc of documentsOf({
      id: 'art-kana',
      title: 'ガイドブックA',
      source: null,
      paragraphs: ['新しいガイドブックAが出た'],
    })) {
      index.upsert(doc)
    }
    expect(index.search('ガイドブックa').total).toBe(1)
    const hit = index.search('ガイド').groups[0]!.hits[0]!
    expect(hit.highlights.map(([s, e]) => hit.snippet.slice(s, e))).toEqual(['ガイド'])
    // か and が are different letters to a Japanese reader, as и and й are to a Russian one.
    expect(index.search('カイド').total).toBe(0)
  })

  it('shows filter-only matches with a snippet and no highlights', () => {
    const { groups } = index.search('anchor:orphaned')
    expect(groups[0]!.hits).toEqual([
      {
        kind: 'annotation',
        annotationId: 'ann-orphan',
        annotationKind: 'claim',
        field: 'quote',
        snippet: 'a passage that was edited away',
        highlights: [],
      },
    ])
  })

  it('updates, replaces and removes documents incrementally', () => {
    const [article, ...annotations] = documentsOf(ARTICLES[0]!)
    const talks = annotations.find((d) => d.annotationId === 'ann-talks')!
    index.upsert({
      ...talks,
      fields: talks.fields.map((f) =>
        f.name === 'note' ? { ...f, text: 'Confirmed by Lloyd', words: ' confirmed by lloyd ' } : f,
      ),
      meta: { ...talks.meta, hasNote: true, status: 'corroborated' },
    })
    expect(index.matchingKeys('contradicted')).toEqual([])
    expect(index.matchingKeys('lloyd')).toEqual(['art-grain#ann-talks'])
    expect(index.matchingKeys('status:corroborated').sort()).toEqual([
      'art-grain#ann-talks',
      'art-steel#ann-quotas',
    ])
    index.replaceArticle('art-grain', [article!])
    expect(index.matchingKeys('lloyd')).toEqual([])
    expect(index.matchingKeys('corridor')).toEqual(['art-grain'])
    index.removeArticle('art-grain')
    expect(index.matchingKeys('corridor')).toEqual([])
    expect(index.fts.hasArticle('art-grain')).toBe(false)
    expect(index.size).toBe(allDocuments().length - 4)
  })
})
