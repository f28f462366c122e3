/**
 * The library's search index, kept on disk next to the library: SQLite FTS5
 * through Node's built-in `node:sqlite`.
 *
 * Why on disk: an index held only in memory had to be rebuilt at every open
 * (52 s of a core and 1.6 GB at 10,000 articles). This one is derived data
 * kept with the library: reopened in milliseconds, brought up to date by
 * re-indexing only the articles whose stamp changed, and thrown away and
 * rebuilt when it is missing, of another version, or damaged. It never holds
 * anything that is not in the article files.
 *
 * Why FTS5 fed folded words and the `ascii` tokenizer: FTS5's own tokenizers
 * fold differently from `shared/search/fold` (`unicode61` folds й to и).
 * Each field is stored as its folded words joined by spaces; `ascii` splits
 * only on ASCII punctuation and spaces and keeps every other character, so
 * FTS5's tokens are exactly our words. A pattern is then an FTS5 phrase
 * (`"w1 w2"`, with `*` when the last word may be a prefix), filters are
 * tokens of a `meta` column or phrases in the `claimant` and `source`
 * columns, and the query is one MATCH expression whose answer is exactly
 * `naiveSearch`'s (the randomized test holds it to that).
 *
 * Rows: an article's documents get rowids `slot * 2^20 + n` (its own
 * document `n = 0`, its annotations `1…`), so that the article of a match is
 * its rowid shifted, with no join, and an article's documents are one rowid
 * range. Original texts are kept in `docs` for snippets.
 */
import { DatabaseSync, type StatementSync } from 'node:sqlite'
import { rmSync } from 'node:fs'
import { searchWords } from '../../shared/search/fold'
import type { ParsedQuery } from '../../shared/search/query'
import { SEARCHABLE_CLAIM_FIELDS } from '../../shared/domain/claim-fields'
import type { HighlightRange, SearchField, SearchGroup, SearchHit } from '../../shared/search/types'
import { DEFAULT_SEARCH_LIMIT } from '../../shared/search/types'
import type { PickerFacts, SearchDocument } from './documents'
import {
  compileQuery,
  isEmptyCompiled,
  type CompiledFilter,
  type CompiledQuery,
  type WordPattern,
} from './match'
import { findHighlights, makeSnippet, SNIPPET_LENGTH } from './snippet'

/**
 * The on-disk layout's version. Raise it when the tables, the tokens or what
 * a document holds change: an index of another version is rebuilt.
 */
export const FTS_INDEX_VERSION = 6

/**
 * Folded and split into words once when the index is made, and again at
 * every open: a change to the folding rules (`shared/search/fold`) changes
 * the result, and the index is rebuilt without anyone having to remember to
 * raise the version.
 */
const FOLD_PROBE =
  'AÉé e\u0301 ÅÆæŒœßẞﬁŁłØøĐđÞþıς Ёё Йй И\u0306 ΆΈά Straße Ǆ ½ ①  東京 ｶﾀｶﾅ ガ か\u3099e 한국 \u00ad\u200b'

/** The probe's words as the folding rules make them: folding and splitting into words both count. */
function foldFingerprint(): string {
  return JSON.stringify(searchWords(FOLD_PROBE))
}

/** Hits shown per article group before "N more". */
export const MAX_HITS_PER_GROUP = 5

/** Room for this many documents per article (its own and its annotations'). */
const SLOT_SHIFT = 20
const SLOT_SPAN = 2 ** SLOT_SHIFT

/**
 * Added to the score of an article with a searched word in its title, so
 * that it ranks first: more than any article's documents (`SLOT_SPAN`).
 */
const TITLE_BONUS = 2 ** 21
/** Above any score: a sort key is `(SCORE_CEILING - score) * 2^31 + position`, exact below 2^53. */
const SCORE_CEILING = 2 ** 22

/** The order in which a document's fields are tried for the snippet. */
const SNIPPET_ORDER: Readonly<Record<SearchDocument['kind'], readonly SearchField[]>> = {
  article: ['text', 'note', 'title'],
  annotation: ['quote', ...SEARCHABLE_CLAIM_FIELDS, 'note'],
}

/** What the index keeps of an article besides its documents. */
export interface IndexedArticle {
  readonly id: string
  readonly title: string
  readonly source: string | null
}

export interface SearchOutcome {
  /** Matching articles, all of them. */
  readonly total: number
  readonly groups: SearchGroup[]
}

/** An annotation as the claim-link picker lists it (the note whole; the caller cuts it). */
export interface FoundAnnotation extends PickerFacts {
  readonly articleId: string
  readonly articleTitle: string
  readonly annotationId: string
  readonly kind: 'highlight' | 'claim'
  readonly quote: string
  readonly statement: string | null
  readonly claimant: string | null
  readonly note: string
}

export interface SearchPage {
  readonly offset?: number
  readonly limit?: number
}

/** Why an index file was set aside and built again, for the log and the status line. */
export type RebuildReason = 'missing' | 'version' | 'damaged'

export class IndexDamagedError extends Error {}

/** Lower-case hex of a text's UTF-8 bytes: its prefixes are the text's prefixes. */
function hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex')
}

/**
 * Marks a token that is not a word of the text: a filter value, or a field
 * boundary. `¤` is never part of a word (words are letters, digits and
 * marks), so no searched word or prefix can match such a token, and `ascii`
 * keeps it (it splits on ASCII punctuation only).
 */
