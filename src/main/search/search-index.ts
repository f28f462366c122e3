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
 * The index narrows candidates by word prefixes, and filters by postings of
 * each document's metadata; phrases, long or unspaced words and negated
 * phrases are then checked on each candidate's stored words (see
 * `match.ts`), so the answer is exactly what `naiveSearch` would give, only
 * faster.
 *
 * Why numbers and typed arrays rather than documents, Sets and Maps: a
 * common word matches tens of thousands of documents, and a query should
 * answer in about a millisecond. Touching a document object costs a cache
 * miss or several (they are scattered over a heap the word index makes
 * large), so the hot loops read only FlexSearch's id lists, the postings and
 * small typed arrays: a document's article (`docSlot`), hits per article,
 * title matches from a second index of titles. Documents are opened only to
 * check a phrase, and to build the snippets of the groups returned.
 */
import { Index } from 'flexsearch'
import type { ParsedQuery } from '../../shared/search/query'
import {
  DEFAULT_SEARCH_LIMIT,
  type SearchField,
  type SearchGroup,
  type SearchHit,
} from '../../shared/search/types'
import type { SearchDocument, SearchDocumentField } from './documents'
import {
  compileQuery,
  documentHas,
  indexDecides,
  isEmptyCompiled,
  MAX_INDEXED_WORD,
  needle,
  passesFilters,
  type CompiledFilter,
  type CompiledQuery,
  type WordPattern,
} from './match'
import { fieldHighlights, findHighlights, makeSnippet, SNIPPET_LENGTH, wordMarks } from './snippet'

/**
 * At most this many hits are listed per article; `hitCount` has the full number.
 *
 * The window says how many more there are. Each listed hit costs a snippet,
 * and a broad query lists this many for each of its top articles.
 */
export const MAX_HITS_PER_GROUP = 5

/** The order in which a document's fields are tried for the snippet. */
const SNIPPET_ORDER: Readonly<Record<SearchDocument['kind'], readonly SearchField[]>> = {
  article: ['text', 'note', 'title'],
  annotation: ['quote', 'statement', 'claimant', 'attributedVia', 'note'],
}

/**
 * How many list entries cost about as much as checking one candidate
 * document: walking a list reads one array, checking a document reads its
 * objects, scattered over a large heap. A list longer than this many times
 * the candidates is not walked; the candidates are checked one by one.
 */
const CHECK_COST = 128

/** Added to the score of an article with a searched word in its title, so that it ranks first. */
const TITLE_BONUS = 1000

/** Scores below this can be packed with the article's slot into one number; above it the ranking sorts. */
const MAX_PACKED_SCORE = 2 ** 20
const SLOT_SPAN = 2 ** 32

function splitWords(content: string): string[] {
  const out: string[] = []
  for (const word of content.split(' ')) if (word) out.push(word.slice(0, MAX_INDEXED_WORD))
  return out
}

function newWordIndex(): Index {
  return new Index({
    tokenize: 'forward',
    encode: splitWords,
    fastupdate: true,
    cache: false,
    // Ranking is done here (title first, then hit count), so FlexSearch's score buckets are not needed.
    resolution: 1,
  })
}

function indexedContent(doc: SearchDocument): string {
  return doc.fields.map((f) => f.words).join('')
}

/** The title field the ranking looks at: an article document's first field, if it is its title. */
function titleOf(doc: SearchDocument | undefined): SearchDocumentField | undefined {
  const first = doc?.fields[0]
  return first?.name === 'title' ? first : undefined
}

/** The metadata a filter can be answered from. */
type PostingKey = CompiledFilter['key']

/**
 * The (key, value) postings a document is in. Each filter is answered
 * exactly by a union of one key's postings (see `filterPostings`).
 */
