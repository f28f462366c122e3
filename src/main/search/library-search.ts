/**
 * A library's search index, kept with the library and kept up to date.
 *
 * The index is a file next to the library (`search-index.sqlite`, derived
 * data) owned by the search host, which in the app runs in a worker thread
 * (see `search-engine.ts`). When the library opens, the host opens the file
 * and reports the stamp each article was indexed at; this side compares them
 * with the library's own (`searchStamp`: the article file's stamp, its text's
 * hash and what the index shows of its entry) and sends only the articles
 * that differ, reading them a few at a time with asynchronous I/O. An
 * unchanged library is therefore searchable as soon as the file is open; a
 * missing, old or damaged file is built again in the background. A search
 * made before that has finished waits briefly, then answers with
 * `ready: false` and what is indexed so far.
 *
 * Updates are incremental. The store reports every saved change to an
 * article's annotations, status, tags or note (`onDidChangeArticle`), and the
 * host replaces that article's documents from that state before it answers
 * the next query; new and deleted articles are noticed before each search
 * and after each change.
 *
 * If the worker dies (out of memory, a bug), it is started again and the
 * index rebuilt; queries meanwhile answer with `ready: false`. After a few
 * failures the index is built in this thread instead, unless the worker ran
 * out of memory: then search is turned off with a clear error, since the
 * same index in the main thread would take the whole app down.
 */
import { articleText } from '../../shared/domain/article'
import { WorkbenchError } from '../../shared/ipc/result'
import {
  DEFAULT_HITS_LIMIT,
  DEFAULT_SEARCH_LIMIT,
  type SearchHitsPage,
  type SearchResults,
} from '../../shared/search/types'
import { join } from 'node:path'
import { SEARCH_INDEX_FILE, type ArticleFile, type IndexEntry } from '../store/files'
import type { LibraryStore } from '../store/library-store'
import type { ArticleSearchSource, ArticleSearchState } from './documents'
import { inProcessEngine, type SearchEngine, type SearchEngineFactory } from './search-engine'
import type { FoundAnnotation, RebuildReason } from './fts-index'
import type {
  AnswerOf,
  ArticleHits,
  HostCounts,
  SearchQuestion,
  SearchReply,
} from './search-protocol'

export interface LibrarySearchOptions {
  /**
   * Article files read at once while building. Reads that complete
   * together are parsed and validated in one turn of the main thread, so
   * few: the worker indexes more slowly than two readers read anyway.
   */
  readonly concurrency?: number
  /** How long a search waits for an unfinished build before answering with `ready: false`. */
  readonly waitMs?: number
  /** Where the index lives: in this thread unless a worker factory is given. */
  readonly engine?: SearchEngineFactory
  /** How many times a failed worker is started again before the index moves to this thread. */
  readonly maxRestarts?: number
  /**
   * The index file; null keeps the index in memory only (rebuilt at every
   * open). Default: `search-index.sqlite` in the library folder.
   */
  readonly indexPath?: string | null
  readonly log?: (message: string, error: unknown) => void
}

export interface SearchStats {
  readonly ready: boolean
  readonly articles: number
  readonly documents: number
  /** Time from the start of the build to the index first being complete; null while building. */
  readonly buildMs: number | null
  /** The longest search work held this (the main) thread in one stretch. */
  readonly longestStallMs: number
  /** The longest the host held its own thread (the worker's, or this one in-process). */
  readonly hostStallMs: number
  /** The heap used in the host's thread when it last replied; null before it has. */
  readonly hostHeapUsedBytes: number | null
  /** Where the index lives, as its host reports it; null before it has replied. */
  readonly hostThread: 'main' | 'worker' | null
  /** Articles whose text could not be read; indexed by title, note and annotations only. */
  readonly unreadable: number
  /** Times the host failed and was started again. */
  readonly restarts: number
  /** The worker ran out of memory and search is off until the app restarts. */
  readonly outOfMemory: boolean
  /** How long the host spent on the last query answered, without the messages; null before one. */
  readonly lastQueryMs: number | null
  /** The index file in use; null when it is kept in memory (or before it is open). */
  readonly indexPath: string | null
  /** Its size on disk (with its write-ahead log). */
  readonly indexBytes: number
  /** Time from the start to the host reporting the index open. */
  readonly openMs: number | null
  /** Why the file found at open was built again; null when it was used (or not open yet). */
  readonly rebuilt: RebuildReason | null
  /** Articles found up to date in the index file at open (not read again). */
  readonly reused: number
}

