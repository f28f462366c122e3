/**
 * Where article files are parsed: in a worker thread (the app) or in this
 * thread (the command line, which has no window to keep responsive, and
 * tests).
 *
 * Why a seam: parsing a saved page (decoding, Readability, clean-up) takes
 * from a few milliseconds to seconds, and in the main process that time
 * froze the window (a click took 6.5 s to answer during an import of three
 * pages). The importer awaits `parse` and cannot tell which thread did it.
 * The worker is started on first use, restarted when it dies (the file it
 * was parsing is reported, the others go on), recycled when its heap has
 * grown past a limit, and stopped by `cancel` mid-file. Its young generation
 * is kept small (see `DEFAULT_YOUNG_GENERATION_MB`): the worker's memory is
 * mostly the garbage of the page it is parsing.
 */
import { Worker } from 'node:worker_threads'
import { readArticleFile } from './index'
import type { ImportOptions, ParseOutcome } from './outcome'
import type {
  MemoryReply,
  MemoryRequest,
  ParseReply,
  ParseRequest,
  WorkerReply,
} from './parse-protocol'

export interface ArticleParser {
  /** Parse one file's bytes; never throws for a bad file (the outcome says why). */
  parse(name: string, data: Uint8Array, options?: ImportOptions): Promise<ParseOutcome>
  /** Stop whatever is being parsed now: its promise resolves as cancelled. */
  cancel(): void
  dispose(): Promise<void>
}

/** Why a file was not parsed because the analyst cancelled the import. */
export const CANCELLED_REASON = 'cancelled: the import was stopped before this file'

/** Parses in this thread. */
export const inProcessParser: ArticleParser = {
  parse: (name, data, options) => readArticleFile(name, data, options),
  cancel: () => undefined,
  dispose: async () => undefined,
}

export interface WorkerParserOptions {
  /**
   * Recycle the worker once the heap it holds from the system (V8's heap
   * total, live objects and free space alike) exceeds this many bytes after
   * a parse. Default `DEFAULT_RECYCLE_HEAP_BYTES`.
   */
  readonly recycleHeapBytes?: number
  /** The worker's old-generation heap limit, in MB (a bigger heap kills the worker). */
  readonly maxHeapMb?: number
  /** The worker's young-generation size, in MB. Default `DEFAULT_YOUNG_GENERATION_MB`. */
  readonly youngGenerationMb?: number
}

/**
 * The young generation of the import worker, in MB.
 *
 * Why: parsing a page allocates tens of megabytes that die with the page,
 * and V8 sizes a thread's young generation by the heap limit: with a 1 GB
 * limit it grew to well over 100 MB and stayed there, so the heap total
 * stood at 165-180 MB with 25-30 MB live, and a process that did nothing but
 * import peaked at 360-370 MB of RSS (bench figure 5c, the 181 real pages of
 * the extraction benchmark). With 16 MB the heap total stays near 45-65 MB
 * and that process's peak near 230-260 MB, for up to about 10 % more CPU
 * (within the noise of the loaded machine it was measured on; see
 * docs/performance.md, figure 5c).
 */
export const DEFAULT_YOUNG_GENERATION_MB = 16

/**
 * Recycle when the worker's heap total passes this: a page far larger than
 * usual leaves the heap grown after it has gone (V8 gives memory back
 * slowly), and a fresh worker gives it back at once. Live memory after a
 * page is 23-28 MB and the heap total stays under 70 MB on the 181 pages of
 * the extraction benchmark, so this is only reached after an outlier page.
 */
export const DEFAULT_RECYCLE_HEAP_BYTES = 160 * 1024 * 1024

interface Pending {
  readonly name: string
  readonly resolve: (outcome: ParseOutcome) => void
}

/** Parses in a worker thread started from `scriptPath`, one file at a time. */
export class WorkerParser implements ArticleParser {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
  private readonly memoryPending = new Map<number, (reply: MemoryReply | null) => void>()
  private nextSeq = 1
  private recycleWhenIdle = false
  private disposed = false
  /** Workers started so far (1 + restarts and recycles), for tests and stats. */
  started = 0

  constructor(
    private readonly scriptPath: string,
    private readonly options: WorkerParserOptions = {},
  ) {}