function postingsOf(doc: SearchDocument): [PostingKey, string][] {
  const { meta } = doc
  const out: [PostingKey, string][] = [
    ['kind', doc.kind],
    ['status', meta.status],
    ['article', doc.articleId.toLowerCase()],
    ['source', meta.source],
    ['claimant', meta.claimant],
  ]
  if (doc.annotationKind !== null) out.push(['kind', doc.annotationKind])
  for (const path of meta.tagPaths) out.push(['tag', path])
  if (meta.hasNote) out.push(['has', 'note'])
  if (meta.tagPaths.length > 0) out.push(['has', 'tag'])
  if (meta.claimant.length > 0) out.push(['has', 'claimant'])
  if (meta.anchor !== null) out.push(['anchor', meta.anchor])
  if (meta.damaged) out.push(['is', 'damaged'])
  if (meta.flagged) out.push(['is', 'flagged'])
  return out
}

/** `Array.prototype.slice(0, end)`'s count for `length` items, so `limit` means what it meant. */
function sliceCount(end: number, length: number): number {
  const n = Number.isNaN(end) ? 0 : Math.trunc(end)
  return n < 0 ? Math.max(0, length + n) : Math.min(n, length)
}

/** Document numbers: FlexSearch's lists, postings' snapshots, the candidates of a query. */
type Numbers = ArrayLike<number>

/** Lists of documents, read as their union. */
type Members = readonly Numbers[]

/**
 * The documents with one metadata value. A Set, so that a document leaves
 * it at once; a query walks a snapshot array of it, made again only after a
 * change (walking a Set of tens of thousands was most of a filter's cost).
 */
class Posting {
  private readonly set = new Set<number>()
  private snapshot: Int32Array | null = null

  get size(): number {
    return this.set.size
  }

  add(n: number): void {
    this.set.add(n)
    this.snapshot = null
  }

  delete(n: number): void {
    this.set.delete(n)
    this.snapshot = null
  }

  numbers(): Int32Array {
    if (this.snapshot === null) {
      const out = new Int32Array(this.set.size)
      let i = 0
      this.set.forEach((n) => (out[i++] = n))
      this.snapshot = out
    }
    return this.snapshot
  }
}

/** A condition checked on one candidate document. */
type Check = (n: number, doc: SearchDocument) => boolean

/** One condition of a query that a list of documents answers, or checking a document does. */
interface Narrowing {
  /** The documents in the list (or lists: their union). */
  readonly members: Members
  readonly size: number
  /** True: a match is in the list. False: a match is not. */
  readonly inside: boolean
  /** The same condition checked on one document, for when the list is too long to walk. */
  readonly check: Check
}

export interface SearchOutcome {
  /** Every matching article, whatever the page. */
  readonly total: number
  readonly groups: SearchGroup[]
}

export class SearchIndex {
  private readonly flex = newWordIndex()
  /** Article titles by slot, so that title matches are found without opening every article. */
  private readonly titles = newWordIndex()
  private readonly docs = new Map<number, SearchDocument>()
  /** `docs` again, by number: the hot loops read an array faster than they look up a Map. */
  private readonly byNumber: (SearchDocument | undefined)[] = []
  private readonly numbers = new Map<string, number>()
  private readonly byArticle = new Map<string, Set<number>>()
  /**
   * Each article's slot: a number given in the order articles were first
   * indexed, which is also their order among equals in the ranking. Kept
   * while an article has no documents left, so re-indexing it keeps its
   * place, and dropped by `removeArticle`.
   */
  private readonly slots = new Map<string, number>()
  private nextSlot = 1
  /** The article id of each slot. */
  private readonly slotIds: string[] = []
  /** The article's own document (key = article id) of each slot. */
  private readonly slotArticle: (SearchDocument | undefined)[] = []
  /** Word-pair sketches of long documents, by number (see `pairSketch`). */
  private readonly sketches: (Uint32Array | undefined)[] = []
  /** `wordMarks` of each long field of a document (by field index), by number. */
  private readonly fieldMarks: (readonly (Int32Array | undefined)[] | undefined)[] = []
  /** The slot of each document number; 0 for numbers no longer in use. */
  private docSlot = new Int32Array(1024)
  /** Documents by filter key and metadata value. */
  private readonly postings = new Map<PostingKey, Map<string, Posting>>()
  private nextNumber = 1