const MARK = '¤'
/** Between two fields of a document, so that a phrase never runs from one into the next. */
const BOUNDARY = MARK
/** Before each word of a claimant or source, for `claimant:` and `source:`. */
const CLAIMANT_MARK = `${MARK}c`
const SOURCE_MARK = `${MARK}s`
/** Before each word of an annotation's tags, for the claim-link picker (`findAnnotations`). */
const TAG_WORD_MARK = `${MARK}t`

/** The token for a filter key and value. */
function metaToken(key: string, value: string): string {
  return `${MARK}${key}x${hex(value)}`
}

/** An FTS5 string: the words in double quotes (ours never hold one). */
function phrase(words: readonly string[], prefix: boolean): string {
  return `"${words.join(' ')}"${prefix ? '*' : ''}`
}

/** A token that no document has, and one every document has. */
const NOTHING = phrase([`${MARK}none`], false)
const EVERYTHING = phrase([`${MARK}all`], false)

/** The FTS5 expression for one filter, not negated. */
function filterExpression(f: CompiledFilter): string {
  const token = (key: string, value: string, prefix = false): string =>
    phrase([metaToken(key, value)], prefix)
  const marked = (mark: string, words: string | null): string =>
    words === null
      ? NOTHING
      : phrase(
          words
            .trim()
            .split(' ')
            .map((w) => mark + w),
          true,
        )
  switch (f.key) {
    case 'tag':
      return token('tag', f.tag)
    case 'kind':
      return token('kind', f.value)
    case 'status':
      return token('status', f.value)
    case 'claimant':
      return marked(CLAIMANT_MARK, f.words)
    case 'source':
      return marked(SOURCE_MARK, f.words)
    case 'article':
      return token('art', f.value)
    case 'has':
      if (f.value === 'note' || f.value === 'claimant') return token('has', f.value)
      if (f.value === 'tag' || f.value === 'tags') return token('has', 'tag')
      return NOTHING
    case 'anchor':
      return f.value.length === 0 ? NOTHING : token('anchor', f.value, true)
    case 'is':
      return f.value === 'damaged' || f.value === 'flagged' ? token('is', f.value) : NOTHING
  }
}

function patternExpression(p: WordPattern): string {
  return phrase(p.words, !p.exact)
}

/** The whole query as one FTS5 MATCH expression; null when it can match nothing. */
export function matchExpression(q: CompiledQuery): string | null {
  if (isEmptyCompiled(q)) return null
  const positive = [
    ...q.required.map(patternExpression),
    ...q.filters.filter((f) => !f.negated).map(filterExpression),
  ]
  const negative = [
    ...q.excluded.map(patternExpression),
    ...q.filters.filter((f) => f.negated).map(filterExpression),
  ]
  const must = positive.length > 0 ? positive.join(' AND ') : EVERYTHING
  if (negative.length === 0) return must
  return `(${must}) NOT (${negative.join(' OR ')})`
}

/**
 * What FTS5 indexes of a document, in its one column: each field's folded
 * words with a boundary between fields, then a token for every filter value
 * it passes, then its claimant's and source's words, marked.
 */
function indexedText(doc: SearchDocument): string {
  const parts: string[] = []
  for (const f of doc.fields) {
    const words = f.words.trim()
    if (words) parts.push(words, BOUNDARY)
  }
  const m = doc.meta
  const tokens = [
    EVERYTHING.slice(1, -1),
    metaToken('kind', doc.kind),
    metaToken('status', m.status),
  ]
  if (doc.annotationKind !== null) tokens.push(metaToken('kind', doc.annotationKind))
  for (const tag of m.tagPaths) tokens.push(metaToken('tag', tag))
  if (m.tagPaths.length > 0) tokens.push(metaToken('has', 'tag'))
  if (m.hasNote) tokens.push(metaToken('has', 'note'))
  if (m.claimant.length > 0) tokens.push(metaToken('has', 'claimant'))
  if (m.anchor !== null) tokens.push(metaToken('anchor', m.anchor))
  if (m.damaged) tokens.push(metaToken('is', 'damaged'))
  if (m.flagged) tokens.push(metaToken('is', 'flagged'))
  tokens.push(metaToken('art', doc.articleId.toLowerCase()))
  parts.push(tokens.join(' '), BOUNDARY)
  if (m.claimant)
    parts.push(
      m.claimant
        .split(' ')
        .map((w) => CLAIMANT_MARK + w)
        .join(' '),
      BOUNDARY,
    )
  if (m.source)
    parts.push(
      m.source
        .split(' ')
        .map((w) => SOURCE_MARK + w)
        .join(' '),
      BOUNDARY,
    )
  if (doc.picker) {
    const tagWords = searchWords(doc.picker.tags.join(' '))
    if (tagWords.length > 0) parts.push(tagWords.map((w) => TAG_WORD_MARK + w).join(' '))
  }
  return parts.join(' ')
}

/** An article's row, as a page of results reads it. */
interface ArticleRow {
  readonly slot: number
  readonly id: string
  readonly title: string
  readonly source: string | null
}

/** A document's stored row. */
interface DocRow {
  readonly rowid: number
  readonly annotation_id: string | null
  readonly annotation_kind: 'highlight' | 'claim' | null
  readonly fields: string
}

