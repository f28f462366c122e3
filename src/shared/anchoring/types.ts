/**
 * Anchoring outcomes shared by main, renderer and export.
 */

/** Whether an annotation still finds its passage. */
export type AnchorStatus = 'anchored' | 'drifted' | 'orphaned'