  // Scratch space for one query at a time, sized by documents and articles, never by queries.
  /** `marks[n] === epoch`: document (or slot) n is in the list marked last. */
  private marks = new Uint32Array(1024)
  private epoch = 0
  /** Each article's score during a search, by slot; all zero between searches. */
  private slotScores = new Int32Array(1024)
  /** The slots scored by the current search. */
  private touched = new Int32Array(1024)

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
      this.repost(existing, before, doc)
      this.docs.set(existing, doc)
      this.byNumber[existing] = doc
      if (doc.key === doc.articleId) this.setArticleDoc(this.docSlot[existing] ?? 0, doc)
      this.sketches[existing] = pairSketch(doc)
      this.fieldMarks[existing] = marksOf(doc)
      if (!before || indexedContent(before) !== indexedContent(doc)) {
        this.flex.update(existing, indexedContent(doc))
      }
      return
    }
    const n = this.nextNumber++
    this.numbers.set(doc.key, n)
    this.docs.set(n, doc)
    this.byNumber[n] = doc
    let set = this.byArticle.get(doc.articleId)
    if (!set) {
      set = new Set()
      this.byArticle.set(doc.articleId, set)
    }
    set.add(n)
    let slot = this.slots.get(doc.articleId)
    if (slot === undefined) {
      slot = this.nextSlot++
      this.slots.set(doc.articleId, slot)
      this.slotIds[slot] = doc.articleId
    }
    if (n >= this.docSlot.length) this.docSlot = grown(this.docSlot, n)
    this.docSlot[n] = slot
    if (doc.key === doc.articleId) this.setArticleDoc(slot, doc)
    this.repost(n, undefined, doc)
    this.flex.add(n, indexedContent(doc))
    this.sketches[n] = pairSketch(doc)
    this.fieldMarks[n] = marksOf(doc)
  }

  /** Remove one document. */
  remove(key: string): void {
    const n = this.numbers.get(key)
    if (n === undefined) return
    const doc = this.docs.get(n)
    this.flex.remove(n)
    this.docs.delete(n)
    this.byNumber[n] = undefined
    this.numbers.delete(key)
    const slot = this.docSlot[n] ?? 0
    this.docSlot[n] = 0
    this.sketches[n] = undefined
    this.fieldMarks[n] = undefined
    if (doc) {
      this.repost(n, doc, undefined)
      if (doc.key === doc.articleId) this.setArticleDoc(slot, undefined)
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
    this.slots.delete(articleId)
  }

  /** The keys of every matching document, in no particular order. */
  matchingKeys(query: ParsedQuery | string): string[] {
    const matched = this.match(compileQuery(query))
    const out: string[] = []
    for (let i = 0; i < matched.length; i++) {
      const key = this.byNumber[matched[i] ?? 0]?.key
      if (key !== undefined) out.push(key)
    }
    return out
  }

  /**
   * Search and group the matches by article, best first: the groups ranked
   * `[offset, offset + limit)`, with `total` the number of matching articles.
   *
   * The ranking is a total order (score, then slot), so pages taken one
   * after another give exactly the groups of one large search.
   */
  search(
    query: ParsedQuery | string,
    page: { offset?: number; limit?: number } = {},
  ): SearchOutcome {
    const compiled = compileQuery(query)
    const matched = this.match(compiled)
    const patterns = compiled.required
    const offset = Math.max(0, Math.trunc(page.offset ?? 0) || 0)
    const { total, best } = this.rankArticles(matched, patterns, (total) => {
      const from = Math.min(offset, total)
      return from + sliceCount(page.limit ?? DEFAULT_SEARCH_LIMIT, total - from)
    })
    best.splice(0, Math.min(offset, best.length))
    // Read after ranking, which may have grown them.
    const scores = this.slotScores
    const docSlot = this.docSlot
    // Each chosen article's matching documents, in the order they were indexed (the article's own first).
    const picked = best.map((): number[] => [])
    best.forEach((slot, i) => (scores[slot] = i + 1))
    for (let i = 0; i < matched.length; i++) {
      const n = matched[i] ?? 0
      const at = scores[docSlot[n] ?? 0] ?? 0
      if (at > 0) picked[at - 1]?.push(n)
    }
    for (const slot of best) scores[slot] = 0
    const groups = best.map((slot, i) =>
      this.group(
        slot,
        (picked[i] ?? []).sort((a, b) => a - b),
        patterns,
      ),
    )
    return { total, groups }
  }

  /**
   * Every matching document of one article, in the order its group lists
   * them: `total` of them, the hits `[offset, offset + limit)` with snippets.
   */
  articleHits(
    query: ParsedQuery | string,
    articleId: string,
    offset: number,
    limit: number,
  ): { total: number; hits: SearchHit[] } {
    const slot = this.slots.get(articleId)
    if (slot === undefined || !this.byArticle.has(articleId)) return { total: 0, hits: [] }
    const compiled = compileQuery(query)
    const matched = this.match(compiled)
    const mine: number[] = []
    for (let i = 0; i < matched.length; i++) {
      const n = matched[i] ?? 0
      if (this.docSlot[n] === slot) mine.push(n)
    }
    mine.sort((a, b) => a - b)
    const from = Math.max(0, Math.trunc(offset) || 0)
    const hits: SearchHit[] = []
    for (const n of mine.slice(from, from + Math.max(0, Math.trunc(limit) || 0))) {
      const doc = this.byNumber[n]
      if (doc) hits.push(hitOf(doc, this.fieldMarks[n], compiled.required))
    }
    return { total: mine.length, hits }
  }

  /** The id of every matching article, best first (the order `search` ranks them in). */
  matchingArticleIds(query: ParsedQuery | string): string[] {
    const compiled = compileQuery(query)
    const { best } = this.rankArticles(this.match(compiled), compiled.required, (total) => total)
    return best.map((slot) => this.slotIds[slot] ?? '')
  }

  /**
   * The matching articles' slots ranked `[0, count(total))`, best first:
   * each article scores its matching documents, plus a bonus for a title
   * match. Leaves the scratch scores all zero.
   */
  private rankArticles(
    matched: Numbers,
    patterns: readonly WordPattern[],
    count: (total: number) => number,
  ): { total: number; best: number[] } {
    if (this.slotScores.length <= this.nextSlot) {
      this.slotScores = grown(this.slotScores, this.nextSlot)
      this.touched = grown(this.touched, this.nextSlot)
    }
    const scores = this.slotScores
    const touched = this.touched
    const docSlot = this.docSlot
    let total = 0
    // Index loops (here and in the other hot loops): `for…of` over FlexSearch's arrays allocated per entry.
    for (let i = 0; i < matched.length; i++) {
      const slot = docSlot[matched[i] ?? 0] ?? 0
      const before = scores[slot] ?? 0
      scores[slot] = before + 1
      if (before === 0 && slot > 0) touched[total++] = slot
    }
    scores[0] = 0
    this.addTitleBonus(patterns)
    const best = bestSlots(touched.subarray(0, total), scores, count(total))
    for (let i = 0; i < total; i++) scores[touched[i] ?? 0] = 0
    return { total, best }
  }

  /** The index's list of documents with a word starting with `word`; FlexSearch's own, not to be changed. */
  private lookup(index: Index, word: string): readonly number[] {
    const limit = Math.max(this.docs.size, this.nextSlot) + 1
    return (index.search(word.slice(0, MAX_INDEXED_WORD), { limit }) ?? []) as number[]
  }

  /**
   * Document numbers matching a compiled query: possibly FlexSearch's own
   * list (when one word decides everything), so not to be changed.
   */
  private match(q: CompiledQuery): Numbers {
    if (isEmptyCompiled(q)) return []
    const [only, ...more] = q.required
    const alone = more.length === 0 && q.excluded.length === 0 && q.filters.length === 0
    if (only && alone && indexDecides(only)) return this.lookup(this.flex, only.words[0] ?? '')
    const narrowings: Narrowing[] = []
    // A Set: a pattern whose word lists are not walked is checked once, not once per word.
    const checks = new Set<Check>()
    const phrases: number[][] = []
    for (const p of q.required) {
      const pairs = pairHashes(p)
      const has: Check = (n, doc) => this.mayHavePairs(n, pairs) && documentHas(doc, p)
      // Each word's list holds every document with the pattern; only a lone short word's list is exact.
      if (!indexDecides(p)) {
        checks.add(has)
        if (pairs.length > 0) phrases.push(pairs)
      }
      for (const word of p.words) {
        const list = this.lookup(this.flex, word)
        narrowings.push({ members: [list], size: list.length, inside: true, check: has })
      }
    }
    for (const p of q.excluded) {
      const pairs = pairHashes(p)
      const lacks: Check = (n, doc) => !this.mayHavePairs(n, pairs) || !documentHas(doc, p)
      if (!indexDecides(p)) {
        checks.add(lacks)
        continue
      }
      const list = this.lookup(this.flex, p.words[0] ?? '')
      narrowings.push({ members: [list], size: list.length, inside: false, check: lacks })
    }
    for (const f of q.filters) {
      const members = this.filterPostings(f)
      const size = members.reduce((sum, m) => sum + m.length, 0)
      const justThis = [f]
      const check: Check = (_, doc) => passesFilters(doc, justThis)
      narrowings.push({ members, size, inside: !f.negated, check })
    }
    narrowings.sort((a, b) => a.size - b.size)
    // Start from the shortest list a match must be in; then walk the others while that is cheaper.
    const start = narrowings.findIndex((c) => c.inside)
    let candidates: Numbers
    // A phrase that repeats a word ("the the") gives the same list twice; it narrows once.
    const walked = new Set<Numbers>()
    if (start >= 0) {
      const [first] = narrowings.splice(start, 1)
      const members = first?.members ?? []
      candidates = members.length === 1 ? (members[0] ?? []) : flatten(members)
      if (members.length === 1) walked.add(candidates)
    } else {
      candidates = [...this.docs.keys()]
    }
    for (const c of narrowings) {
      const [only, ...more] = c.members
      const single = only !== undefined && more.length === 0 ? only : undefined
      if (c.inside && single && walked.has(single)) continue
      if (c.size <= candidates.length * CHECK_COST) {
        candidates = this.narrow(candidates, c.members, c.inside)
        if (c.inside && single) walked.add(single)
      } else {
        checks.add(c.check)
      }
    }
    if (checks.size === 0) return candidates
    // Most candidates of a phrase of rarer words lack it; their sketches say so without reading their text.
    for (const pairs of phrases) candidates = keep(candidates, (n) => this.mayHavePairs(n, pairs))
    const all = [...checks]
    const out: number[] = []
    for (let i = 0; i < candidates.length; i++) {
      const n = candidates[i] ?? 0
      const doc = this.byNumber[n]
      if (doc && all.every((check) => check(n, doc))) out.push(n)
    }
    return out
  }

  /** False if document n surely has not every one of these word pairs (see `pairSketch`). */
  private mayHavePairs(n: number, pairs: readonly number[]): boolean {
    const sketch = this.sketches[n]
    if (sketch === undefined) return true
    const mask = sketch.length * 32 - 1
    for (let i = 0; i < pairs.length; i++) {
      const h = pairs[i] ?? 0
      const a = h & mask
      const b = secondBit(h) & mask
      const bitA = ((sketch[a >>> 5] ?? 0) >>> (a & 31)) & 1
      const bitB = ((sketch[b >>> 5] ?? 0) >>> (b & 31)) & 1
      if ((bitA & bitB) === 0) return false
    }
    return true
  }

  /** The candidates that are (`inside`) or are not in any of `members`. */
  private narrow(candidates: Numbers, members: Members, inside: boolean): number[] {
    const epoch = this.nextEpoch(this.nextNumber)
    const marks = this.marks
    for (const list of members) for (let i = 0; i < list.length; i++) marks[list[i] ?? 0] = epoch
    return keep(candidates, (n) => (marks[n] === epoch) === inside)
  }

  /** A fresh mark for `marks`, which is made to hold at least `size` entries. */
  private nextEpoch(size: number): number {
    if (this.marks.length < size) {
      this.marks = grown(new Uint32Array(0), size)
      this.epoch = 0
    }
    if (this.epoch === 0xffffffff) {
      this.marks.fill(0)
      this.epoch = 0
    }
    return ++this.epoch
  }

  /**
   * Add the title bonus to the score of each scored article with a pattern
   * in its title, found from the index of titles; a phrase or a long word is
   * then checked on the titles that have all its words.
   */
  private addTitleBonus(patterns: readonly WordPattern[]): void {
    if (patterns.length === 0) return
    const scores = this.slotScores
    // Marked: has had its bonus (once, however many patterns are in its title).
    const epoch = this.nextEpoch(this.nextSlot)
    const marks = this.marks
    for (const p of patterns) {
      const lists = p.words.map((w) => this.lookup(this.titles, w))
      const decided = indexDecides(p)
      const n = needle(p)
      const shortest = lists.reduce((a, b) => (b.length < a.length ? b : a))
      for (let i = 0; i < shortest.length; i++) {
        const slot = shortest[i] ?? 0
        const score = scores[slot] ?? 0
        if (score === 0 || marks[slot] === epoch) continue
        if (!decided && !titleOf(this.slotArticle[slot])?.words.includes(n)) continue
        marks[slot] = epoch
        scores[slot] = score + TITLE_BONUS
      }
    }
  }

  /** The postings whose union is exactly the documents a filter (not negated) passes. */
  private filterPostings(f: CompiledFilter): Members {
    const byValue = this.postings.get(f.key)
    if (!byValue) return []
    const one = (value: string): Members => {
      const posting = byValue.get(value)
      return posting ? [posting.numbers()] : []
    }
    const where = (test: (value: string) => boolean): Members =>
      [...byValue].filter(([value]) => test(value)).map(([, posting]) => posting.numbers())
    switch (f.key) {
      case 'tag':
        return one(f.tag)
      case 'kind':
      case 'status':
      case 'article':
      case 'is':
        return one(f.value)
      case 'has':
        return one(f.value === 'tags' ? 'tag' : f.value)
      case 'anchor':
        return f.value.length > 0 ? where((value) => value.startsWith(f.value)) : []
      case 'source':
      case 'claimant': {
        const words = f.words
        return words === null ? [] : where((value) => ` ${value}`.includes(words))
      }
    }
  }

  /**
   * Move document n from the postings of `before` to those of `after`.
   * Postings it stays in are left alone, so that their snapshots stay valid.
   */
  private repost(
    n: number,
    before: SearchDocument | undefined,
    after: SearchDocument | undefined,
  ): void {
    const was = new Map((before ? postingsOf(before) : []).map((p) => [p.join('\u0000'), p]))
    const is = new Map((after ? postingsOf(after) : []).map((p) => [p.join('\u0000'), p]))
    for (const [id, [key, value]] of was) {
      if (is.has(id)) continue
      const byValue = this.postings.get(key)
      const posting = byValue?.get(value)
      if (!posting) continue
      posting.delete(n)
      if (posting.size === 0) byValue?.delete(value)
    }
    for (const [id, [key, value]] of is) {
      if (was.has(id)) continue
      let byValue = this.postings.get(key)
      if (!byValue) {
        byValue = new Map()
        this.postings.set(key, byValue)
      }
      let posting = byValue.get(value)
      if (!posting) {
        posting = new Posting()
        byValue.set(value, posting)
      }
      posting.add(n)
    }
  }

  /** Record (or forget) an article's own document, and index its title. */
  private setArticleDoc(slot: number, doc: SearchDocument | undefined): void {
    if (slot === 0) return
    const before = titleOf(this.slotArticle[slot])?.words
    this.slotArticle[slot] = doc
    const after = titleOf(doc)?.words
    if (after === before) return
    if (after === undefined) this.titles.remove(slot)
    else this.titles.update(slot, after)
  }

  private group(
    slot: number,
    numbers: readonly number[],
    patterns: readonly WordPattern[],
  ): SearchGroup {
    const articleId = this.slotIds[slot] ?? ''
    const article = this.slotArticle[slot]
    const titleField = article?.fields.find((f) => f.name === 'title')
    const title = titleField?.text ?? articleId
    const docs: SearchDocument[] = []
    const hits: SearchHit[] = []
    for (const n of numbers) {
      const doc = this.byNumber[n]
      if (!doc) continue
      docs.push(doc)
      if (hits.length < MAX_HITS_PER_GROUP) hits.push(hitOf(doc, this.fieldMarks[n], patterns))
    }
    return {
      articleId,
      title,
      titleHighlights: titleField
        ? highlightsIn(titleField, patterns, Infinity)
        : findHighlights(title, patterns),
      source: article?.source ?? docs[0]?.source ?? null,
      hitCount: docs.length,
      hits,
    }
  }
}

