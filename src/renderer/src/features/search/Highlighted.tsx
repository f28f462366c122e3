import type { HighlightRange } from '../../../../shared/search/types'

/**
 * Text with some spans marked, as React text nodes and `<mark>` elements.
 *
 * Why not innerHTML: snippets come from article text and notes, which may
 * hold anything, markup included; splitting the string keeps it text.
 * Ranges are clamped to the text, sorted and merged, so a bad range from
 * main can never throw or repeat characters.
 */
export function Highlighted({
  text,
  ranges,
}: {
  readonly text: string
  readonly ranges: readonly HighlightRange[]
}) {
  const parts: { readonly text: string; readonly marked: boolean }[] = []
  let at = 0
  for (const [start, end] of normaliseRanges(ranges, text.length)) {
    if (start > at) parts.push({ text: text.slice(at, start), marked: false })
    parts.push({ text: text.slice(start, end), marked: true })
    at = end
  }
  if (at < text.length) parts.push({ text: text.slice(at), marked: false })
  return (
    <>
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : part.text))}
    </>
  )
}

/** Clamp ranges to `[0, length)`, drop empty ones, sort them and merge overlaps. */
export function normaliseRanges(
  ranges: readonly HighlightRange[],
  length: number,
): [number, number][] {
  const clamped = ranges
    .map(([start, end]): [number, number] => [
      Math.max(0, Math.min(length, Math.floor(start))),
      Math.max(0, Math.min(length, Math.floor(end))),
    ])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0] || a[1] - b[1])
  const merged: [number, number][] = []
  for (const range of clamped) {
    const last = merged[merged.length - 1]
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1])
    else merged.push([range[0], range[1]])
  }
  return merged
}
