// @vitest-environment happy-dom
/**
 * Keyboard selection in the reader: a span of a block's text becomes a DOM
 * selection that maps back to the same span, across highlight marks, and
 * `s` steps through the block's sentences.
 */
import { describe, expect, it } from 'vitest'
import {
  blockElements,
  extendSelection,
  nextSentence,
  selectInBlock,
  selectionInBlock,
} from '../../src/renderer/src/features/reader/keyboard-selection'

const FIRST = 'Dr. Ortiz met the U.S. team.'
const SECOND = 'They agreed on «сроки».'
const TEXT = `${FIRST} ${SECOND}`

/** A reader body with a heading and a paragraph split by a highlight mark, as ReaderPane draws. */
function reader(): HTMLElement {
  document.body.innerHTML = `
    <div data-article-body>
      <h2 data-block-start="0" tabindex="-1"><span>Heading</span></h2>
      <p data-block-start="8" tabindex="-1"><span>Dr. Ortiz met </span><mark>the U.S.</mark><span> team. They agreed on «сроки».</span></p>
    </div>`
  const root = document.querySelector<HTMLElement>('[data-article-body]')
  if (!root) throw new Error('no reader')
  return root
}

describe('keyboard selection', () => {
  it('lists the blocks in reading order', () => {
    expect(blockElements(reader()).map((b) => b.tagName)).toEqual(['H2', 'P'])
  })

  const spans: ReadonlyArray<[string, number, number]> = [
    ['a whole sentence across a mark', 0, FIRST.length],
    ['inside the mark', FIRST.indexOf('U.S.'), FIRST.indexOf('U.S.') + 4],
    ['the second sentence, Cyrillic', FIRST.length + 1, TEXT.length],
    ['starting at a mark edge', FIRST.indexOf('the'), FIRST.length],
  ]
  for (const [name, start, end] of spans)
    it(`selects and reads back ${name}`, () => {
      const root = reader()
      const block = blockElements(root)[1]
      if (!block) throw new Error('no block')
      selectInBlock(block, { start, end })
      expect(window.getSelection()?.toString()).toBe(TEXT.slice(start, end))
      expect(selectionInBlock(root, block)).toEqual({ start, end })
    })

  it('reads no selection when nothing is selected', () => {
    const root = reader()
    window.getSelection()?.removeAllRanges()
    const block = blockElements(root)[1]
    expect(block && selectionInBlock(root, block)).toBeNull()
  })

  it('steps through sentences and wraps', () => {
    const first = nextSentence(TEXT, null)
    expect(first && TEXT.slice(first.start, first.end)).toBe(FIRST)
    const second = nextSentence(TEXT, first)
    expect(second && TEXT.slice(second.start, second.end)).toBe(SECOND)
    expect(nextSentence(TEXT, second)).toEqual(first)
    // A selection that is not a sentence selects the sentence where it ends.
    const inside = nextSentence(TEXT, { start: 0, end: FIRST.length + 5 })
    expect(inside).toEqual(second)
    expect(nextSentence('   ', null)).toBeNull()
  })

  it('extends from nothing to the first word, then by words', () => {
    const word = extendSelection(TEXT, null, 'end', 1)
    expect(word && TEXT.slice(word.start, word.end)).toBe('Dr.')
    const two = word && extendSelection(TEXT, word, 'end', 1)
    expect(two && TEXT.slice(two.start, two.end)).toBe('Dr. Ortiz')
    const start = two && extendSelection(TEXT, two, 'start', 1)
    expect(start && TEXT.slice(start.start, start.end)).toBe('Ortiz')
  })
})
