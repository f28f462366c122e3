/**
 * A library's search index, built in the background and kept up to date.
 *
 * Why not persisted: the index is derived from the article and annotation
 * files and would have to be kept in step with them on every save (and
 * FlexSearch's export format is tied to its version). Instead it is built
 * after the library opens, without blocking: article files are read with
 * bounded concurrency, and each article is indexed in its own turn of the
 * event loop (about a millisecond), so the window is served in between. A search made before the
 * build has finished waits briefly, then answers with `ready: false` and what
 * is indexed so far.
 *
 * Updates are incremental. The store reports every saved change to an
 * article's annotations, status, tags or note (`onDidChangeArticle`), and the
 * article's documents are replaced from that state; new articles (imports)
 * are noticed before each search and after each change.
 */
import { articleText } from '../../shared/domain/article'
import { parseQuery } from '../../shared/search/query'
import { DEFAULT_SEARCH_LIMIT, type SearchResults } from '../../shared/search/types'
import type { ArticleFile, IndexEntry } from '../store/files'
import type { LibraryStore } from '../store/library-store'
import { annotationDocuments, articleDocument, type ArticleSearchState } from './documents'
import { SearchIndex } from './search-index'

export interface LibrarySearchOptions {
  /** Article files read at once while building. */
  readonly concurrency?: number
  /** How long a search waits for an unfinished build before answering with `ready: false`. */
  readonly waitMs?: number
  readonly log?: (message: string, error: unknown) => void
}

export interface SearchStats {
  readonly ready: boolean
  readonly articles: number
  readonly documents: number
  /** Time from the start of the build to the index first being complete; null while building. */
  readonly buildMs: number | null
  /** The longest the build held the event loop in one stretch. */
  readonly longestStallMs: number
  /** Articles whose text could not be read; indexed by title, note and annotations only. */
  readonly unreadable: number
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

/** Annotations anchored and indexed per turn of the event loop while building. */
const ANNOTATION_SLICE = 16
const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

export class LibrarySearch {
  readonly index = new SearchIndex()
  private readonly options: Required<Omit<LibrarySearchOptions, 'log'>>
  /** Article ids waiting to be indexed from disk. */
  private readonly queue: string[] = []
  private readonly queued = new Set<string>()
  /** Article texts, kept so annotation changes can be re-anchored without reading the disk. */
  private readonly texts = new Map<string, string>()
  /** States reported while an article was being read from disk; newer than what was read. */
  private readonly reported = new Map<string, ArticleSearchState>()
  private seenList: readonly IndexEntry[] | null = null
  private running = 0
  private idleWaiters: (() => void)[] = []
  private started: number | null = null
  private buildMs: number | null = null
  private longestStallMs = 0
  private unreadable = 0
  private disposed = false
  private readonly pendingChanges = new Map<string, Readonly<ArticleFile>>()
  private pendingTimer: NodeJS.Immediate | null = null
  private readonly unsubscribe: () => void

  constructor(
    private readonly store: LibraryStore,
    options: LibrarySearchOptions = {},
  ) {
    this.options = {
      concurrency: options.concurrency ?? 8,
      waitMs: options.waitMs ?? 250,
    }
    this.log = options.log ?? (() => undefined)
    this.unsubscribe = store.onDidChangeArticle((id, state) => this.articleChanged(id, state))
  }

  private readonly log: (message: string, error: unknown) => void

  /** Start building (idempotent); returns at once. */
  start(): void {
    if (this.started !== null || this.disposed) return
    this.started = performance.now()
    this.sync()
  }

  /** Whether every article of the library is indexed. */
  get ready(): boolean {
    return this.started !== null && this.running === 0 && this.queue.length === 0
  }

