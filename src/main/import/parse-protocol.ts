/**
 * The messages between the main thread and the import worker.
 *
 * Why a module of its own: the worker entry and the main-side parser both
 * import it, and neither should import the other.
 */
import type { ImportOptions, ParseOutcome } from './outcome'

/** Parse one file. `data` is transferred, not copied. */
export interface ParseRequest {
  readonly seq: number
  readonly name: string
  readonly data: Uint8Array
  readonly options: ImportOptions
}

/**
 * The worker's memory and CPU now (the benchmark and the memory tests ask;
 * the importer never does). Told apart from a parse by `kind`.
 */
export interface MemoryRequest {
  readonly seq: number
  readonly kind: 'memory'
  /** Collect garbage first, when the process runs with `--expose-gc`. */
  readonly gc: boolean
}

export type WorkerRequest = ParseRequest | MemoryRequest

/** The worker's own memory: its V8 heap, as this thread sees it. */
export interface WorkerHeap {
  /** Live objects and garbage not yet collected. */
  readonly heapUsedBytes: number
  /** What the worker's heap holds from the system (what it adds to the process RSS, roughly). */
  readonly heapTotalBytes: number
}

/** The outcome of one request, and the worker's heap after it (for recycling). */
export interface ParseReply extends WorkerHeap {
  readonly seq: number
  readonly outcome: ParseOutcome
}

export interface MemoryReply extends WorkerHeap {
  readonly seq: number
  readonly kind: 'memory'
  /** Whether a full collection ran just before (`heapUsedBytes` is then what is live). */
  readonly collected: boolean
  /** CPU time of the worker thread alone since it started (`process.threadCpuUsage`), in µs. */
  readonly threadCpuMicros: number | null
  /** The whole process's RSS: every thread's memory, not the worker's alone. */
  readonly processRssBytes: number
  /**
   * Of `heapUsedBytes`, compiled code and bytecode (V8's code and trusted spaces): it grows in
   * steps as the JIT compiles what new kinds of page exercise, and is bounded by the code loaded.
   */
  readonly codeBytes: number
  /** The limits the worker was started with (`resourceLimits` as the worker sees them), in MB. */
  readonly youngGenerationMb: number | null
  readonly maxHeapMb: number | null
}

export type WorkerReply = ParseReply | MemoryReply
