/**
 * Anchoring outcomes shared by main, renderer and export.
 */

/** Whether an annotation still finds its passage. */
export type AnchorStatus = 'anchored' | 'drifted' | 'orphaned'

/**
 * Where an annotation's passage is in the current text, and how sure that is.
 *
 * `start` and `end` are null exactly when `status` is 'orphaned'. `score` is 1
 * for 'anchored'; for 'drifted' it is the match score in (0, 1], which is 1
 * only when nothing but typography (quotes, dashes, whitespace) changed; for
 * 'orphaned' it is the score of the closest rejected candidate (0 if none).
 */
export interface AnchorResult {
  readonly status: AnchorStatus
  readonly start: number | null
  readonly end: number | null
  readonly score: number
}
