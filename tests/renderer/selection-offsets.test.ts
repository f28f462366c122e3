// @vitest-environment happy-dom
/**
 * DOM selections in the reader map to the right offsets in the article text.
 *
 * The reader is rebuilt here as plain DOM in the shape `ReaderPane` renders:
 * blocks carrying `data-block-start`, their text split into spans and
 * highlight marks. Each row selects a phrase by DOM position and expects
 * the span of that phrase in `articleText(blocks)`.
 */
import { describe, expect, it } from 'vitest'
import { articleText, blockRanges, type Block } from '../../src/shared/domain/article'
import {
  BLOCK_START_ATTRIBUTE,
  rangeToSpan,
  trimSpan,
  type DomRangeLike,
} from '../../src/renderer/src/features/reader/selection-offsets'
import {
  segmentBlock,
  type HighlightSpan,
} from '../../src/renderer/src/features/reader/highlight-segments'

const BLOCKS: Block[] = [
  { type: 'heading', text: 'Port expansion' },
  { type: 'paragraph', text: 'The terminal will open in April, the operator said.' },
  { type: 'quote', text: 'We expect the first ships at the new berth.' },
  { type: 'list-item', text: 'Capacity: 1.4 million containers' },
  { type: 'list-item', text: 'Cost: about €310 million' },
]
const TEXT = articleText(BLOCKS)

/** Build the reader DOM: a title outside the blocks, then the blocks with highlights as marks. */
function renderReader(highlights: readonly HighlightSpan[] = []): HTMLElement {
  const root = document.createElement('div')
  const title = document.createElement('h1')
  title.textContent = 'A title outside the blocks'
  root.append(title)
  const body = document.createElement('div')
  root.append(body)
  const ranges = blockRanges(BLOCKS)
  let list: HTMLElement | null = null
  BLOCKS.forEach((block, i) => {
    const start = ranges[i]?.start ?? 0
    const tag = {
      heading: 'h2',
      paragraph: 'p',
      quote: 'blockquote',
      'list-item': 'li',
      caption: 'p',
    }[block.type]
    const element = document.createElement(tag)
    element.setAttribute(BLOCK_START_ATTRIBUTE, String(start))
    for (const segment of segmentBlock(block.text, start, highlights)) {
      const piece = document.createElement(segment.highlightIds.length > 0 ? 'mark' : 'span')
      piece.textContent = segment.text
      element.append(piece)
    }
    if (block.type === 'list-item') {
      if (!list) {
        list = document.createElement('ul')
        body.append(list)
      }
      list.append(element)
    } else {
      list = null
      body.append(element)
    }
  })
  document.body.replaceChildren(root)
  return root
}

/** Every text node under the root, in order. */
function textNodes(root: Node): Text[] {
  const out: Text[] = []
  const walk = (node: Node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === 3) out.push(child as Text)
      else walk(child)
    }
  }
  walk(root)
  return out
}

/** The DOM point `n` characters into the nth occurrence of `needle` across text nodes. */
function pointAt(root: Node, needle: string, after = false): { node: Node; offset: number } {
  for (const node of textNodes(root)) {
    const at = node.data.indexOf(needle)
    if (at >= 0) return { node, offset: after ? at + needle.length : at }
  }
  throw new Error(`not found: ${needle}`)
}

function range(
  start: { node: Node; offset: number },
  end: { node: Node; offset: number },
): DomRangeLike {
  return {
    startContainer: start.node,
    startOffset: start.offset,
    endContainer: end.node,
    endOffset: end.offset,
  }
}

function spanOf(phrase: string): { start: number; end: number } {
  const start = TEXT.indexOf(phrase)
  return { start, end: start + phrase.length }
}

