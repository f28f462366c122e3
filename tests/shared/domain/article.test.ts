/**
 * The article's blocks and the words in them.
 *
 * Why: every part of the app reads an article as its blocks joined by blank
 * lines, so a new block type must keep annotation offsets true; and the word
 * count is shown in the library and decides whether an import looks too
 * short to be the story, so a language written without spaces must not read
 * as a handful of words.
 */
import { describe, expect, it } from 'vitest'
import {
  articleText,
  blockRanges,
  blockSchema,
  BLOCK_TYPES,
  countWords,
  type Block,
} from '../../../src/shared/domain/article'

describe('block types', () => {
  it('include captions, which the stored block schema accepts', () => {
    expect(BLOCK_TYPES).toContain('caption')
    expect(blockSchema.parse({ type: 'caption', text: 'The quay at dawn' })).toEqual({
      type: 'caption',
      text: 'The quay at dawn',
    })
    expect(blockSchema.safeParse({ type: 'figure', text: 'The quay at dawn' }).success).toBe(false)
  })

  it('count a caption in the normalised text like any block, so offsets after it hold', () => {
    const blocks: Block[] = [
      { type: 'paragraph', text: 'Ships wait at the quay.' },
      { type: 'caption', text: 'The quay at dawn' },
      { type: 'paragraph', text: 'The terminal reopens on Monday.' },
    ]
    const text = articleText(blocks)
    expect(text).toBe(
      'Ships wait at the quay.\n\nThe quay at dawn\n\nThe terminal reopens on Monday.',
    )
    const ranges = blockRanges(blocks)
    expect(text.slice(ranges[1]!.start, ranges[1]!.end)).toBe('The quay at dawn')
    expect(text.slice(ranges[2]!.start, ranges[2]!.end)).toBe('The terminal reopens on Monday.')
  })
})

describe('countWords', () => {
  it('counts runs of letters or digits, keeping apostrophes and hyphens inside words', () => {
    expect(countWords('Don’t stop the Ust-Luga port, 42 ships said.')).toBe(8)
    expect(countWords('Привет, мир! Ελληνικά κείμενα. 한국어 문장')).toBe(6)
    expect(countWords('  — … ')).toBe(0)
  })

  it('counts each Chinese or Japanese character as a word, as word processors do', () => {
    expect(countWords('子どもへの虐待をなくす')).toBe(11)
    expect(countWords('武汉的声音')).toBe(5)
    expect(countWords('NHKのニュース')).toBe(6)
  })
})