/**
 * Articles posted to the host and not yet indexed, at most. Enough to keep
 * the host busy; few enough that the host's queue (and a query behind it)
 * stays short and that read texts do not pile up in memory.
 */
const MAX_IN_FLIGHT = 32

/** Node's code for a worker that hit its heap limit. */
function isOutOfMemory(error: Error): boolean {
  return (error as { code?: unknown }).code === 'ERR_WORKER_OUT_OF_MEMORY'
}

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

interface PendingQuery {
  readonly request: SearchQuestion
  readonly resolve: (outcome: unknown) => void
  readonly reject: (error: Error) => void
}

/**
 * What an article looked like when indexed: the stamp of its file, the hash
 * of its text, and the parts of its entry its documents show. Null when the
 * file's stamp is unknown: such an article is always indexed again.
 */
export function searchStamp(entry: IndexEntry, damaged: boolean): string | null {
  if (entry.derivedStamp === null) return null
  return JSON.stringify([
    entry.derivedStamp,
    entry.contentHash,
    entry.title,
    entry.source,
    entry.importWarning !== null,
    damaged,
  ])
}

/** The part of an index entry the host needs. */
function searchSource(entry: IndexEntry, damaged: boolean): ArticleSearchSource {
  return {
    id: entry.id,
    title: entry.title,
    source: entry.source,
    contentHash: entry.contentHash,
    damaged,
    flagged: entry.importWarning !== null,
  }
}

/** The part of an article file the host needs. */
function searchState(file: Readonly<ArticleFile>): ArticleSearchState {
  return {
    status: file.status,
    tags: file.tags,
    note: file.note,
    annotations: file.annotations,
  }
}

export class LibrarySearch {
  private readonly options: Required<Omit<LibrarySearchOptions, 'log' | 'engine' | 'indexPath'>>
  private factory: SearchEngineFactory
  private readonly log: (message: string, error: unknown) => void
  /** Article ids waiting to be read from disk. */
  private readonly queue: string[] = []
  private readonly queued = new Set<string>()
  /** Reads under way for the current host, by article id, with the token that identifies each. */
  private readonly reading = new Map<string, object>()
  /** Reads under way, including those a restart made obsolete. */
  private activeReads = 0
  /** Articles posted to the current host (or found current in its file), with the content hash of the text. */
  private readonly sent = new Map<string, string>()
  /** The stamp of each article as the host has it (see `searchStamp`). */
  private readonly stamps = new Map<string, string>()
  /** The index entry each article was last checked against the host's stamp with. */
  private readonly checked = new Map<string, IndexEntry>()
  /** The host has opened its index and reported what it holds. */
  private opened = false
  private openMs: number | null = null
  private rebuilt: RebuildReason | null = null
  private indexPath: string | null = null
  private reused = 0
  private readonly requestedPath: string | null
  /** Index jobs posted and not yet acknowledged. */
  private inFlight = 0
  private seenList: readonly IndexEntry[] | null = null
  private engine: SearchEngine
  private counts: HostCounts | null = null
  private readonly pendingQueries = new Map<number, PendingQuery>()
  private nextSeq = 1
  private idleWaiters: (() => void)[] = []
  private started: number | null = null
  private buildMs: number | null = null
  private longestStallMs = 0
  private unreadable = 0
  private restarts = 0
  private lastQueryMs: number | null = null
  /** Set when the worker ran out of memory: search is off until the app restarts. */
  private outOfMemory: Error | null = null
  private disposed = false
  private readonly pendingChanges = new Map<string, Readonly<ArticleFile>>()
  private pendingTimer: NodeJS.Immediate | null = null
  private readonly unsubscribe: () => void