/** A stored document's fields: `[name, original text]` pairs, for snippets. */
type StoredFields = [SearchField, string][]

interface Statements {
  readonly insertFts: StatementSync
  readonly insertDoc: StatementSync
  readonly findAnnotations: StatementSync
  readonly articlesBySlots: StatementSync
  readonly docsByRowids: StatementSync
  readonly latestAnnotations: StatementSync
  readonly deleteFts: StatementSync
  readonly deleteDocs: StatementSync
  readonly articleBySlot: StatementSync
  readonly slotOf: StatementSync
  readonly upsertArticle: StatementSync
  readonly deleteArticle: StatementSync
  readonly match: StatementSync
  readonly titleMatch: StatementSync
  readonly insertTitle: StatementSync
  readonly deleteTitle: StatementSync
  readonly matchInRange: StatementSync
  readonly docsInRange: StatementSync
  readonly stamps: StatementSync
  readonly setStamp: StatementSync
  readonly counts: StatementSync
  readonly maxSlot: StatementSync
}

/** A ranked answer kept for paging: the same query with a later offset reads it instead of searching again. */
interface Ranked {
  readonly query: string
  readonly epoch: number
  /** Every matching document's rowid, ascending (so each article's are together). */
  readonly rowids: Float64Array
  /** The matching articles, best first. */
  readonly slots: Int32Array
  /** For each of `slots`: where its documents start in `rowids`, and how many there are. */
  readonly starts: Int32Array
  readonly counts: Int32Array
  readonly compiled: CompiledQuery
  readonly expression: string
}

export interface FtsIndexOptions {
  /** Called once when an existing file could not be used and was replaced. */
  readonly onRebuild?: (reason: RebuildReason, detail: string) => void
}

export class FtsIndex {
  private db: DatabaseSync
  private s: Statements
  /** Counts of articles and documents, kept so `size` costs nothing. */
  private articles = 0
  private documents = 0
  private nextSlot = 1
  /** Bumped by every change; a ranked answer of an older epoch is stale. */
  private epoch = 0
  private ranked: Ranked | null = null
  /** How the file was found at open: null when it was used as it was. */
  readonly rebuilt: RebuildReason | null

  /** Open (or make) the index at `path`; `:memory:` for one that is not kept. */
  constructor(
    readonly path: string,
    options: FtsIndexOptions = {},
  ) {
    let reason: RebuildReason | null
    let detail = ''
    let db: DatabaseSync | null = null
    try {
      db = openDatabase(path)
      reason = checkDatabase(db)
      if (reason === 'version') detail = 'it was made by another version of the app'
    } catch (error) {
      db?.close()
      db = null
      reason = 'damaged'
      detail = describeError(error)
    }
    if (reason === 'version' || reason === 'damaged' || db === null) {
      options.onRebuild?.(reason ?? 'damaged', detail)
      db?.close()
      if (path !== ':memory:') removeDatabase(path)
      db = openDatabase(path)
    }
    if (reason !== null) createSchema(db)
    this.db = db
    this.rebuilt = reason
    this.s = prepare(db)
    this.readCounts()
  }

  /** How many documents (articles plus annotations) are indexed. */
  get size(): number {
    return this.documents
  }

  get articleCount(): number {
    return this.articles
  }

  /** Every indexed article's stamp, as given to `replaceArticle`. */
  stamps(): Map<string, string> {
    const out = new Map<string, string>()
    for (const row of this.s.stamps.all() as { id: string; stamp: string }[]) {
      out.set(row.id, row.stamp)
    }
    return out
  }

  /** Mark an article's entry as not known to match its file (it is re-indexed at the next open). */
  setStamp(articleId: string, stamp: string): void {
    this.guard(() => this.s.setStamp.run(stamp, articleId))
  }

  hasArticle(articleId: string): boolean {
    return this.slotOf(articleId) !== null
  }

  /** The text of an indexed article (its `text` field), so a change can be re-anchored without the disk. */
  articleText(articleId: string): string | null {
    const slot = this.slotOf(articleId)
    if (slot === null) return null
    const row = this.s.docsInRange.get(slot * SLOT_SPAN, slot * SLOT_SPAN) as
      { fields: string } | undefined
    if (!row) return null
    const fields = JSON.parse(row.fields) as StoredFields
    return fields.find(([name]) => name === 'text')?.[1] ?? ''
  }

  /**
   * Replace everything indexed for an article with `docs` (its own document
   * first, then its annotations'), in one transaction.
   */
  replaceArticle(article: IndexedArticle, stamp: string, docs: readonly SearchDocument[]): void {
    if (docs.length > SLOT_SPAN)
      throw new Error(`${article.id} has more than ${SLOT_SPAN - 1} annotations`)
    this.guard(() =>
      this.transaction(() => {
        let slot = this.slotOf(article.id)
        if (slot === null) {
          slot = this.nextSlot++
          this.articles++
        } else {
          this.documents -= this.deleteDocs(slot)
        }
        this.s.upsertArticle.run(
          slot,
          article.id,
          stamp,
          article.title,
          article.source,
          docs.length,
        )
        const title = docs.find((d) => d.kind === 'article')?.fields.find((f) => f.name === 'title')
        if (title) this.s.insertTitle.run(slot, title.words.trim())
        docs.forEach((doc, i) => {
          const rowid = slot * SLOT_SPAN + i
          this.s.insertFts.run(rowid, indexedText(doc))
          const stored: StoredFields = doc.fields.map((f) => [f.name, f.text])
          this.s.insertDoc.run(
            rowid,
            doc.annotationId,
            doc.annotationKind,
            JSON.stringify(stored),
            doc.picker ? JSON.stringify(doc.picker) : null,
            doc.picker?.updatedAt ?? null,
          )
        })
        this.documents += docs.length
      }),
    )
  }

