/**
 * The side of search that owns the index: receives articles and changes,
 * answers queries.
 *
 * Why its own queue: indexing an article with hundreds of annotations means
 * anchoring each of them, sometimes by fuzzy matching. An article's
 * annotations are anchored a slice at a time with a turn of the event loop
 * between slices, then written in one transaction, so a query that arrives
 * during the build is answered within a few milliseconds from what is
 * indexed so far, and a saved change is applied before any query that
 * follows it (messages are handled in order, and changes are never queued
 * behind the build).
 *
 * The index is a file kept with the library (`fts-index.ts`): the first
 * request opens it and the host answers with the stamp of every article it
 * holds, so the library sends only what changed since. If the file turns out
 * damaged while in use, it is started again empty and the library is told to
 * send everything again (`reset`); if it cannot be written at all (a
 * read-only folder), the index is kept in memory for the session.
 *
 * No Electron and no worker API here: `search-worker.ts` wires this to a
 * worker thread, `search-engine.ts` runs it in-process.
 */
import { statSync } from 'node:fs'
import { getHeapStatistics } from 'node:v8'
import { threadId } from 'node:worker_threads'
import { parseQuery } from '../../shared/search/query'
import {
  annotationDocuments,
  articleDocument,
  type ArticleSearchState,
  type SearchDocument,
} from './documents'
import { FtsIndex, IndexDamagedError } from './fts-index'
import type {
  HostCounts,
  IndexJob,
  SearchQuestion,
  SearchReply,
  SearchRequest,
} from './search-protocol'

