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
 * grown past a limit, and stopped by `cancel` mid-file.
 */
import { Worker } from 'node:worker_threads'
import { readArticleFile } from './index'
import type { ImportOptions, ParseOutcome } from './outcome'
import type { ParseReply, ParseRequest } from './parse-protocol'

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
  /** Recycle the worker once its heap after a parse exceeds this many bytes. */
  readonly recycleHeapBytes?: number
  /** The worker's old-generation heap limit, in MB. */
  readonly maxHeapMb?: number
}

interface Pending {
  readonly name: string
  readonly resolve: (outcome: ParseOutcome) => void
}

/** Parses in a worker thread started from `scriptPath`, one file at a time. */
export class WorkerParser implements ArticleParser {
  private worker: Worker | null = null
  private readonly pending = new Map<number, Pending>()
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
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 1024 },
    })
    this.started++
    worker.on('message', (reply: ParseReply) => this.onReply(worker, reply))
    worker.on('error', (error) => this.onDeath(worker, error.message))
    worker.on('exit', (code) => this.onDeath(worker, `it stopped (exit code ${code})`))
    this.worker = worker
    return worker
  }

  private onReply(worker: Worker, reply: ParseReply): void {
    const pending = this.pending.get(reply.seq)
    this.pending.delete(reply.seq)
    if (reply.heapUsedBytes > (this.options.recycleHeapBytes ?? 300 * 1024 * 1024)) {
      this.recycleWhenIdle = true
    }
    if (this.recycleWhenIdle && this.pending.size === 0 && this.worker === worker) {
      // Parsers can hold on to what they parsed: a fresh worker gives all of it back.
      this.recycleWhenIdle = false
      this.worker = null
      void worker.terminate()
    }
    if (this.pending.size === 0) worker.unref()
    pending?.resolve(reply.outcome)
  }

  private onDeath(worker: Worker, why: string): void {
    if (this.worker !== worker) return
    this.worker = null
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
    const waiting = [...this.pending.values()]
    this.pending.clear()
    for (const p of waiting) p.resolve(outcome)
    void worker?.terminate()
  }
}