  /** Forget an article and its documents. */
  removeArticle(articleId: string): void {
    this.guard(() =>
      this.transaction(() => {
        const slot = this.slotOf(articleId)
        if (slot === null) return
        this.documents -= this.deleteDocs(slot)
        this.s.deleteArticle.run(slot)
        this.articles--
      }),
    )
  }

  /** The keys of every matching document, in index order. */
  matchingKeys(query: ParsedQuery | string): string[] {
    const expression = matchExpression(compileQuery(query))
    if (expression === null) return []
    const rowids = this.matchingRowids(expression)
    const out: string[] = []
    const ids = new Map<number, string>()
    const annotationIds = new Map<number, string | null>()
    for (const rowid of rowids) {
      const slot = Math.floor(rowid / SLOT_SPAN)
      let id = ids.get(slot)
      if (id === undefined) {
        id = (this.s.articleBySlot.get(slot) as { id: string } | undefined)?.id ?? ''
        ids.set(slot, id)
        for (const row of this.s.docsInRange.all(
          slot * SLOT_SPAN,
          slot * SLOT_SPAN + SLOT_SPAN - 1,
        ) as { rowid: number; annotation_id: string | null }[]) {
          annotationIds.set(row.rowid, row.annotation_id)
        }
      }
      const annotationId = annotationIds.get(rowid) ?? null
      out.push(annotationId === null ? id : `${id}#${annotationId}`)
    }
    return out
  }

  /** Search and group the matches by article, best first; `page` picks a window of the ranking. */
  search(query: ParsedQuery | string, page: SearchPage = {}): SearchOutcome {
    const offset = Math.max(0, page.offset ?? 0)
    const limit = Math.max(0, page.limit ?? DEFAULT_SEARCH_LIMIT)
    const ranked = this.rank(query, offset > 0)
    if (ranked === null) return { total: 0, groups: [] }
    const end = Math.min(ranked.slots.length, offset + limit)
    // The page's articles and shown documents, each read in one statement rather than one per row.
    const slots: number[] = []
    const rowids: number[] = []
    for (let i = offset; i < end; i++) {
      slots.push(ranked.slots[i] ?? 0)
      const first = ranked.starts[i] ?? 0
      const shown = Math.min(ranked.counts[i] ?? 0, MAX_HITS_PER_GROUP)
      for (let k = first; k < first + shown; k++) rowids.push(ranked.rowids[k] ?? 0)
    }
    const articles = new Map<number, ArticleRow>()
    const docs = new Map<number, DocRow>()
    if (slots.length > 0) {
      for (const row of this.s.articlesBySlots.all(
        JSON.stringify(slots),
      ) as unknown as ArticleRow[]) {
        articles.set(row.slot, row)
      }
      for (const row of this.s.docsByRowids.all(JSON.stringify(rowids)) as unknown as DocRow[]) {
        docs.set(row.rowid, row)
      }
    }
    const groups: SearchGroup[] = []
    for (let i = offset; i < end; i++) groups.push(this.group(ranked, i, articles, docs))
    return { total: ranked.slots.length, groups }
  }

  /** Every matching article, best first. */
  matchingArticleIds(query: ParsedQuery | string): string[] {
    const ranked = this.rank(query, true)
    if (ranked === null) return []
    // One statement for every article (an export may cover all 10,000), then in rank order.
    const ids = new Map<number, string>()
    const rows = this.s.articlesBySlots.all(JSON.stringify(Array.from(ranked.slots)))
    for (const row of rows as unknown as ArticleRow[]) ids.set(row.slot, row.id)
    const out: string[] = []
    for (const slot of ranked.slots) {
      const id = ids.get(slot)
      if (id !== undefined) out.push(id)
    }
    return out
  }

  /** The matching documents of one article, in index order (its own first), from `offset`. */
  articleHits(
    query: ParsedQuery | string,
    articleId: string,
    offset: number,
    limit: number,
  ): { total: number; hits: SearchHit[] } {
    const compiled = compileQuery(query)
    const expression = matchExpression(compiled)
    const slot = this.slotOf(articleId)
    if (expression === null || slot === null) return { total: 0, hits: [] }
    const rowids = this.rowidsOf(expression, slot)
    const hits = rowids
      .slice(Math.max(0, offset), Math.max(0, offset) + Math.max(0, limit))
      .map((rowid) => this.hit(rowid, compiled.required))
      .filter((h): h is SearchHit => h !== null)
    return { total: rowids.length, hits }
  }

  /**
   * Start a batch: the changes that follow are committed together by
   * `commitBatch`. Why: FTS5 writes each commit's new terms as a segment of
   * its own and merges segments later, so building an index one article per
   * commit costs several times more than in batches of dozens. A batch is
   * kept short (the host commits it within a fraction of a second), since
   * while it is open no other process can write the file, and a crash loses
   * the batch (its articles' stamps with it, so they are indexed again).
   */
  beginBatch(): void {
    if (!this.db.isTransaction) this.guard(() => this.db.exec('BEGIN IMMEDIATE'))
  }

