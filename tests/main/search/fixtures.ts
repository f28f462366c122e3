/**
 * A small hand-made library for search tests: articles in English and
 * Russian, with highlights, claims, notes, nested tags and one orphan.
 */
import { describeSpan } from '../../../src/shared/anchoring'
import { articleText, type Block } from '../../../src/shared/domain/article'
import type { Annotation, Claim } from '../../../src/shared/domain/annotation'
import {
  articleDocuments,
  type ArticleSearchSource,
  type ArticleSearchState,
  type SearchDocument,
} from '../../../src/main/search/documents'
import { FtsIndex, type SearchOutcome, type SearchPage } from '../../../src/main/search/fts-index'
import type { IndexJob } from '../../../src/main/search/search-protocol'

export interface FixtureArticle {
  readonly id: string
  readonly title: string
  readonly source: string | null
  readonly paragraphs: readonly string[]
  readonly state?: Partial<ArticleSearchState>
  readonly annotations?: readonly FixtureAnnotation[]
}

export interface FixtureAnnotation {
  readonly id: string
  /** The exact passage; it must occur in the article text unless `orphan` is set. */
  readonly quote: string
  readonly orphan?: boolean
  readonly tags?: readonly string[]
  readonly note?: string
  readonly claim?: Partial<Claim>
}

function blocksOf(paragraphs: readonly string[]): Block[] {
  return paragraphs.map((text) => ({ type: 'paragraph' as const, text }))
}

function annotationOf(article: FixtureArticle, a: FixtureAnnotation): Annotation {
  const text = article.paragraphs.join('\n\n')
  const hash = `hash-${article.id}`
  let target
  if (a.orphan) {
    // Made on an older text whose passage is gone from this one.
    const old = `Earlier text. ${a.quote}. More text.`
    target = describeSpan(old, 14, 14 + a.quote.length, 'hash-older')
  } else {
    const start = text.indexOf(a.quote)
    if (start < 0) throw new Error(`fixture quote not in ${article.id}: ${a.quote}`)
    target = describeSpan(text, start, start + a.quote.length, hash)
  }
  return {
    id: a.id,
    articleId: article.id,
    target,
    kind: a.claim ? 'claim' : 'highlight',
    tags: [...(a.tags ?? [])],
    note: a.note ?? '',
    claim: a.claim
      ? {
          statement: a.quote,
          claimant: '',
          claimantType: null,
          attributedVia: '',
          claimDate: null,
          status: 'unverified',
          confidence: 'medium',
          links: [],
          ...a.claim,
        }
      : null,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  }
}

function stateOf(article: FixtureArticle): ArticleSearchState {
  return {
    status: article.state?.status ?? 'unread',
    tags: article.state?.tags ?? [],
    note: article.state?.note ?? '',
    annotations: (article.annotations ?? []).map((a) => annotationOf(article, a)),
  }
}

function sourceOf(article: FixtureArticle): ArticleSearchSource {
  return {
    id: article.id,
    title: article.title,
    source: article.source,
    contentHash: `hash-${article.id}`,
  }
}

/** The documents of one fixture article. */
export function documentsOf(article: FixtureArticle): SearchDocument[] {
  return articleDocuments(sourceOf(article), blocksOf(article.paragraphs), stateOf(article))
}

/** One fixture article as the library side sends it to the search host. */
export function indexJobOf(article: FixtureArticle): IndexJob {
  return {
    entry: sourceOf(article),
    text: articleText(blocksOf(article.paragraphs)),
    state: stateOf(article),
    stamp: `stamp-${article.id}`,
  }
}