/** Documents whose word lines are this long or longer get a sketch of their word pairs. */
const SKETCH_MIN_CHARS = 1024

function pairHash(a: string, b: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a.charCodeAt(i), 0x01000193)
  h = Math.imul(h ^ 0x20, 0x01000193)
  for (let i = 0; i < b.length; i++) h = Math.imul(h ^ b.charCodeAt(i), 0x01000193)
  return h >>> 0
}

function secondBit(h: number): number {
  return Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) >>> 7
}

/**
 * The hashes of a pattern's pairs of adjacent whole words: every pair for
 * a phrase; for a pattern whose last word may be a prefix, the pairs before it.
 */
function pairHashes(p: WordPattern): number[] {
  const whole = p.exact ? p.words.length : p.words.length - 1
  const out: number[] = []
  for (let i = 0; i + 1 < whole; i++) out.push(pairHash(p.words[i] ?? '', p.words[i + 1] ?? ''))
  return out
}

/**
 * A Bloom filter of a long document's pairs of adjacent words (two bits
 * per pair, about one bit per character of its words).
 *
 * Why: a phrase is checked by searching each candidate's word line, and the
 * candidates of a phrase of fairly common words are mostly long articles
 * that have both words but not together. Searching 4 KB each was the cost
 * of such a query; the sketch rules out most of them with two bit tests.
 */
