/**
 * The full-text index over a library's articles and annotations.
 *
 * Why FlexSearch, and why fed folded words: FlexSearch answers a word-prefix
 * lookup in microseconds and updates one document in place when
 * `fastupdate` is on (without it an update scans the whole index). Its
 * charsets each fold text differently, so it is given words already folded
 * by `shared/search/fold` and told only to split on spaces; the index, the
 * phrase check and the highlighter then agree on what a word is.
 *
 * The index narrows candidates by word prefixes; phrases, long or unspaced
 * words, negations and filters are then checked on each candidate's stored
 * words and metadata (see `match.ts`), so the answer is exactly what
 * `naiveSearch` would give, only faster.
 */
import { Index } from 'flexsearch'
import type { ParsedQuery } from '../../shared/search/query'
import {
  DEFAULT_SEARCH_LIMIT,
  type SearchField,
  type SearchGroup,
  type SearchHit,
} from '../../shared/search/types'
import type { SearchDocument } from './documents'
import {
  compileQuery,
  documentHas,
  indexDecides,
  isEmptyCompiled,
  MAX_INDEXED_WORD,
  needle,
  passesFilters,
  type CompiledQuery,
  type WordPattern,
} from './match'
import { findHighlights, makeSnippet, SNIPPET_LENGTH } from './snippet'

/** At most this many hits are listed per article; `hitCount` has the full number. */
export const MAX_HITS_PER_GROUP = 20

/** The order in which a document's fields are tried for the snippet. */
const SNIPPET_ORDER: Readonly<Record<SearchDocument['kind'], readonly SearchField[]>> = {
  article: ['text', 'note', 'title'],
  annotation: ['quote', 'statement', 'claimant', 'attributedVia', 'note'],
}

function splitWords(content: string): string[] {
  const out: string[] = []
  for (const word of content.split(' ')) if (word) out.push(word.slice(0, MAX_INDEXED_WORD))
  return out
}

function indexedContent(doc: SearchDocument): string {
  return doc.fields.map((f) => f.words).join('')
}

export interface SearchOutcome {
  /** Matching articles before the limit. */
  readonly total: number
  readonly groups: SearchGroup[]
}

export class SearchIndex {
  private readonly flex = new Index({
    tokenize: 'forward',
    encode: splitWords,
    fastupdate: true,
    cache: false,
    // Ranking is done here (title first, then hit count), so FlexSearch's score buckets are not needed.
    resolution: 1,
  })
  private readonly docs = new Map<number, SearchDocument>()
  private readonly numbers = new Map<string, number>()
  private readonly byArticle = new Map<string, Set<number>>()
  /** Articles in the order they were first indexed, for a stable ranking. */
  private readonly articleRank = new Map<string, number>()
  private nextNumber = 1

  /** How many documents (articles plus annotations) are indexed. */
  get size(): number {
    return this.docs.size
  }

  /** How many articles have documents in the index. */
  get articleCount(): number {
    return this.byArticle.size
  }

  /** Whether this article has been indexed. */
  hasArticle(articleId: string): boolean {
    return this.byArticle.has(articleId)
  }

  /** One indexed document by key. */
  get(key: string): SearchDocument | undefined {
    const n = this.numbers.get(key)
    return n === undefined ? undefined : this.docs.get(n)
  }

  /** Every indexed document. */
  documents(): IterableIterator<SearchDocument> {
    return this.docs.values()
  }

  /** Add a document, or replace the one with its key; words are re-indexed only if they changed. */
  upsert(doc: SearchDocument): void {
    const existing = this.numbers.get(doc.key)
    if (existing !== undefined) {
      const before = this.docs.get(existing)
      this.docs.set(existing, doc)
      if (!before || indexedContent(before) !== indexedContent(doc)) {
        this.flex.update(existing, indexedContent(doc))
      }
      return
    }
    const n = this.nextNumber++
    this.numbers.set(doc.key, n)
    this.docs.set(n, doc)
    let set = this.byArticle.get(doc.articleId)
    if (!set) {
      set = new Set()
      this.byArticle.set(doc.articleId, set)
      this.articleRank.set(doc.articleId, this.articleRank.size)
    }
    set.add(n)
    this.flex.add(n, indexedContent(doc))
  }

  /** Remove one document. */
  remove(key: string): void {
    const n = this.numbers.get(key)
    if (n === undefined) return
    const doc = this.docs.get(n)
    this.flex.remove(n)
    this.docs.delete(n)
    this.numbers.delete(key)
    if (doc) {
      const set = this.byArticle.get(doc.articleId)
      set?.delete(n)
      if (set && set.size === 0) this.byArticle.delete(doc.articleId)
    }
  }

  /** Make an article's documents exactly these: upsert each, remove the article's others. */
  replaceArticle(articleId: string, docs: readonly SearchDocument[]): void {
    const keep = new Set(docs.map((d) => d.key))
    for (const n of [...(this.byArticle.get(articleId) ?? [])]) {
      const key = this.docs.get(n)?.key
      if (key !== undefined && !keep.has(key)) this.remove(key)
    }
    for (const doc of docs) this.upsert(doc)
  }

  /** Remove every document of an article. */
  removeArticle(articleId: string): void {
    for (const n of [...(this.byArticle.get(articleId) ?? [])]) {
      const key = this.docs.get(n)?.key
      if (key !== undefined) this.remove(key)
    }
    this.articleRank.delete(articleId)
  }

