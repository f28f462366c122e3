/**
 * Selecting a passage of the reader by keyboard.
 *
 * Why: the `h`, `c` and slot keys annotate the DOM selection, which only a
 * mouse could make. The reader's blocks take focus one at a time (↑/↓ or
 * `[`/`]`), and these helpers put a real DOM selection over a span of the
 * focused block's text, so the annotation keys work on it unchanged.
 */
import { BLOCK_START_ATTRIBUTE, rangeToSpan } from './selection-offsets'
import { moveEdge, sentenceAt, sentenceSpans, type Span } from './sentences'

/** The reader's block elements, in reading order. */
export function blockElements(root: Element): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(`[${BLOCK_START_ATTRIBUTE}]`)]
}

/** The block-relative span of the DOM selection inside `block`, or null. */
export function selectionInBlock(root: Element, block: Element): Span | null {
  const selection = window.getSelection()
  if (!selection || selection.rangeCount === 0) return null
  const range = selection.getRangeAt(0)
  if (range.collapsed) return null
  const span = rangeToSpan(root, range)
  if (!span) return null
  const blockStart = Number(block.getAttribute(BLOCK_START_ATTRIBUTE))
  const length = (block.textContent ?? '').length
  const start = Math.max(0, span.start - blockStart)
  const end = Math.min(length, span.end - blockStart)
  return end > start ? { start, end } : null
}

/** Put the DOM selection over `span` (block-relative) of the block's text. */
export function selectInBlock(block: Element, span: Span): void {
  const start = domPoint(block, span.start)
  const end = domPoint(block, span.end)
  const selection = window.getSelection()
  if (!selection) return
  const range = document.createRange()
  range.setStart(start.node, start.offset)
  range.setEnd(end.node, end.offset)
  selection.removeAllRanges()
  selection.addRange(range)
}

/**
 * The sentence `s` selects: the one after a selected sentence (wrapping to
 * the first), otherwise the one where the selection ends, or the first.
 */
export function nextSentence(text: string, current: Span | null): Span | null {
  const sentences = sentenceSpans(text)
  if (sentences.length === 0) return null
  if (!current) return sentences[0] ?? null
  const index = sentences.findIndex((s) => s.start === current.start && s.end === current.end)
  if (index >= 0) return sentences[(index + 1) % sentences.length] ?? null
  return sentenceAt(text, Math.max(0, current.end - 1))
}

/**
 * Move an edge of the selection in the block by a word; with nothing
 * selected, select the block's first word.
 */
export function extendSelection(
  text: string,
  current: Span | null,
  edge: 'start' | 'end',
  direction: 1 | -1,
): Span | null {
  if (!current) {
    const first = sentenceSpans(text)[0]
    if (!first) return null
    return moveEdge(text, { start: first.start, end: first.start }, 'end', 1)
  }
  return moveEdge(text, current, edge, direction)
}

/** The text node and offset at `offset` characters into the block's text. */
function domPoint(block: Element, offset: number): { node: Node; offset: number } {
  const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
  let remaining = offset
  let last: Text | null = null
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node as Text
    if (remaining <= text.data.length) return { node: text, offset: remaining }
    remaining -= text.data.length
    last = text
  }
  return last ? { node: last, offset: last.data.length } : { node: block, offset: 0 }
}