function pairSketch(doc: SearchDocument): Uint32Array | undefined {
  let chars = 0
  for (const f of doc.fields) chars += f.words.length
  if (chars < SKETCH_MIN_CHARS) return undefined
  let bits = 1024
  while (bits < chars && bits < 1 << 20) bits *= 2
  const sketch = new Uint32Array(bits / 32)
  const mask = bits - 1
  for (const f of doc.fields) {
    const words = f.words.split(' ')
    for (let i = 1; i + 2 < words.length; i++) {
      const h = pairHash(words[i] ?? '', words[i + 1] ?? '')
      const a = h & mask
      const b = secondBit(h) & mask
      sketch[a >>> 5] = (sketch[a >>> 5] ?? 0) | (1 << (a & 31))
      sketch[b >>> 5] = (sketch[b >>> 5] ?? 0) | (1 << (b & 31))
    }
  }
  return sketch
}

/** A copy of `array` with room for index `at` and as much again. */
function grown<T extends Int32Array | Uint32Array>(array: T, at: number): T {
  const out = new (array.constructor as new (length: number) => T)(Math.max(1024, (at + 1) * 2))
  out.set(array)
  return out
}

function flatten(members: Members): number[] {
  const out: number[] = []
  for (const list of members) for (let i = 0; i < list.length; i++) out.push(list[i] ?? 0)
  return out
}

