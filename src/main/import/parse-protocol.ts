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

/** The outcome of one request, and the worker's heap after it (for recycling). */
export interface ParseReply {
  readonly seq: number
  readonly outcome: ParseOutcome
  readonly heapUsedBytes: number
}