  /** Commit the open batch, if any. */
  commitBatch(): void {
    if (this.db.isTransaction) this.guard(() => this.db.exec('COMMIT'))
  }

  /**
   * Annotations for the claim-link picker: each of `words` (folded) begins a
   * word of the annotation's quote, claim, claimant, attribution, note or
   * tags; none given lists them all. Most recently changed first.
   */
  findAnnotations(
    words: readonly string[],
    kind: 'highlight' | 'claim' | null,
    limit: number,
  ): FoundAnnotation[] {
    const terms = words.map((w) => `(${phrase([w], true)} OR ${phrase([TAG_WORD_MARK + w], true)})`)
    terms.push(phrase([metaToken('kind', kind ?? 'annotation')], false))
    const rows = this.guard(
      () =>
        (words.length === 0
          ? // The latest, straight from the index on the time of change.
            this.s.latestAnnotations.all(kind, kind, limit)
          : this.s.findAnnotations.all(terms.join(' AND '), limit)) as {
          rowid: number
          annotation_id: string
          annotation_kind: 'highlight' | 'claim'
          fields: string
          picker: string
          id: string
          title: string
        }[],
    )
    return rows.map((row) => {
      const fields = JSON.parse(row.fields) as StoredFields
      const text = (name: SearchField): string | null =>
        fields.find(([n]) => n === name)?.[1] ?? null
      const picker = JSON.parse(row.picker) as PickerFacts
      return {
        articleId: row.id,
        articleTitle: row.title,
        annotationId: row.annotation_id,
        kind: row.annotation_kind,
        quote: text('quote') ?? '',
        statement: row.annotation_kind === 'claim' ? (text('statement') ?? '') : null,
        claimant: row.annotation_kind === 'claim' ? (text('claimant') ?? '') : null,
        note: text('note') ?? '',
        ...picker,
      }
    })
  }

  /**
   * Copy what the write-ahead log holds into the file, without waiting for
   * readers (another process's): keeps the log short, at a time the host
   * chooses rather than inside a save.
   */
  checkpoint(): void {
    if (this.path === ':memory:' || this.db.isTransaction) return
    this.guard(() => this.db.exec('PRAGMA wal_checkpoint(PASSIVE)'))
  }

  /** Close the file (committing an open batch); the index is unusable afterwards. */
  close(): void {
    if (!this.db.isOpen) return
    try {
      this.commitBatch()
    } finally {
      this.db.close()
    }
  }

  /** Check the whole index (slow: reads every page); throws `IndexDamagedError` on damage. */
  verify(): void {
    this.guard(() => {
      const rows = this.db.prepare('PRAGMA quick_check').all() as { quick_check: string }[]
      const problems = rows.map((r) => r.quick_check).filter((r) => r !== 'ok')
      if (problems.length > 0) throw new IndexDamagedError(problems.slice(0, 3).join('; '))
      this.db.exec(`INSERT INTO fts(fts) VALUES('integrity-check')`)
    })
  }

  // --- internals

  /** Rank the matching articles: title matches first, then by matching documents, then index order. */
  private rank(query: ParsedQuery | string, reuse: boolean): Ranked | null {
    const key = typeof query === 'string' ? query : JSON.stringify(query)
    const cached = this.ranked
    if (reuse && cached && cached.query === key && cached.epoch === this.epoch) return cached
    const compiled = compileQuery(query)
    const expression = matchExpression(compiled)
    if (expression === null) return null
    // Every matching document, in rowid order, so one article's are together: one pass over the index.
    const rowids = this.matchingRowids(expression)
    const uniq: number[] = []
    const firsts: number[] = []
    const counts: number[] = []
    let last = -1
    for (let i = 0; i < rowids.length; i++) {
      const slot = Math.floor((rowids[i] ?? 0) / SLOT_SPAN)
      if (slot === last) counts[counts.length - 1]! += 1
      else {
        uniq.push(slot)
        firsts.push(i)
        counts.push(1)
        last = slot
      }
    }
    const scores = counts.slice()
    if (compiled.required.length > 0 && uniq.length > 0) {
      // Titles have an index of their own: small, so a title match costs little even for a common word.
      const titled = new Set<number>()
      for (const p of compiled.required) {
        for (const slot of this.titleSlots(phrase(p.words, !p.exact))) titled.add(slot)
      }
      if (titled.size > 0) {
        for (let i = 0; i < uniq.length; i++)
          if (titled.has(uniq[i] ?? 0)) scores[i]! += TITLE_BONUS
      }
    }
    // Best score first, then index order (`uniq` is ascending, so its position stands for the
    // slot): one number per article, sorted natively rather than with a comparator.
    const keys = new Float64Array(uniq.length)
    for (let i = 0; i < uniq.length; i++) keys[i] = (SCORE_CEILING - (scores[i] ?? 0)) * 2 ** 31 + i
    keys.sort()
    const order = Array.from(keys, (k) => k % 2 ** 31)
    const ranked: Ranked = {
      query: key,
      epoch: this.epoch,
      rowids,
      slots: Int32Array.from(order, (i) => uniq[i] ?? 0),
      starts: Int32Array.from(order, (i) => firsts[i] ?? 0),
      counts: Int32Array.from(order, (i) => counts[i] ?? 0),
      compiled,
      expression,
    }
    this.ranked = ranked
    return ranked
  }

