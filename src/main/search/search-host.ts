/**
 * The side of search that owns the index: receives articles and changes,
 * answers queries.
 *
 * Why its own queue: indexing an article with hundreds of annotations means
 * anchoring each of them, sometimes by fuzzy matching. Articles are indexed
 * a slice of annotations at a time with a turn of the event loop between
 * slices, so a query that arrives during the build is answered within a few
 * milliseconds from what is indexed so far, and a saved change is applied
 * before any query that follows it (messages are handled in order, and
 * changes are never queued behind the build).
 *
 * No Electron and no worker API here: `search-worker.ts` wires this to a
 * worker thread, `search-engine.ts` runs it in-process.
 */
import { getHeapStatistics } from 'node:v8'
import { threadId } from 'node:worker_threads'
import { parseQuery } from '../../shared/search/query'
import { annotationDocuments, articleDocument, type ArticleSearchState } from './documents'
import { SearchIndex } from './search-index'
import type {
  HostCounts,
  IndexJob,
  SearchQuestion,
  SearchReply,
  SearchRequest,
} from './search-protocol'

/** Annotations anchored and indexed per turn of the event loop while building. */
const ANNOTATION_SLICE = 16

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))

export class SearchHost {
  readonly index = new SearchIndex()
  private readonly queue: IndexJob[] = []
  /** Article texts, kept so a change can be re-anchored without reading the disk. */
  private readonly texts = new Map<string, string>()
  /** Changes to articles not indexed yet; newer than the state their job carries. */
  private readonly reported = new Map<string, ArticleSearchState>()
  /** Articles removed while their job was queued or being indexed. */
  private readonly removed = new Set<string>()
  private working = false
  private disposed = false
  private longestStallMs = 0

  constructor(private readonly reply: (message: SearchReply) => void) {}

  /** Handle one request from the library. */
  receive(request: SearchRequest): void {
    if (this.disposed) return
    switch (request.type) {
      case 'index':
        this.removed.delete(request.job.entry.id)
        this.queue.push(request.job)
        if (!this.working) void this.work()
        return
      case 'change':
        this.change(request.entry, request.state)
        return
      case 'remove':
        for (const id of request.ids) {
          this.index.removeArticle(id)
          this.texts.delete(id)
          this.reported.delete(id)
          this.removed.add(id)
        }
        return
      case 'query':
      case 'hits':
      case 'matching':
        this.answer(request)
        return
    }
  }

  /** Stop indexing; queued jobs are dropped. */
  dispose(): void {
    this.disposed = true
    this.queue.length = 0
  }

  counts(): HostCounts {
    return {
      articles: this.index.articleCount,
      documents: this.index.size,
      longestStallMs: this.longestStallMs,
      threadId,
      heapUsedBytes: getHeapStatistics().used_heap_size,
    }
  }

  private answer(question: SearchQuestion): void {
    const { seq } = question
    try {
      const t0 = performance.now()
      const query = parseQuery(question.query)
      const took = (): number => performance.now() - t0
      switch (question.type) {
        case 'query': {
          const { offset, limit } = question
          const outcome = this.index.search(query, { offset, limit })
          this.reply({ type: 'answer', seq, outcome, tookMs: took(), counts: this.counts() })
          return
        }
        case 'hits': {
          const { articleId, offset, limit } = question
          const { total, hits } = this.index.articleHits(query, articleId, offset, limit)
          this.reply({ type: 'hits', seq, total, hits, tookMs: took(), counts: this.counts() })
          return
        }
        case 'matching': {
          const ids = this.index.matchingArticleIds(query)
          this.reply({ type: 'matching', seq, ids, tookMs: took(), counts: this.counts() })
          return
        }
      }
    } catch (error) {
      this.reply({ type: 'failed', seq, message: describe(error) })
    }
  }

  private change(entry: IndexJob['entry'], state: ArticleSearchState): void {
    const text = this.texts.get(entry.id)
    if (text === undefined) {
      // Not indexed yet: its job is queued, in progress or on its way, and must use this state.
      this.reported.set(entry.id, state)
      return
    }
    try {
      // Documents whose words did not change (a tag or status edit) are only re-described.
      this.index.replaceArticle(entry.id, [
        articleDocument(entry, text, state),
        ...annotationDocuments(entry, text, state.annotations),
      ])
    } catch (error) {
      this.reply({
        type: 'log',
        message: `search: cannot re-index ${entry.id}`,
        detail: describe(error),
      })
    }
  }

  private async work(): Promise<void> {
    this.working = true
    try {
      for (let job = this.queue.shift(); job && !this.disposed; job = this.queue.shift()) {
        const id = job.entry.id
        try {
          await this.indexInSlices(job)
        } catch (error) {
          this.reply({
            type: 'log',
            message: `search: cannot index ${id}`,
            detail: describe(error),
          })
        }
        if (this.disposed) return
        this.reply({ type: 'indexed', id, counts: this.counts() })
        await yieldToLoop()
      }
    } finally {
      this.working = false
    }
  }

  private async indexInSlices(job: IndexJob): Promise<void> {
    const { entry, text } = job
    const id = entry.id
    if (this.removed.has(id)) return
    const state = this.reported.get(id) ?? job.state
    this.reported.delete(id)
    // A job for an article indexed before (sent again after a restart) replaces it.
    this.index.removeArticle(id)
    this.texts.delete(id)
    let t0 = performance.now()
    this.index.upsert(articleDocument(entry, text, state))
    for (let i = 0; i < state.annotations.length; i += ANNOTATION_SLICE) {
      const slice = state.annotations.slice(i, i + ANNOTATION_SLICE)
      for (const doc of annotationDocuments(entry, text, slice)) this.index.upsert(doc)
      this.noteStall(t0)
      await yieldToLoop()
      if (this.disposed) return
      if (this.removed.has(id)) {
        this.index.removeArticle(id)
        return
      }
      t0 = performance.now()
    }
    this.noteStall(t0)
    this.texts.set(id, text)
    // A change that arrived while the slices were being indexed wins over what was read.
    const changed = this.reported.get(id)
    this.reported.delete(id)
    if (changed) this.change(entry, changed)
  }

  private noteStall(since: number): void {
    this.longestStallMs = Math.max(this.longestStallMs, performance.now() - since)
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error)
}