/** The numbers that pass `test`, in order. */
function keep(numbers: Numbers, test: (n: number) => boolean): number[] {
  const out: number[] = []
  for (let i = 0; i < numbers.length; i++) {
    const n = numbers[i] ?? 0
    if (test(n)) out.push(n)
  }
  return out
}

/**
 * The `count` best of `slots`, best first: higher score, then earlier slot.
 *
 * A common word matches nearly every article and a page shows fifty, so
 * the best are kept in a small heap rather than sorting every match.
 */
function bestSlots(slots: Int32Array, scores: Int32Array, count: number): number[] {
  if (count <= 0) return []
  let packable = true
  for (let i = 0; i < slots.length; i++) {
    if ((scores[slots[i] ?? 0] ?? 0) >= MAX_PACKED_SCORE) packable = false
  }
  if (count >= slots.length / 4 || !packable) {
    const order = Array.from(slots)
    order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0) || a - b)
    return order.slice(0, count)
  }
  // One number per article, larger is better: the score, then the earlier slot.
  const heap = new Float64Array(count)
  let size = 0
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i] ?? 0
    const key = (scores[slot] ?? 0) * SLOT_SPAN + (SLOT_SPAN - 1 - slot)
    if (size < count) {
      let at = size++
      while (at > 0) {
        const up = (at - 1) >> 1
        const parent = heap[up] ?? 0
        if (parent <= key) break
        heap[at] = parent
        at = up
      }
      heap[at] = key
    } else if (key > (heap[0] ?? 0)) {
      let at = 0
      for (;;) {
        const left = 2 * at + 1
        if (left >= size) break
        const right = left + 1
        const child = right < size && (heap[right] ?? 0) < (heap[left] ?? 0) ? right : left
        const value = heap[child] ?? 0
        if (value >= key) break
        heap[at] = value
        at = child
      }
      heap[at] = key
    }
  }
  const keys = Array.from(heap.subarray(0, size)).sort((a, b) => b - a)
  return keys.map((key) => SLOT_SPAN - 1 - (key % SLOT_SPAN))
}

