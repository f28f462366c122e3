/**
 * Turning a DOM selection in the reader into offsets in the article text.
 *
 * Why: annotations point at positions in `articleText(blocks)`, but the
 * browser reports a selection as DOM nodes and offsets inside whatever
 * highlight `<mark>`s the reader drew. Each block element carries
 * `data-block-start`, its offset in the article text, and contains nothing
 * but the block's text (split into segments), so a point inside a block is
 * the block start plus the characters before it. Points outside any block
 * (in the title, between blocks) snap to the nearest block edge inside the
 * selection.
 */

/** The attribute every block element of the reader carries. */
export const BLOCK_START_ATTRIBUTE = 'data-block-start'

/** A selection's boundary points, as `Range` and `StaticRange` report them. */
export interface DomRangeLike {
  readonly startContainer: Node
  readonly startOffset: number
  readonly endContainer: Node
  readonly endOffset: number
}

export interface TextSpan {
  readonly start: number
  readonly end: number
}

const TEXT_NODE = 3
const ELEMENT_NODE = 1
const FOLLOWING = 4
const PRECEDING = 2

/**
 * Map a DOM range inside `root` to a span of the article text.
 *
 * Returns null when the range covers no block text (collapsed, outside the
 * article, or only between blocks).
 */
export function rangeToSpan(root: Element, range: DomRangeLike): TextSpan | null {
  const blocks = [...root.querySelectorAll(`[${BLOCK_START_ATTRIBUTE}]`)]
  if (blocks.length === 0) return null
  const start = pointToOffset(range.startContainer, range.startOffset, blocks, 'start')
  const end = pointToOffset(range.endContainer, range.endOffset, blocks, 'end')
  if (start === null || end === null || end <= start) return null
  return { start, end }
}

/**
 * Shrink a span so it neither starts nor ends with whitespace.
 *
 * A double-click or a drag often takes the space after a word; the passage
 * the analyst meant does not include it.
 */
export function trimSpan(text: string, span: TextSpan): TextSpan | null {
  let { start, end } = span
  while (start < end && /\s/u.test(text.charAt(start))) start += 1
  while (end > start && /\s/u.test(text.charAt(end - 1))) end -= 1
  return end > start ? { start, end } : null
}

function pointToOffset(
  node: Node,
  offset: number,
  blocks: readonly Element[],
  edge: 'start' | 'end',
): number | null {
  const block = enclosingBlock(node)
  if (block && blocks.includes(block))
    return blockStart(block) + charactersBefore(block, node, offset)
  if (edge === 'start') {
    const next = blocks.find((b) => isAfterPoint(b, node, offset))
    return next ? blockStart(next) : null
  }
  const previous = [...blocks].reverse().find((b) => isBeforePoint(b, node, offset))
  return previous ? blockStart(previous) + (previous.textContent ?? '').length : null
}

function enclosingBlock(node: Node): Element | null {
  const element = node.nodeType === ELEMENT_NODE ? (node as Element) : node.parentElement
  return element?.closest(`[${BLOCK_START_ATTRIBUTE}]`) ?? null
}

function blockStart(block: Element): number {
  return Number(block.getAttribute(BLOCK_START_ATTRIBUTE))
}

/** Characters of the block's text that come before the boundary point (node, offset). */
function charactersBefore(block: Element, node: Node, offset: number): number {
  if (node.nodeType === TEXT_NODE) {
    let count = 0
    for (const text of textNodesIn(block)) {
      if (text === node) return count + Math.min(offset, text.data.length)
      count += text.data.length
    }
    return count
  }
  // An element boundary point sits before its child at `offset`.
  let count = 0
  const children = node.childNodes
  for (const text of textNodesIn(block)) {
    const child = children[offset]
    if (child && (child === text || child.contains(text) || isFollowing(child, text))) return count
    if (!child && !node.contains(text) && isFollowing(node, text)) return count
    count += text.data.length
  }
  return count
}

function* textNodesIn(node: Node): Generator<Text> {
  for (const child of node.childNodes) {
    if (child.nodeType === TEXT_NODE) yield child as Text
    else yield* textNodesIn(child)
  }
}

/** Whether `other` comes after `node` in document order, outside it. */
function isFollowing(node: Node, other: Node): boolean {
  return (node.compareDocumentPosition(other) & FOLLOWING) !== 0 && !node.contains(other)
}

/** Whether `other` comes before `node` in document order, not containing it. */
function isPreceding(node: Node, other: Node): boolean {
  return (node.compareDocumentPosition(other) & PRECEDING) !== 0 && !other.contains(node)
}

/** Whether the whole block lies after the boundary point (node, offset). */
function isAfterPoint(block: Element, node: Node, offset: number): boolean {
  if (node.nodeType !== TEXT_NODE) {
    const child = node.childNodes[offset]
    if (child) return child === block || child.contains(block) || isFollowing(child, block)
  }
  return isFollowing(node, block)
}

/** Whether the whole block lies before the boundary point (node, offset). */
function isBeforePoint(block: Element, node: Node, offset: number): boolean {
  if (node.nodeType !== TEXT_NODE && offset > 0) {
    const child = node.childNodes[offset - 1]
    if (child) return child === block || child.contains(block) || isPreceding(child, block)
  }
  return isPreceding(node, block)
}