export const ARTICLES: readonly FixtureArticle[] = [
  {
    id: 'art-grain',
    title: 'Ministry Confirms Grain Corridor Talks',
    source: 'Reuters',
    paragraphs: [
      'Officials confirmed on Monday that talks on the grain corridor will resume, said Anna Petrova, a ministry spokeswoman.',
      'She added that 12 ships were waiting in port, and that the café near the harbour had closed.',
    ],
    state: {
      status: 'done',
      tags: ['topic/agriculture'],
      note: 'Follow up with the port authority.',
    },
    annotations: [
      {
        id: 'ann-talks',
        quote: 'talks on the grain corridor will resume',
        tags: ['topic/agriculture/grain', 'entity/person/Anna Petrova'],
        claim: {
          claimant: 'Anna Petrova',
          claimantType: null,
          attributedVia: 'the ministry press office',
          status: 'disputed',
        },
        note: 'Contradicted by the port statement.',
      },
      { id: 'ann-ships', quote: '12 ships were waiting in port', tags: ['topic/shipping'] },
      {
        id: 'ann-orphan',
        quote: 'a passage that was edited away',
        orphan: true,
        tags: ['topic/shipping'],
        claim: { claimant: 'Harbour Master', status: 'unverified' },
      },
    ],
  },
  {
    id: 'art-steel',
    title: 'Steel Quotas Extended Into Next Year',
    source: 'RIA Novosti',
    paragraphs: [
      'The commission extended steel quotas, RIA Novosti reported, citing the BMW press service.',
      'Analysts at Straße Capital called the grain of the decision "naïve".',
    ],
    annotations: [
      {
        id: 'ann-quotas',
        quote: 'The commission extended steel quotas',
        tags: ['Topic/Trade'],
        claim: {
          claimant: 'Ilya Baryshev',
          claimantType: null,
          attributedVia: 'RIA Novosti citing the BMW press service',
          status: 'corroborated',
        },
      },
    ],
  },
  {
    id: 'art-ru',
    title: 'Министерство обороны сообщило о поставках',
    source: 'ria.ru',
    paragraphs: [
      'Министерство обороны России сообщило о новых поставках зерна, заявил Илья Барышев.',
      'Новогодняя ёлка на площади будет установлена в декабре. Ещё одна елка появится у порта.',
    ],
    state: { tags: ['тема/экономика'] },
    annotations: [
      {
        id: 'ann-ru-claim',
        quote: 'сообщило о новых поставках зерна',
        tags: ['тема/экономика/зерно'],
        claim: { claimant: 'Илья Барышев', status: 'disputed' },
        note: 'Проверить данные Минобороны.',
      },
      { id: 'ann-ru-tree', quote: 'Новогодняя ёлка на площади' },
    ],
  },
]

/** Every fixture document. */
export function allDocuments(): SearchDocument[] {
  return ARTICLES.flatMap(documentsOf)
}

/**
 * The on-disk index, in memory, with the document-at-a-time surface the
 * older tests were written against: documents are grouped by article and
 * each article is replaced whole, as the host does.
 */
export class TestIndex {
  readonly fts: FtsIndex
  private readonly byArticle = new Map<string, SearchDocument[]>()

  constructor(path = ':memory:') {
    this.fts = new FtsIndex(path)
  }

  upsert(doc: SearchDocument): void {
    const docs = (this.byArticle.get(doc.articleId) ?? []).filter((d) => d.key !== doc.key)
    docs.push(doc)
    // The article's own document first, as the host sends them.
    docs.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'article' ? -1 : 1))
    this.replaceArticle(doc.articleId, docs)
  }

  replaceArticle(articleId: string, docs: readonly SearchDocument[]): void {
    this.byArticle.set(articleId, [...docs])
    const own = docs.find((d) => d.kind === 'article')
    const title = own?.fields.find((f) => f.name === 'title')?.text ?? ''
    this.fts.replaceArticle({ id: articleId, title, source: docs[0]?.source ?? null }, 's', docs)
  }

  removeArticle(articleId: string): void {
    this.byArticle.delete(articleId)
    this.fts.removeArticle(articleId)
  }

  /** The documents given, in the order articles were first indexed. */
  documents(): SearchDocument[] {
    return [...this.byArticle.values()].flat()
  }

  get size(): number {
    return this.fts.size
  }

  matchingKeys(query: string): string[] {
    return this.fts.matchingKeys(query)
  }

  search(query: string, page: SearchPage | number = {}): SearchOutcome {
    return this.fts.search(query, typeof page === 'number' ? { limit: page } : page)
  }

  articleHits(query: string, articleId: string, offset: number, limit: number) {
    return this.fts.articleHits(query, articleId, offset, limit)
  }

  matchingArticleIds(query: string): string[] {
    return this.fts.matchingArticleIds(query)
  }
}