  /** Every matching document's rowid, ascending. */
  private matchingRowids(expression: string): Float64Array {
    return this.guard(() => {
      const row = this.s.match.get(expression) as { rowids: string | null } | undefined
      return Float64Array.from(row?.rowids ? (JSON.parse(row.rowids) as number[]) : [])
    })
  }

  /** The slots of the articles whose title has `phrase`. */
  private titleSlots(phrase: string): number[] {
    return this.guard(() => {
      const row = this.s.titleMatch.get(phrase) as { slots: string | null } | undefined
      return row?.slots ? (JSON.parse(row.slots) as number[]) : []
    })
  }

  /** The matching documents of one article (read from the ranking when it is at hand). */
  private rowidsOf(expression: string, slot: number): number[] {
    return this.guard(() =>
      (
        this.s.matchInRange.all(expression, slot * SLOT_SPAN, slot * SLOT_SPAN + SLOT_SPAN - 1) as {
          rowid: number
        }[]
      ).map((r) => r.rowid),
    )
  }

  private group(
    ranked: Ranked,
    at: number,
    articles: ReadonlyMap<number, ArticleRow>,
    docs: ReadonlyMap<number, DocRow>,
  ): SearchGroup {
    const slot = ranked.slots[at] ?? 0
    const first = ranked.starts[at] ?? 0
    const hitCount = ranked.counts[at] ?? 0
    const article = articles.get(slot)
    const patterns = ranked.compiled.required
    const title = article?.title ?? ''
    const hits: SearchHit[] = []
    for (let i = first; i < first + hitCount && hits.length < MAX_HITS_PER_GROUP; i++) {
      const rowid = ranked.rowids[i] ?? 0
      const hit = this.hit(rowid, patterns, docs.get(rowid))
      if (hit) hits.push(hit)
    }
    return {
      articleId: article?.id ?? '',
      title,
      titleHighlights: highlightsOf(title, patterns, Infinity),
      source: article?.source ?? null,
      hitCount,
      hits,
    }
  }

  private hit(rowid: number, patterns: readonly WordPattern[], known?: DocRow): SearchHit | null {
    const row = known ?? (this.s.docsInRange.get(rowid, rowid) as unknown as DocRow | undefined)
    if (!row) return null
    const kind = rowid % SLOT_SPAN === 0 ? 'article' : 'annotation'
    const stored = JSON.parse(row.fields) as StoredFields
    const order = SNIPPET_ORDER[kind]
    let chosen: { name: SearchField; text: string } | null = null
    let spans: HighlightRange[] = []
    for (const name of order) {
      const field = stored.find(([n]) => n === name)
      if (field === undefined) continue
      const text = field[1]
      chosen ??= { name, text }
      const found = highlightsOf(text, patterns, SNIPPET_LENGTH)
      if (found.length > 0) {
        chosen = { name, text }
        spans = found
        break
      }
    }
    const { snippet, highlights } = makeSnippet(chosen?.text ?? '', spans as [number, number][])
    return {
      kind,
      ...(row.annotation_id !== null ? { annotationId: row.annotation_id } : {}),
      ...(row.annotation_kind !== null ? { annotationKind: row.annotation_kind } : {}),
      field: chosen?.name ?? order[0] ?? 'text',
      snippet,
      highlights,
    }
  }

  private slotOf(articleId: string): number | null {
    const row = this.s.slotOf.get(articleId) as { slot: number } | undefined
    return row ? row.slot : null
  }

  /** Delete an article's documents; returns how many there were. */
  private deleteDocs(slot: number): number {
    const from = slot * SLOT_SPAN
    const to = from + SLOT_SPAN - 1
    this.s.deleteFts.run(from, to)
    this.s.deleteTitle.run(slot)
    return Number(this.s.deleteDocs.run(from, to).changes)
  }

  private readCounts(): void {
    const row = this.s.counts.get() as { articles: number; documents: number }
    this.articles = row.articles
    this.documents = row.documents
    this.nextSlot = ((this.s.maxSlot.get() as { slot: number | null }).slot ?? 0) + 1
  }

  /**
   * One change, all or nothing: its own transaction, or a savepoint inside
   * a batch (`beginBatch`), so a failed article never leaves half its
   * documents and never undoes the others of the batch.
   */
  private transaction(work: () => void): void {
    this.epoch++
    const nested = this.db.isTransaction
    this.db.exec(nested ? 'SAVEPOINT article' : 'BEGIN IMMEDIATE')
    try {
      work()
      this.db.exec(nested ? 'RELEASE article' : 'COMMIT')
    } catch (error) {
      if (nested) {
        this.db.exec('ROLLBACK TO article')
        this.db.exec('RELEASE article')
      } else if (this.db.isTransaction) this.db.exec('ROLLBACK')
      this.readCounts()
      throw error
    }
  }

  /** Run `work`; SQLite's report of a damaged file becomes `IndexDamagedError`. */
  private guard<T>(work: () => T): T {
    try {
      return work()
    } catch (error) {
      if (isDamage(error)) throw new IndexDamagedError(describeError(error))
      throw error
    }
  }
}