describe('rangeToSpan', () => {
  const rows: {
    description: string
    highlights?: HighlightSpan[]
    from: string
    to: string
    expected: string
  }[] = [
    {
      description: 'inside one paragraph',
      from: 'will open',
      to: 'April',
      expected: 'will open in April',
    },
    {
      description: 'in the first block',
      from: 'Port',
      to: 'expansion',
      expected: 'Port expansion',
    },
    { description: 'in a quote', from: 'first ships', to: 'ships', expected: 'first ships' },
    { description: 'in a list item', from: '1.4', to: 'million', expected: '1.4 million' },
    {
      description: 'across two blocks (the separator counts)',
      from: 'operator',
      to: 'We expect',
      expected: 'operator said.\n\nWe expect',
    },
    {
      description: 'starting inside a highlight mark',
      highlights: [
        { id: 'a', start: spanOf('terminal will').start, end: spanOf('terminal will').end },
      ],
      from: 'will',
      to: 'April',
      expected: 'will open in April',
    },
    {
      description: 'ending inside a highlight mark',
      highlights: [
        { id: 'a', start: spanOf('open in April').start, end: spanOf('open in April').end },
      ],
      from: 'The',
      to: 'open in',
      expected: 'The terminal will open in',
    },
    {
      description: 'across overlapping highlights',
      highlights: [
        {
          id: 'a',
          start: spanOf('terminal will open').start,
          end: spanOf('terminal will open').end,
        },
        {
          id: 'b',
          start: spanOf('will open in April').start,
          end: spanOf('will open in April').end,
        },
      ],
      from: 'terminal',
      to: 'April',
      expected: 'terminal will open in April',
    },
  ]
  for (const row of rows) {
    it(row.description, () => {
      const root = renderReader(row.highlights)
      const span = rangeToSpan(root, range(pointAt(root, row.from), pointAt(root, row.to, true)))
      expect(span).toEqual(spanOf(row.expected))
      expect(TEXT.slice(span?.start, span?.end)).toBe(row.expected)
    })
  }

  it('snaps a start in the title to the first block', () => {
    const root = renderReader()
    const span = rangeToSpan(root, range(pointAt(root, 'title'), pointAt(root, 'Port', true)))
    expect(span).toEqual(spanOf('Port'))
  })

  it('handles element boundary points (offsets counted in child nodes)', () => {
    const root = renderReader()
    const paragraph = root.querySelector('p') as HTMLElement
    const quote = root.querySelector('blockquote') as HTMLElement
    // Before the paragraph's first child, to after the quote's last child.
    const span = rangeToSpan(
      root,
      range({ node: paragraph, offset: 0 }, { node: quote, offset: quote.childNodes.length }),
    )
    expect(TEXT.slice(span?.start, span?.end)).toBe(`${BLOCKS[1]?.text}\n\n${BLOCKS[2]?.text}`)
  })

  it('snaps an end between blocks back to the end of the previous block', () => {
    const root = renderReader()
    const body = root.children[1] as HTMLElement
    // End point: in the body element, after the paragraph (child 1) and before the quote.
    const span = rangeToSpan(root, range(pointAt(root, 'the operator'), { node: body, offset: 2 }))
    expect(TEXT.slice(span?.start, span?.end)).toBe('the operator said.')
  })

  it('returns null for a collapsed range or one wholly outside the blocks', () => {
    const root = renderReader()
    const point = pointAt(root, 'April')
    expect(rangeToSpan(root, range(point, point))).toBeNull()
    expect(
      rangeToSpan(root, range(pointAt(root, 'A title'), pointAt(root, 'outside', true))),
    ).toBeNull()
  })
})

describe('trimSpan', () => {
  const rows = [
    {
      description: 'drops surrounding spaces',
      text: 'a  word  b',
      span: { start: 1, end: 8 },
      expected: { start: 3, end: 7 },
    },
    {
      description: 'keeps a tight span',
      text: 'word',
      span: { start: 0, end: 4 },
      expected: { start: 0, end: 4 },
    },
    {
      description: 'drops a block separator at the edge',
      text: 'end.\n\nNext',
      span: { start: 0, end: 6 },
      expected: { start: 0, end: 4 },
    },
    {
      description: 'gives null for whitespace only',
      text: 'a \n\n b',
      span: { start: 1, end: 5 },
      expected: null,
    },
  ]
  for (const row of rows) {
    it(row.description, () => expect(trimSpan(row.text, row.span)).toEqual(row.expected))
  }
})