  constructor(
    private readonly store: LibraryStore,
    options: LibrarySearchOptions = {},
  ) {
    this.options = {
      concurrency: options.concurrency ?? 2,
      waitMs: options.waitMs ?? 250,
      maxRestarts: options.maxRestarts ?? 3,
    }
    this.log = options.log ?? (() => undefined)
    this.factory = options.engine ?? inProcessEngine
    this.requestedPath =
      options.indexPath === undefined ? join(store.dir, SEARCH_INDEX_FILE) : options.indexPath
    this.engine = this.startEngine()
    this.unsubscribe = store.onDidChangeArticle((id, state) => this.articleChanged(id, state))
  }

  /** Start building (idempotent); returns at once. */
  start(): void {
    if (this.started !== null || this.disposed) return
    this.started = performance.now()
    this.sync()
  }

  /** Whether every article of the library is indexed. */
  get ready(): boolean {
    return (
      this.started !== null &&
      this.opened &&
      this.queue.length === 0 &&
      this.reading.size === 0 &&
      this.inFlight === 0
    )
  }

  /** Resolves when every article known now is indexed. */
  whenReady(): Promise<void> {
    this.start()
    this.sync()
    if (this.ready || this.disposed) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /** Search the library, a page of articles at a time; waits up to `waitMs` for an unfinished build. */
  async query(input: {
    query: string
    offset?: number | undefined
    limit?: number | undefined
  }): Promise<SearchResults> {
    const offset = input.offset ?? 0
    const outcome = await this.ask(
      (seq) =>
        ({
          type: 'query',
          seq,
          query: input.query,
          offset,
          limit: input.limit ?? DEFAULT_SEARCH_LIMIT,
        }) as const,
    )
    const base = { total: outcome.total, offset, groups: outcome.groups }
    if (this.ready) return { ready: true, ...base }
    return { ready: false, progress: this.progress(), ...base }
  }

  /** A page of one article's matching documents (annotations and its own text). */
  async hits(input: {
    query: string
    articleId: string
    offset?: number | undefined
    limit?: number | undefined
  }): Promise<SearchHitsPage> {
    const answer: ArticleHits = await this.ask(
      (seq) =>
        ({
          type: 'hits',
          seq,
          query: input.query,
          articleId: input.articleId,
          offset: input.offset ?? 0,
          limit: input.limit ?? DEFAULT_HITS_LIMIT,
        }) as const,
    )
    return { total: answer.total, hits: answer.hits }
  }

  /**
   * Every article matching a query, best first, once the index is complete
   * (an export must not cover half a library without a word).
   */
  async matchingArticleIds(query: string): Promise<string[]> {
    await this.whenReady()
    if (this.disposed) throw new WorkbenchError('cancelled', 'The library is closed')
    if (this.outOfMemory) throw this.unavailable()
    return [...(await this.ask((seq) => ({ type: 'matches', seq, query }) as const, false))]
  }

  /**
   * Annotations for the claim-link picker, from the index: null while the
   * index is not complete (the caller then scans the library, so the picker
   * never misses an annotation).
   */
  async findAnnotations(input: {
    words: readonly string[]
    kind: 'highlight' | 'claim' | null
    limit: number
  }): Promise<readonly FoundAnnotation[] | null> {
    const found = await this.ask((seq) => ({ type: 'find', seq, ...input }) as const)
    return this.ready ? found : null
  }

  /** Send a question to the host and wait for its answer, after pending changes. */
  private async ask<Q extends SearchQuestion>(
    make: (seq: number) => Q,
    wait = true,
  ): Promise<AnswerOf<Q>> {
    // The host is gone: a query now would wait for an answer that never comes.
    if (this.disposed) throw new WorkbenchError('cancelled', 'The library is closed')
    this.start()
    this.flushChanges()
    this.sync()
    if (this.outOfMemory) throw this.unavailable()
    if (wait && !this.ready) {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.options.waitMs)
      })
      await Promise.race([this.whenReady(), timeout])
      clearTimeout(timer)
      // Changes saved while waiting must be in what the host answers from.
      this.flushChanges()
      this.sync()
    }
    const request = make(this.nextSeq++)
    if (this.outOfMemory) throw this.unavailable()
    if (this.disposed) throw new WorkbenchError('cancelled', 'The library is closed')
    return new Promise<AnswerOf<Q>>((resolve, reject) => {
      this.pendingQueries.set(request.seq, {
        request,
        resolve: resolve as (outcome: unknown) => void,
        reject,
      })
      this.engine.post(request)
    })
  }

  /** How far the build has got: articles indexed (acknowledged by the host) of those in the library. */
  private progress(): { indexed: number; articles: number } {
    const articles = this.store.listArticles().length
    return { indexed: Math.min(articles, this.sent.size - this.inFlight), articles }
  }

  stats(): SearchStats {
    return {
      ready: this.ready,
      articles: this.counts?.articles ?? 0,
      documents: this.counts?.documents ?? 0,
      buildMs: this.buildMs,
      longestStallMs: this.longestStallMs,
      hostStallMs: this.counts?.longestStallMs ?? 0,
      hostHeapUsedBytes: this.counts?.heapUsedBytes ?? null,
      hostThread: this.counts === null ? null : this.counts.threadId === 0 ? 'main' : 'worker',
      unreadable: this.unreadable,
      restarts: this.restarts,
      outOfMemory: this.outOfMemory !== null,
      lastQueryMs: this.lastQueryMs,
      indexPath: this.indexPath,
      indexBytes: this.counts?.indexBytes ?? 0,
      openMs: this.openMs,
      rebuilt: this.rebuilt,
      reused: this.reused,
    }
  }

  /** Stop building and stop listening; waits for reads in flight, then stops the host. */
  async dispose(): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    if (this.pendingTimer) clearImmediate(this.pendingTimer)
    this.pendingTimer = null
    this.unsubscribe()
    this.queue.length = 0
    this.queued.clear()
    while (this.activeReads > 0) await delay(1)
    await this.engine.dispose()
    this.failQueries(new WorkbenchError('cancelled', 'The library was closed during the search'))
    this.notifyIdle()
  }

  /**
   * Notice articles added, removed or changed on disk since last time (an
   * O(1) check when the list did not change).
   */
  sync(): void {
    if (this.disposed || this.started === null || this.outOfMemory || !this.opened) return
    const list = this.store.listArticles()
    if (list !== this.seenList) {
      this.seenList = list
      const present = new Set<string>()
      for (const entry of list) {
        const id = entry.id
        present.add(id)
        if (this.queued.has(id) || this.reading.has(id) || this.pendingChanges.has(id)) continue
        // The same entry object as at the last check: nothing about it changed since. (A saved
        // change replaces the entry; this keeps a save from re-stamping 10,000 unchanged ones.)
        if (this.checked.get(id) === entry) continue
        this.checked.set(id, entry)
        const had = this.stamps.get(id)
        if (had !== undefined && this.sent.has(id)) {
          const now = searchStamp(entry, this.store.damageOf(id) !== null)
          // Changed behind the app's back (found so at open, restored, repaired): read it again.
          if (now === null || now === had) continue
        } else if (had !== undefined) {
          // In the index file from an earlier session: current unless its stamp differs.
          const now = searchStamp(entry, this.store.damageOf(id) !== null)
          if (now !== null && now === had) {
            this.sent.set(id, entry.contentHash)
            this.reused++
            continue
          }
        }
        this.queued.add(id)
        this.queue.push(id)
      }
      const gone = [...this.stamps.keys()].filter((id) => !present.has(id))
      if (gone.length > 0) {
        for (const id of gone) {
          this.sent.delete(id)
          this.stamps.delete(id)
          this.checked.delete(id)
        }
        this.engine.post({ type: 'remove', ids: gone })
      }
    }
    this.pump()
  }

  private startEngine(): SearchEngine {
    this.opened = false
    const engine = this.factory({
      onReply: (reply) => this.onReply(reply),
      onFailure: (error) => this.onFailure(error),
    })
    engine.post({ type: 'open', path: this.requestedPath })
    return engine
  }

  private onReply(reply: SearchReply): void {
    switch (reply.type) {
      case 'opened':
        this.counts = reply.counts
        this.opened = true
        this.rebuilt = reply.rebuilt
        this.indexPath = reply.path
        this.stamps.clear()
        this.checked.clear()
        for (const [id, stamp] of reply.stamps) this.stamps.set(id, stamp)
        if (this.started !== null) this.openMs ??= performance.now() - this.started
        this.seenList = null
        this.sync()
        if (this.ready) this.notifyIdle()
        return
      case 'reset':
        // The file was damaged and started again empty: everything is sent again.
        this.log('search: the index is being built again', new Error(reply.message))
        this.rebuilt = 'damaged'
        this.stamps.clear()
        this.checked.clear()
        this.sent.clear()
        this.inFlight = 0
        this.seenList = null
        this.buildMs = null
        this.started = performance.now()
        this.sync()
        return
      case 'indexed':
        this.counts = reply.counts
        this.inFlight = Math.max(0, this.inFlight - 1)
        this.pump()
        return
      case 'answer': {
        this.counts = reply.counts
        this.lastQueryMs = reply.tookMs
        const pending = this.pendingQueries.get(reply.seq)
        this.pendingQueries.delete(reply.seq)
        pending?.resolve(reply.outcome)
        return
      }
      case 'failed': {
        const pending = this.pendingQueries.get(reply.seq)
        this.pendingQueries.delete(reply.seq)
        pending?.reject(new WorkbenchError('internal', `Search failed: ${reply.message}`))
        return
      }
      case 'log':
        this.log(reply.message, reply.detail)
        return
    }
  }

  /**
   * The host died: start a new one and index everything again. After a few
   * failures the worker is given up for a host in this thread: slower to
   * build, but search keeps working.
   */
  private onFailure(error: Error): void {
    if (this.disposed) return
    this.log('search: the search index stopped', error)
    this.reading.clear()
    this.sent.clear()
    this.stamps.clear()
    this.checked.clear()
    this.inFlight = 0
    this.counts = null
    if (isOutOfMemory(error)) {
      // Rebuilding would run out of memory again, and in the main thread it would take the app down.
      this.outOfMemory = error
      this.queue.length = 0
      this.queued.clear()
      this.failQueries(this.unavailable())
      this.notifyIdle()
      return
    }
    this.restarts++
    if (this.restarts > this.options.maxRestarts && this.factory !== inProcessEngine) {
      this.log('search: building the index in the main thread from now on', error)
      this.factory = inProcessEngine
    }
    this.engine = this.startEngine()
    this.seenList = null
    this.buildMs = null
    this.started = performance.now()
    // Asked before the failure: answered by the new host from what it has (`ready: false`).
    for (const pending of this.pendingQueries.values()) this.engine.post(pending.request)
    this.sync()
  }

  private unavailable(): WorkbenchError {
    return new WorkbenchError(
      'internal',
      'Search is off: its index needs more memory than this computer allows. Everything else works; restart the app to try again.',
      this.outOfMemory?.message,
    )
  }

  private failQueries(error: Error): void {
    const pending = [...this.pendingQueries.values()]
    this.pendingQueries.clear()
    for (const query of pending) query.reject(error)
  }

  private pump(): void {
    while (
      !this.disposed &&
      this.queue.length > 0 &&
      this.reading.size < this.options.concurrency &&
      this.inFlight + this.reading.size < MAX_IN_FLIGHT
    ) {
      const id = this.queue.shift()
      if (id === undefined) break
      this.queued.delete(id)
      const token = {}
      this.reading.set(id, token)
      this.activeReads++
      void this.read(id, token).finally(() => {
        this.activeReads--
        if (this.reading.get(id) === token) this.reading.delete(id)
        this.pump()
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

  /** Read one article and post it to the host, unless a restart or a deletion made that moot. */
  private async read(id: string, token: object): Promise<void> {
    try {
      const entry = this.store.getArticle(id)
      if (!entry) return
      let blocks: Awaited<ReturnType<LibraryStore['readBody']>> = []
      try {
        blocks = await this.store.readBody(entry)
      } catch (error) {
        this.unreadable++
        // A missing or damaged text is expected damage, already shown on the article; anything else is a bug.
        if (!(error instanceof WorkbenchError))
          this.log(`search: cannot read the text of ${id}`, error)
      }
      // The live state, so the newest saved one; not copied, since posting it copies it for the host.
      const file = await this.store.peekArticle(id)
      const t0 = performance.now()
      if (this.disposed || this.reading.get(id) !== token || !this.store.getArticle(id)) return
      // Read after the body and the article file, so damage found reading them counts.
      const damaged = this.store.damageOf(id) !== null
      const stamp = searchStamp(this.store.getArticle(id) ?? entry, damaged) ?? ''
      this.engine.post({
        type: 'index',
        job: {
          entry: searchSource(entry, damaged),
          text: articleText(blocks),
          state: searchState(file),
          stamp,
        },
      })
      this.sent.set(id, entry.contentHash)
      this.stamps.set(id, stamp)
      this.inFlight++
      this.longestStallMs = Math.max(this.longestStallMs, performance.now() - t0)
    } catch (error) {
      this.log(`search: cannot index ${id}`, error)
    }
  }

  private articleChanged(id: string, state: Readonly<ArticleFile>): void {
    if (this.disposed) return
    // Posted on the next turn so that a save is acknowledged without waiting for it;
    // a query flushes whatever is still pending first, so results are never stale.
    this.pendingChanges.set(id, state)
    this.pendingTimer ??= setImmediate(() => this.flushChanges())
  }

  private flushChanges(): void {
    if (this.pendingTimer) clearImmediate(this.pendingTimer)
    this.pendingTimer = null
    if (this.disposed || this.pendingChanges.size === 0) return
    const t0 = performance.now()
    const changes = [...this.pendingChanges]
    this.pendingChanges.clear()
    for (const [id, file] of changes) {
      // An article still to be read will be read with this state; one not yet sent has no index to change.
      if (!this.sent.has(id) && !this.reading.has(id)) continue
      const entry = this.store.getArticle(id)
      if (!entry) continue
      const sentHash = this.sent.get(id)
      if (sentHash !== undefined && sentHash !== entry.contentHash) {
        // A new version of the text: index it again from its body.
        this.sent.delete(id)
        this.stamps.delete(id)
        this.engine.post({ type: 'remove', ids: [id] })
        if (!this.queued.has(id) && !this.reading.has(id)) {
          this.queued.add(id)
          this.queue.push(id)
        }
        continue
      }
      const damaged = this.store.damageOf(id) !== null
      const stamp = searchStamp(entry, damaged) ?? ''
      this.stamps.set(id, stamp)
      this.engine.post({
        type: 'change',
        entry: searchSource(entry, damaged),
        state: searchState(file),
        stamp,
      })
    }
    this.longestStallMs = Math.max(this.longestStallMs, performance.now() - t0)
    this.sync()
  }
}