const WORD_CHAR = /[\p{L}\p{N}\p{M}]/u
/**
 * A character that may be (part of) a word and whose folded form may differ
 * from its lower case: a letter, digit, mark or format character other than
 * ASCII and plain Cyrillic а-я, ё. Punctuation (“ ” — …) does not count.
 */
const WORDLIKE = /[\p{L}\p{N}\p{M}\p{Cf}]/u

/** Whether `text` before `end` holds a character that is not plain (see above). */
function hasUnplain(text: string, end = text.length): boolean {
  for (let i = 0; i < end; i++) {
    const code = text.charCodeAt(i)
    // ASCII and Cyrillic А-я, Ё, ё: plain. Checked by number, most text never reaches the test below.
    if (code < 0x80 || (code >= 0x410 && code <= 0x44f) || code === 0x401 || code === 0x451)
      continue
    // Typographic punctuation (“ ” — … «») is not part of a word.
    if (code >= 0x2000 && code <= 0x206f && code !== 0x200b && code !== 0x200c && code !== 0x200d)
      continue
    if (code === 0xab || code === 0xbb || code === 0xa0) continue
    if (WORDLIKE.test(text.charAt(i))) return true
  }
  return false
}

/**
 * Where the patterns match in `text`, within `window` characters of the
 * first match.
 *
 * Why a shortcut: folding a whole article to find its first match was most
 * of a query's time (a page shows fifty groups). The first word of a pattern
 * usually appears as typed, in some case: a case-insensitive search for it
 * at a word start gives where to begin, and the exact scan (which folds
 * word by word) runs from there over the snippet's window only. That is
 * the first match only if nothing before it could fold to a pattern: the
 * text before it must be plain (ASCII and Cyrillic а-я and ё, whose folding
 * is their lower case, ё as е). A plain text where the word is not found
 * has no match. Otherwise (an accent, ß, a ligature before or instead of
 * the literal word) the whole text is scanned, as before.
 */
function highlightsOf(
  text: string,
  patterns: readonly WordPattern[],
  window: number,
): HighlightRange[] {
  if (patterns.length === 0 || text.length === 0) return []
  // ё folds to е by losing its diaeresis: with that one replacement, a plain text's lower case is its fold.
  const lower = text.toLowerCase().replaceAll('ё', 'е')
  if (lower.length === text.length) {
    let first = -1
    for (const p of patterns) {
      const word = p.words[0] ?? ''
      let at = word ? lower.indexOf(word) : -1
      while (at > 0 && WORD_CHAR.test(lower.charAt(at - 1))) at = lower.indexOf(word, at + 1)
      if (at >= 0 && (first < 0 || at < first)) first = at
    }
    if (first < 0) {
      // Not there as typed, and nothing in the text folds differently: not there at all.
      if (!hasUnplain(text)) return []
    } else if (!hasUnplain(text, first)) {
      const found = findHighlights(text, patterns, window, first)
      if (found.length > 0) return found
    }
  }
  return findHighlights(text, patterns, window)
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** SQLite's codes for a file that is not a sound database (CORRUPT, NOTADB) and FTS5's own complaint. */
function isDamage(error: unknown): boolean {
  const code = (error as { errcode?: unknown }).errcode
  if (typeof code === 'number' && ((code & 0xff) === 11 || (code & 0xff) === 26)) return true
  return /malformed|corrupt|not a database/i.test(describeError(error))
}

function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path)
  db.exec('PRAGMA busy_timeout = 5000')
  if (path !== ':memory:') {
    // Derived data: a crash may lose the last transactions, never the file's consistency; the
    // stamps then no longer match and those articles are indexed again.
    db.exec('PRAGMA journal_mode = WAL')
    db.exec('PRAGMA synchronous = NORMAL')
    // Checkpoints are the host's to time (`checkpoint`): after a batch of the build, or when saves
    // stop. SQLite's own, at every 4 MB of log, landed inside a save and held the next query.
    // This one is only a safety net.
    db.exec('PRAGMA wal_autocheckpoint = 16384')
  }
  return db
}

function hasSchema(db: DatabaseSync): boolean {
  const row = db
    .prepare(
      "SELECT count(*) AS n FROM sqlite_schema WHERE name IN ('fts', 'titles', 'articles', 'docs', 'info')",
    )
    .get() as { n: number }
  return row.n === 5
}

