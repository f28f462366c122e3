/**
 * Results that cross the IPC boundary.
 *
 * Why: an `Error` thrown in main does not survive structured cloning, and a
 * renderer that has to guess whether a call threw cannot show the user a
 * useful message. Every channel therefore returns a plain value that says
 * whether it worked and, if not, which expected failure happened.
 */

/** The expected failures a caller can act on. `internal` is a bug, never an expected outcome. */
export type ErrorCode =
  | 'invalid-input'
  | 'not-found'
  | 'untrusted-sender'
  | 'unknown-channel'
  | 'duplicate'
  | 'rejected'
  | 'read-only'
  | 'locked'
  | 'io-error'
  | 'cancelled'
  | 'conflict'
  | 'internal'

export interface AppError {
  readonly code: ErrorCode
  readonly message: string
  /** Extra text the user can copy into a bug report; never needed to understand the message. */
  readonly details?: string
}

export type Result<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: AppError }

/** Wrap a successful value. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value }
}

/**
 * Build a failed result.
 *
 * `details` is kept out of `message` so that the message stays one readable line.
 */
export function err(code: ErrorCode, message: string, details?: string): Result<never> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } }
}

/** Thrown inside main-side services for an expected failure; the dispatcher turns it into a `Result`. */
export class WorkbenchError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: string,
  ) {
    super(message)
    this.name = 'WorkbenchError'
  }
}