  /** The keys of every matching document, in no particular order. */
  matchingKeys(query: ParsedQuery | string): string[] {
    const out: string[] = []
    for (const n of this.match(compileQuery(query))) {
      const key = this.docs.get(n)?.key
      if (key !== undefined) out.push(key)
    }
    return out
  }

  /** Search and group the matches by article, best first. */
  search(query: ParsedQuery | string, limit = DEFAULT_SEARCH_LIMIT): SearchOutcome {
    const compiled = compileQuery(query)
    const byArticle = new Map<string, SearchDocument[]>()
    for (const n of this.match(compiled)) {
      const doc = this.docs.get(n)
      if (!doc) continue
      const list = byArticle.get(doc.articleId)
      if (list) list.push(doc)
      else byArticle.set(doc.articleId, [doc])
    }
    const highlightPatterns = compiled.required
    const needles = highlightPatterns.map(needle)
    const ranked = [...byArticle.entries()].map(([articleId, docs]) => {
      const title = needles.length > 0 ? this.get(articleId)?.fields[0] : undefined
      const inTitle = title?.name === 'title' && needles.some((n) => title.words.includes(n))
      return {
        articleId,
        docs,
        score: (inTitle ? 1000 : 0) + docs.length,
        order: this.articleRank.get(articleId) ?? 0,
      }
    })
    ranked.sort((a, b) => b.score - a.score || a.order - b.order)
    const groups = ranked
      .slice(0, limit)
      .map(({ articleId, docs }) => this.group(articleId, docs, highlightPatterns))
    return { total: ranked.length, groups }
  }

  /** Document numbers matching a compiled query. */
  private match(q: CompiledQuery): number[] {
    if (isEmptyCompiled(q)) return []
    const limit = this.docs.size + 1
    const lookups = [...q.required, ...q.excluded.filter(indexDecides)]
    const found = new Map<WordPattern, Set<number>>()
    for (const p of lookups) {
      // Every word of a pattern must be in the document, so each narrows the candidates.
      let words: Set<number> | null = null
      for (const word of p.words) {
        const ids = new Set(
          (this.flex.search(word.slice(0, MAX_INDEXED_WORD), { limit }) ?? []) as number[],
        )
        words = words === null ? ids : intersect(words, ids)
      }
      found.set(p, words ?? new Set())
    }
    const required = q.required.map((p) => found.get(p) ?? new Set<number>())
    required.sort((a, b) => a.size - b.size)
    const candidates: Iterable<number> = required[0] ?? this.docs.keys()
    const out: number[] = []
    for (const n of candidates) {
      if (!required.every((set) => set.has(n))) continue
      const doc = this.docs.get(n)
      if (!doc) continue
      if (!q.required.every((p) => indexDecides(p) || documentHas(doc, p))) continue
      if (
        q.excluded.some((p) =>
          indexDecides(p) ? (found.get(p)?.has(n) ?? false) : documentHas(doc, p),
        )
      ) {
        continue
      }
      if (!passesFilters(doc, q.filters)) continue
      out.push(n)
    }
    return out
  }

  private group(
    articleId: string,
    docs: readonly SearchDocument[],
    patterns: readonly WordPattern[],
  ): SearchGroup {
    const article = this.get(articleId)
    const title = article?.fields.find((f) => f.name === 'title')?.text ?? articleId
    // The article's own hit first, then annotations in the order they were indexed.
    const ordered = [...docs].sort(
      (a, b) => (this.numbers.get(a.key) ?? 0) - (this.numbers.get(b.key) ?? 0),
    )
    return {
      articleId,
      title,
      titleHighlights: findHighlights(title, patterns),
      source: article?.source ?? docs[0]?.source ?? null,
      hitCount: docs.length,
      hits: ordered.slice(0, MAX_HITS_PER_GROUP).map((doc) => hitOf(doc, patterns)),
    }
  }
}

function intersect(a: Set<number>, b: Set<number>): Set<number> {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  const out = new Set<number>()
  for (const n of small) if (large.has(n)) out.add(n)
  return out
}

/** Which word of a word line starts just after the space at `at`. */
function wordOrdinal(words: string, at: number): number {
  let ordinal = -1
  for (let i = words.indexOf(' '); i >= 0 && i <= at; i = words.indexOf(' ', i + 1)) ordinal++
  return Math.max(0, ordinal)
}

function hitOf(doc: SearchDocument, patterns: readonly WordPattern[]): SearchHit {
  let chosen = doc.fields.find((f) => f.name === SNIPPET_ORDER[doc.kind][0])
  let spans: [number, number][] = []
  for (const name of SNIPPET_ORDER[doc.kind]) {
    const field = doc.fields.find((f) => f.name === name)
    if (!field) continue
    chosen ??= field
    // Scanning a long text word by word is the costly part: only where a pattern is known to be.
    let first = -1
    const present = patterns.filter((p) => {
      const at = field.words.indexOf(needle(p))
      if (at >= 0 && (first < 0 || at < first)) first = at
      return at >= 0
    })
    if (present.length === 0) continue
    const from = field.starts[wordOrdinal(field.words, first)] ?? 0
    const found = findHighlights(field.text, present, SNIPPET_LENGTH, from)
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