/** Annotations anchored per turn of the event loop while building. */
const ANNOTATION_SLICE = 16
/** Articles written to the index per commit while building, at most. */
const BATCH_ARTICLES = 64
/** How long a batch stays open at most (other processes cannot write the file meanwhile). */
const BATCH_MS = 200
/** After a save, how long without another before the log is checkpointed. */
const CHECKPOINT_IDLE_MS = 1000

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export class SearchHost {
  private index: FtsIndex | null = null
  private indexPath: string | null = null
  private readonly queue: IndexJob[] = []
  /** Changes to articles not indexed yet; newer than the state their job carries. */
  private readonly reported = new Map<string, { state: ArticleSearchState; stamp: string }>()
  /** Articles removed while their job was queued or being indexed. */
  private readonly removed = new Set<string>()
  /** Articles whose job is being indexed now. */
  private current: string | null = null
  private working = false
  private disposed = false
  private longestStallMs = 0
  private lastIndexBytes = 0
  private checkpointTimer: ReturnType<typeof setTimeout> | null = null

  constructor(private readonly reply: (message: SearchReply) => void) {}

  /** Handle one request from the library. */
  receive(request: SearchRequest): void {
    if (this.disposed) return
    if (request.type === 'open') {
      this.open(request.path)
      return
    }
    try {
      switch (request.type) {
        case 'index':
          this.removed.delete(request.job.entry.id)
          this.queue.push(request.job)
          if (!this.working) void this.work()
          return
        case 'change':
          this.change(request.entry, request.state, request.stamp)
          return
        case 'remove':
          for (const id of request.ids) {
            this.reported.delete(id)
            this.removed.add(id)
            this.need().removeArticle(id)
          }
          return
        case 'query':
        case 'hits':
        case 'matches':
        case 'find':
          this.answer(request)
          return
      }
    } catch (error) {
      if (error instanceof IndexDamagedError) this.reset(error)
      else throw error
    }
  }

  /** Stop indexing; queued jobs are dropped and the file is closed. */
  dispose(): void {
    this.disposed = true
    this.queue.length = 0
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = null
    this.index?.close()
  }

  /**
   * What the host holds, sent with every reply. The file's size is read for
   * answers only (two `stat` calls): not after each of 10,000 articles of a build.
   */
  counts(withSize = true): HostCounts {
    if (withSize) this.lastIndexBytes = this.indexBytes()
    return {
      articles: this.index?.articleCount ?? 0,
      documents: this.index?.size ?? 0,
      longestStallMs: this.longestStallMs,
      threadId,
      heapUsedBytes: getHeapStatistics().used_heap_size,
      indexBytes: this.lastIndexBytes,
    }
  }

  private indexBytes(): number {
    if (this.indexPath === null) return 0
    let bytes = 0
    for (const suffix of ['', '-wal']) {
      try {
        bytes += statSync(this.indexPath + suffix).size
      } catch {
        // No write-ahead log at the moment.
      }
    }
    return bytes
  }

  private open(path: string | null): void {
    this.index?.close()
    let index: FtsIndex
    let usedPath = path
    const log = (reason: string, detail: string): void =>
      this.reply({
        type: 'log',
        message: `search: the index file was ${reason}; building it again`,
        detail,
      })
    try {
      index = new FtsIndex(path ?? ':memory:', {
        onRebuild: (reason, detail) =>
          log(reason === 'version' ? 'of another version' : reason, detail),
      })
    } catch (error) {
      // A folder that cannot be written (read-only media, permissions): search still works, from memory.
      this.reply({
        type: 'log',
        message: `search: cannot keep the index at ${path}; keeping it in memory`,
        detail: describe(error),
      })
      index = new FtsIndex(':memory:')
      usedPath = null
    }
    this.index = index
    this.indexPath = usedPath
    this.reply({
      type: 'opened',
      stamps: [...index.stamps()],
      rebuilt: index.rebuilt,
      path: usedPath,
      counts: this.counts(),
    })
  }

  private need(): FtsIndex {
    if (!this.index) throw new Error('the search index is not open')
    return this.index
  }

  /** The file was found damaged in use: start it again, empty, and have everything sent again. */
  private reset(error: Error): void {
    this.queue.length = 0
    this.reported.clear()
    const path = this.indexPath
    try {
      this.index?.close()
    } catch {
      // Damaged: whatever the batch held is rebuilt anyway.
    }
    this.index = null
    this.reply({
      type: 'log',
      message: 'search: the index file is damaged; building it again',
      detail: describe(error),
    })
    try {
      // Opening a damaged file finds the damage and starts it again.
      this.index = new FtsIndex(path ?? ':memory:', { onRebuild: () => undefined })
      if (this.index.articleCount > 0) {
        this.index.close()
        this.index = new FtsIndex(':memory:')
        this.indexPath = null
      }
    } catch {
      this.index = new FtsIndex(':memory:')
      this.indexPath = null
    }
    this.reply({ type: 'reset', message: error.message })
  }

  private answer(request: SearchQuestion, retry = true): void {
    const seq = request.seq
    try {
      const t0 = performance.now()
      const index = this.need()
      const outcome =
        request.type === 'find'
          ? index.findAnnotations(request.words, request.kind, request.limit)
          : request.type === 'query'
            ? index.search(parseQuery(request.query), {
                offset: request.offset,
                limit: request.limit,
              })
            : request.type === 'hits'
              ? index.articleHits(
                  parseQuery(request.query),
                  request.articleId,
                  request.offset,
                  request.limit,
                )
              : index.matchingArticleIds(parseQuery(request.query))
      const tookMs = performance.now() - t0
      this.reply({ type: 'answer', seq, outcome, tookMs, counts: this.counts() })
    } catch (error) {
      if (error instanceof IndexDamagedError && retry) {
        // Answered again from the new, empty index (the library sends everything again).
        this.reset(error)
        this.answer(request, false)
        return
      }
      this.reply({ type: 'failed', seq, message: describe(error) })
    }
  }

  private change(entry: IndexJob['entry'], state: ArticleSearchState, stamp: string): void {
    const index = this.need()
    const text = this.current === entry.id ? null : index.articleText(entry.id)
    if (text === null) {
      // Not indexed yet: its job is queued, in progress or on its way, and must use this state.
      this.reported.set(entry.id, { state, stamp })
      return
    }
    try {
      index.replaceArticle(entry, stamp, [
        articleDocument(entry, text, state),
        ...annotationDocuments(entry, text, state.annotations),
      ])
      this.checkpointWhenIdle()
    } catch (error) {
      if (error instanceof IndexDamagedError) throw error
      this.reply({
        type: 'log',
        message: `search: cannot re-index ${entry.id}`,
        detail: describe(error),
      })
    }
  }

  private async work(): Promise<void> {
    this.working = true
    let batched = 0
    let batchStart = 0
    try {
      for (let job = this.queue.shift(); job && !this.disposed; job = this.queue.shift()) {
        const id = job.entry.id
        this.current = id
        try {
          if (batched === 0) {
            this.need().beginBatch()
            batchStart = performance.now()
          }
          await this.indexInSlices(job)
          batched++
          if (
            this.queue.length === 0 ||
            batched >= BATCH_ARTICLES ||
            performance.now() - batchStart >= BATCH_MS
          ) {
            batched = 0
            this.index?.commitBatch()
            this.index?.checkpoint()
          }
        } catch (error) {
          if (error instanceof IndexDamagedError) {
            this.current = null
            this.reset(error)
            return
          }
          this.reply({
            type: 'log',
            message: `search: cannot index ${id}`,
            detail: describe(error),
          })
        }
        this.current = null
        if (this.disposed) return
        this.reply({ type: 'indexed', id, counts: this.counts(this.queue.length === 0) })
        await yieldToLoop()
      }
    } finally {
      this.working = false
      this.commitBatch()
    }
  }

  /** Checkpoint once saves have stopped for a moment. */
  private checkpointWhenIdle(): void {
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer)
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = null
      if (this.disposed || this.working) return
      try {
        this.index?.checkpoint()
      } catch (error) {
        if (error instanceof IndexDamagedError) this.reset(error)
      }
    }, CHECKPOINT_IDLE_MS)
    // A command-line run must not stay alive for it.
    this.checkpointTimer.unref?.()
  }

  /** Commit what the build has written (and checkpoint it); a damaged file is started again, anything else is logged. */
  private commitBatch(): void {
    try {
      this.index?.commitBatch()
      this.index?.checkpoint()
    } catch (error) {
      if (error instanceof IndexDamagedError) this.reset(error)
      else
        this.reply({
          type: 'log',
          message: 'search: cannot save the index',
          detail: describe(error),
        })
    }
  }

  private async indexInSlices(job: IndexJob): Promise<void> {
    const { entry, text } = job
    const id = entry.id
    if (this.removed.has(id)) return
    let t0 = performance.now()
    const first = this.reported.get(id)
    this.reported.delete(id)
    let state = first?.state ?? job.state
    let stamp = first?.stamp ?? job.stamp
    let docs: SearchDocument[] = [articleDocument(entry, text, state)]
    for (let i = 0; i < state.annotations.length; i += ANNOTATION_SLICE) {
      docs.push(
        ...annotationDocuments(entry, text, state.annotations.slice(i, i + ANNOTATION_SLICE)),
      )
      this.noteStall(t0)
      await yieldToLoop()
      if (this.disposed || this.removed.has(id)) return
      const changed = this.reported.get(id)
      if (changed) {
        // A change arrived while anchoring: start again from it (rare, and the newest wins).
        this.reported.delete(id)
        state = changed.state
        stamp = changed.stamp
        docs = [articleDocument(entry, text, state)]
        i = -ANNOTATION_SLICE
      }
      t0 = performance.now()
    }
    this.need().replaceArticle(entry, stamp, docs)
    this.noteStall(t0)
  }

  private noteStall(since: number): void {
    this.longestStallMs = Math.max(this.longestStallMs, performance.now() - since)
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}