/** Null when the file can be used as it is; else why not. */
function checkDatabase(db: DatabaseSync): RebuildReason | null {
  if (!hasSchema(db)) return 'missing'
  const version = (db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version
  if (version !== FTS_INDEX_VERSION) return 'version'
  const fold = db.prepare("SELECT value FROM info WHERE key = 'fold'").get() as
    { value: string } | undefined
  if (fold?.value !== foldFingerprint()) return 'version'
  // Reading the tables touches their roots: a truncated or overwritten file fails here. (Not
  // every page: that would read the whole file at every open; damage found later resets it.)
  db.prepare('SELECT count(*) FROM articles').get()
  db.prepare('SELECT rowid FROM docs LIMIT 1').get()
  db.prepare('SELECT rowid FROM fts WHERE fts MATCH ? LIMIT 1').get(EVERYTHING)
  return null
}

function removeDatabase(path: string): void {
  // The WAL and shared-memory files go too: a stale `-shm` beside a new file reads as damage.
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(path + suffix, { force: true })
}

function createSchema(db: DatabaseSync): void {
  db.exec(`
    DROP TABLE IF EXISTS fts;
    DROP TABLE IF EXISTS titles;
    DROP TABLE IF EXISTS docs;
    DROP TABLE IF EXISTS articles;
    DROP TABLE IF EXISTS info;
    CREATE VIRTUAL TABLE fts USING fts5(body,
      tokenize = 'ascii', content = '', contentless_delete = 1, prefix = '2 3');
    -- Merge segments 16 at a time rather than 4, and force a merge only at 64 segments of a level
    -- (not 16, which with automerge 16 made one commit in a build take 3 s): a fifth less time
    -- building 110,000 documents, the longest commit about 0.3 s (measured), queries unchanged.
    INSERT INTO fts (fts, rank) VALUES ('automerge', 16);
    INSERT INTO fts (fts, rank) VALUES ('crisismerge', 64);
    CREATE VIRTUAL TABLE titles USING fts5(title,
      tokenize = 'ascii', content = '', contentless_delete = 1);
    CREATE TABLE docs (rowid INTEGER PRIMARY KEY, annotation_id TEXT, annotation_kind TEXT,
      fields TEXT NOT NULL, picker TEXT, updated_at TEXT);
    CREATE INDEX docs_updated ON docs (updated_at) WHERE updated_at IS NOT NULL;
    CREATE TABLE articles (slot INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stamp TEXT NOT NULL,
      title TEXT NOT NULL, source TEXT, documents INTEGER NOT NULL);
    CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  `)
  db.prepare("INSERT INTO info (key, value) VALUES ('fold', ?)").run(foldFingerprint())
  db.exec(`PRAGMA user_version = ${FTS_INDEX_VERSION}`)
}

function prepare(db: DatabaseSync): Statements {
  return {
    insertFts: db.prepare('INSERT INTO fts (rowid, body) VALUES (?, ?)'),
    insertDoc: db.prepare(
      `INSERT INTO docs (rowid, annotation_id, annotation_kind, fields, picker, updated_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    findAnnotations: db.prepare(
      `SELECT d.rowid, d.annotation_id, d.annotation_kind, d.fields, d.picker, a.id, a.title
       FROM docs d JOIN articles a ON a.slot = d.rowid >> ${SLOT_SHIFT}
       WHERE d.rowid IN (SELECT rowid FROM fts WHERE fts MATCH ?)
       ORDER BY d.updated_at DESC, d.annotation_id LIMIT ?`,
    ),
    articlesBySlots: db.prepare(
      'SELECT slot, id, title, source FROM articles WHERE slot IN (SELECT value FROM json_each(?))',
    ),
    docsByRowids: db.prepare(
      `SELECT rowid, annotation_id, annotation_kind, fields FROM docs
       WHERE rowid IN (SELECT value FROM json_each(?))`,
    ),
    latestAnnotations: db.prepare(
      `SELECT d.rowid, d.annotation_id, d.annotation_kind, d.fields, d.picker, a.id, a.title
       FROM docs d JOIN articles a ON a.slot = d.rowid >> ${SLOT_SHIFT}
       WHERE d.updated_at IS NOT NULL AND (? IS NULL OR d.annotation_kind = ?)
       ORDER BY d.updated_at DESC, d.annotation_id LIMIT ?`,
    ),
    deleteFts: db.prepare('DELETE FROM fts WHERE rowid BETWEEN ? AND ?'),
    deleteDocs: db.prepare('DELETE FROM docs WHERE rowid BETWEEN ? AND ?'),
    articleBySlot: db.prepare('SELECT id, title, source FROM articles WHERE slot = ?'),
    slotOf: db.prepare('SELECT slot FROM articles WHERE id = ?'),
    upsertArticle: db.prepare(
      `INSERT INTO articles (slot, id, stamp, title, source, documents) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (slot) DO UPDATE SET stamp = excluded.stamp, title = excluded.title,
       source = excluded.source, documents = excluded.documents`,
    ),
    deleteArticle: db.prepare('DELETE FROM articles WHERE slot = ?'),
    match: db.prepare('SELECT json_group_array(rowid) AS rowids FROM fts WHERE fts MATCH ?'),
    titleMatch: db.prepare(
      'SELECT json_group_array(rowid) AS slots FROM titles WHERE titles MATCH ?',
    ),
    insertTitle: db.prepare('INSERT INTO titles (rowid, title) VALUES (?, ?)'),
    deleteTitle: db.prepare('DELETE FROM titles WHERE rowid = ?'),
    matchInRange: db.prepare(
      'SELECT rowid FROM fts WHERE fts MATCH ? AND rowid BETWEEN ? AND ? ORDER BY rowid',
    ),
    docsInRange: db.prepare(
      'SELECT rowid, annotation_id, annotation_kind, fields FROM docs WHERE rowid BETWEEN ? AND ? ORDER BY rowid',
    ),
    stamps: db.prepare('SELECT id, stamp FROM articles'),
    setStamp: db.prepare('UPDATE articles SET stamp = ? WHERE id = ?'),
    // From the articles table (small rows): counting `docs` would read every page of the texts.
    counts: db.prepare(
      'SELECT count(*) AS articles, coalesce(sum(documents), 0) AS documents FROM articles',
    ),
    maxSlot: db.prepare('SELECT max(slot) AS slot FROM articles'),
  }
}
