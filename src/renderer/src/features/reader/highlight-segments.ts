/**
 * Cutting a block's text into runs by the highlights that cover them.
 *
 * Why a pure function: the reader must draw overlapping highlights without
 * ever parsing article text as markup, and the cut points must agree exactly
 * with the annotation offsets, which is easiest to get right (and test)
 * away from React.
 */

/** A highlighted span of the article text, in article-text offsets. */
export interface HighlightSpan {
  readonly id: string
  readonly start: number
  readonly end: number
}

/** A run of a block's text with the highlights covering all of it. */
export interface Segment {
  /** Offsets in the article text. */
  readonly start: number
  readonly end: number
  readonly text: string
  /** Covering highlights, most specific (shortest) first; empty for plain text. */
  readonly highlightIds: readonly string[]
}

/**
 * Split one block into segments.
 *
 * `blockStart` is the block's offset in the article text. Highlights that do
 * not touch the block are ignored; those that run past its edges are clipped.
 * The segments' texts concatenate back to `blockText`.
 */
export function segmentBlock(
  blockText: string,
  blockStart: number,
  highlights: readonly HighlightSpan[],
): Segment[] {
  const blockEnd = blockStart + blockText.length
  const touching = highlights.filter(
    (h) => h.end > blockStart && h.start < blockEnd && h.end > h.start,
  )
  const cuts = new Set<number>([blockStart, blockEnd])
  for (const h of touching) {
    cuts.add(Math.max(h.start, blockStart))
    cuts.add(Math.min(h.end, blockEnd))
  }
  const points = [...cuts].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i + 1 < points.length; i += 1) {
    const start = points[i] as number
    const end = points[i + 1] as number
    if (end <= start) continue
    const covering = touching
      .filter((h) => h.start <= start && h.end >= end)
      .sort(
        (a, b) =>
          a.end - a.start - (b.end - b.start) || b.start - a.start || (a.id < b.id ? -1 : 1),
      )
    segments.push({
      start,
      end,
      text: blockText.slice(start - blockStart, end - blockStart),
      highlightIds: covering.map((h) => h.id),
    })
  }
  return segments
}
