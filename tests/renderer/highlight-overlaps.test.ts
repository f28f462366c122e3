import { describe, expect, it } from 'vitest'
import { segmentBlock } from '../../src/renderer/src/features/reader/highlight-segments'

describe('segmentBlock with several overlapping annotations', () => {
  // 0123456789012345678901234
  const text = 'The port will open in May'

  it('cuts at every edge and lists covering annotations shortest first', () => {
    const segments = segmentBlock(text, 100, [
      { id: 'claim', start: 100, end: 125 },
      { id: 'tag', start: 104, end: 113 },
      { id: 'word', start: 109, end: 118 },
    ])
    expect(segments.map((s) => [s.text, s.highlightIds])).toEqual([
      ['The ', ['claim']],
      ['port ', ['tag', 'claim']],
      ['will', ['word', 'tag', 'claim']],
      [' open', ['word', 'claim']],
      [' in May', ['claim']],
    ])
    expect(segments.map((s) => s.text).join('')).toBe(text)
  })

  it('keeps identical spans together and orders them stably', () => {
    const segments = segmentBlock(text, 0, [
      { id: 'b', start: 4, end: 8 },
      { id: 'a', start: 4, end: 8 },
    ])
    expect(segments.map((s) => [s.text, s.highlightIds])).toEqual([
      ['The ', []],
      ['port', ['a', 'b']],
      [' will open in May', []],
    ])
  })

  it('clips annotations that run across block edges and ignores those outside', () => {
    const segments = segmentBlock(text, 50, [
      { id: 'across', start: 40, end: 53 },
      { id: 'after', start: 80, end: 90 },
      { id: 'empty', start: 60, end: 60 },
    ])
    expect(segments.map((s) => [s.start, s.end, s.highlightIds])).toEqual([
      [50, 53, ['across']],
      [53, 75, []],
    ])
  })
})