  /** Resolves when every article known now is indexed. */
  whenReady(): Promise<void> {
    this.start()
    this.sync()
    if (this.ready) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Search the library; waits up to `waitMs` for an unfinished build. */
  async query(input: { query: string; limit?: number | undefined }): Promise<SearchResults> {
    this.start()
    this.applyPendingChanges()
    this.sync()
    if (!this.ready) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.options.waitMs)
      })
      await Promise.race([this.whenReady(), timeout])
      clearTimeout(timer)
    }
    const { total, groups } = this.index.search(
      parseQuery(input.query),
      input.limit ?? DEFAULT_SEARCH_LIMIT,
    )
    return { ready: this.ready, total, groups }
  }

  stats(): SearchStats {
    return {
      ready: this.ready,
      articles: this.index.articleCount,
      documents: this.index.size,
      buildMs: this.buildMs,
      longestStallMs: this.longestStallMs,
      unreadable: this.unreadable,
    }
  }

  /** Stop building and stop listening; waits for reads in flight. */
  async dispose(): Promise<void> {
    this.disposed = true
    if (this.pendingTimer) clearImmediate(this.pendingTimer)
    this.pendingTimer = null
    this.unsubscribe()
    this.queue.length = 0
    this.queued.clear()
    while (this.running > 0) await delay(1)
    this.notifyIdle()
  }

  /** Notice articles added or removed since last time (an O(1) check when nothing changed). */
  sync(): void {
    if (this.disposed || this.started === null) return
    const list = this.store.listArticles()
    if (list === this.seenList) return
    this.seenList = list
    const present = new Set<string>()
    for (const entry of list) {
      present.add(entry.id)
      if (!this.index.hasArticle(entry.id) && !this.queued.has(entry.id)) {
        this.queued.add(entry.id)
        this.queue.push(entry.id)
      }
    }
    for (const id of [...this.texts.keys()]) {
      if (!present.has(id)) {
        this.index.removeArticle(id)
        this.texts.delete(id)
      }
    }
    this.pump()
  }

  private pump(): void {
    while (!this.disposed && this.running < this.options.concurrency && this.queue.length > 0) {
      const id = this.queue.shift()
      if (id === undefined) break
      this.running++
      void this.indexFromDisk(id).finally(() => {
        this.running--
        this.queued.delete(id)
        this.pump()
        if (this.ready) this.notifyIdle()
      })
    }
    if (this.ready) this.notifyIdle()
  }

  private notifyIdle(): void {
    if (this.started !== null && this.buildMs === null && this.ready) {
      this.buildMs = performance.now() - this.started
    }
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  private async indexFromDisk(id: string): Promise<void> {
    try {
      const entry = this.store.getArticle(id)
      if (!entry) return
      let text = ''
      try {
        text = articleText(await this.store.readBody(entry))
      } catch (error) {
        this.unreadable++
        this.log(`search: cannot read the text of ${id}`, error)
      }
      const state = await this.store.readArticle(id)
      await yieldToLoop()
      if (this.disposed || !this.store.getArticle(id)) return
      await this.indexInSlices(id, text, this.reported.get(id) ?? state)
    } catch (error) {
      this.log(`search: cannot index ${id}`, error)
    }
  }

  /**
   * Index a newly read article a slice at a time.
   *
   * An article can carry hundreds of annotations, each anchored (some by
   * fuzzy matching) before it is indexed; doing that in one go kept the main
   * process busy for hundreds of milliseconds. Slices of a few annotations,
   * with a turn of the event loop between them, keep every stall short.
   */
  private async indexInSlices(id: string, text: string, state: ArticleSearchState): Promise<void> {
    const entry = this.store.getArticle(id)
    if (!entry) return
    this.reported.delete(id)
    let t0 = performance.now()
    this.index.upsert(articleDocument(entry, text, state))
    for (let i = 0; i < state.annotations.length; i += ANNOTATION_SLICE) {
      const slice = state.annotations.slice(i, i + ANNOTATION_SLICE)
      for (const doc of annotationDocuments(entry, text, slice)) this.index.upsert(doc)
      this.longestStallMs = Math.max(this.longestStallMs, performance.now() - t0)
      await yieldToLoop()
      if (this.disposed || !this.store.getArticle(id)) return
      t0 = performance.now()
    }
    this.longestStallMs = Math.max(this.longestStallMs, performance.now() - t0)
    this.texts.set(id, text)
    // A change saved while the slices were being indexed wins over what was read.
    const changed = this.reported.get(id)
    this.reported.delete(id)
    if (changed) this.replace(id, changed)
  }

  private articleChanged(id: string, state: Readonly<ArticleFile>): void {
    if (this.disposed) return
    // Re-indexing is deferred so that a save is acknowledged without waiting for it;
    // a query applies whatever is still pending first, so results are never stale.
    this.pendingChanges.set(id, state)
    this.pendingTimer ??= setImmediate(() => this.applyPendingChanges())
  }

  private applyPendingChanges(): void {
    if (this.pendingTimer) clearImmediate(this.pendingTimer)
    this.pendingTimer = null
    if (this.disposed) return
    const changes = [...this.pendingChanges]
    this.pendingChanges.clear()
    for (const [id, state] of changes) {
      if (this.texts.has(id)) this.replace(id, state)
      else this.reported.set(id, state)
    }
    if (changes.length > 0) this.sync()
  }

  /** Replace an indexed article's documents from its current state. */
  private replace(id: string, state: ArticleSearchState): void {
    const entry = this.store.getArticle(id)
    const text = this.texts.get(id)
    if (!entry || text === undefined) return
    // Documents whose words did not change (a tag or status edit) are not re-indexed, only re-described.
    this.index.replaceArticle(id, [
      articleDocument(entry, text, state),
      ...annotationDocuments(entry, text, state.annotations),
    ])
  }
}
