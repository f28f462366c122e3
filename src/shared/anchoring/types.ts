/**
 * Anchoring outcomes shared by main, renderer and export.
 */

/**
 * Whether an annotation still finds its passage: 'anchored' when the passage's
 * own words are there verbatim (its context may have changed), 'drifted' when
 * it is found but its text changed in any way, 'orphaned' when it is not found
 * with enough confidence.
 */
export type AnchorStatus = 'anchored' | 'drifted' | 'orphaned'

/**
 * Where an annotation's passage is in the current text, and how sure that is.
 *
 * `start` and `end` are null exactly when `status` is 'orphaned'. When
 * anchored, `text.slice(start, end)` is exactly the stored quote; when
 * drifted, it differs from it. `score` is the match score in (0, 1]: 1 when
 * quote and context are verbatim (or, for 'drifted', when nothing but
 * typography changed: quotes, dashes, whitespace), lower as more of the
 * context or the quote changed; for 'orphaned' it is the score of the closest
 * rejected candidate (0 if none).
 */
export interface AnchorResult {
  readonly status: AnchorStatus
  readonly start: number | null
  readonly end: number | null
  readonly score: number
}