/** Fields with word lines this long or longer get `wordMarks`. */
const MARKS_MIN_CHARS = 256

function marksOf(doc: SearchDocument): (Int32Array | undefined)[] | undefined {
  if (!doc.fields.some((f) => f.words.length >= MARKS_MIN_CHARS)) return undefined
  return doc.fields.map((f) => (f.words.length >= MARKS_MIN_CHARS ? wordMarks(f.words) : undefined))
}

/** A field's highlights, from its stored words when they fit, else by scanning its text. */
function highlightsIn(
  field: SearchDocumentField,
  patterns: readonly WordPattern[],
  window: number,
  marks?: Int32Array,
): [number, number][] {
  return (
    fieldHighlights(field, patterns, window, marks) ?? findHighlights(field.text, patterns, window)
  )
}

function hitOf(
  doc: SearchDocument,
  marks: readonly (Int32Array | undefined)[] | undefined,
  patterns: readonly WordPattern[],
): SearchHit {
  let chosen = doc.fields.find((f) => f.name === SNIPPET_ORDER[doc.kind][0])
  let spans: [number, number][] = []
  for (const name of SNIPPET_ORDER[doc.kind]) {
    const index = doc.fields.findIndex((f) => f.name === name)
    const field = doc.fields[index]
    if (!field) continue
    chosen ??= field
    const found = highlightsIn(field, patterns, SNIPPET_LENGTH, marks?.[index])
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
