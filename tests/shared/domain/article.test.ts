import { describe, expect, it } from 'vitest'
import {
  articleText,
  blockRanges,
  blockSchema,
  BLOCK_TYPES,
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