  parse(name: string, data: Uint8Array, options: ImportOptions = {}): Promise<ParseOutcome> {
    if (this.disposed) return Promise.resolve({ ok: false, reason: 'the library was closed' })
    const worker = this.ensureWorker()
    const seq = this.nextSeq++
    // A copy the worker owns: the caller's bytes stay usable (and the copy is transferred, not cloned).
    const copy = data.slice()
    const request: ParseRequest = { seq, name, data: copy, options }
    return new Promise((resolve) => {
      this.pending.set(seq, { name, resolve })
      // Waiting on the worker keeps the process alive; an idle worker does not.
      worker.ref()
      worker.postMessage(request, [copy.buffer])
    })
  }

  /**
   * The worker's heap and CPU now, after a full collection when `gc` and the
   * process runs with --expose-gc; null when no worker is running (or it
   * stopped before answering). For the benchmark and tests: the importer
   * never asks.
   */
  memory(gc = true): Promise<MemoryReply | null> {
    const worker = this.worker
    if (!worker) return Promise.resolve(null)
    const request: MemoryRequest = { seq: this.nextSeq++, kind: 'memory', gc }
    return new Promise((resolve) => {
      this.memoryPending.set(request.seq, resolve)
      worker.ref()
      worker.postMessage(request)
    })
  }

  cancel(): void {
    if (this.pending.size === 0) return
    this.stop({ ok: false, reason: CANCELLED_REASON })
  }

  async dispose(): Promise<void> {
    this.disposed = true
    this.stop({ ok: false, reason: 'the library was closed' })
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker
    const worker = new Worker(this.scriptPath, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.options.maxHeapMb ?? 1024,
        maxYoungGenerationSizeMb: this.options.youngGenerationMb ?? DEFAULT_YOUNG_GENERATION_MB,
      },
    })
    this.started++
    worker.on('message', (reply: WorkerReply) =>
      'kind' in reply ? this.onMemory(worker, reply) : this.onReply(worker, reply),
    )
    worker.on('error', (error) => this.onDeath(worker, error.message))
    worker.on('exit', (code) => this.onDeath(worker, `it stopped (exit code ${code})`))
    this.worker = worker
    return worker
  }

  private onReply(worker: Worker, reply: ParseReply): void {
    const pending = this.pending.get(reply.seq)
    this.pending.delete(reply.seq)
    if (reply.heapTotalBytes > (this.options.recycleHeapBytes ?? DEFAULT_RECYCLE_HEAP_BYTES)) {
      this.recycleWhenIdle = true
    }
    if (this.recycleWhenIdle && this.pending.size === 0 && this.worker === worker) {
      // Parsers can hold on to what they parsed: a fresh worker gives all of it back.
      this.recycleWhenIdle = false
      this.worker = null
      this.answerMemoryRequests()
      void worker.terminate()
    }
    if (this.pending.size === 0 && this.memoryPending.size === 0) worker.unref()
    pending?.resolve(reply.outcome)
  }

  private onMemory(worker: Worker, reply: MemoryReply): void {
    const resolve = this.memoryPending.get(reply.seq)
    this.memoryPending.delete(reply.seq)
    if (this.pending.size === 0 && this.memoryPending.size === 0) worker.unref()
    resolve?.(reply)
  }

  private answerMemoryRequests(): void {
    const waiting = [...this.memoryPending.values()]
    this.memoryPending.clear()
    for (const resolve of waiting) resolve(null)
  }

  private onDeath(worker: Worker, why: string): void {
    if (this.worker !== worker) return
    this.worker = null
    this.answerMemoryRequests()
    const outcomes = [...this.pending.values()]
    this.pending.clear()
    for (const p of outcomes) {
      p.resolve({
        ok: false,
        reason: `the importer stopped while reading this file (${why}); the other files were imported`,
      })
    }
  }

  /** Stop the worker now; every file waiting gets `outcome`. */
  private stop(outcome: ParseOutcome): void {
    const worker = this.worker
    this.worker = null
    this.answerMemoryRequests()
    const waiting = [...this.pending.values()]
    this.pending.clear()
    for (const p of waiting) p.resolve(outcome)
    void worker?.terminate()
  }
}
