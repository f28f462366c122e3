/**
 * Block text is cut into runs that agree with annotation offsets.
 */
import { describe, expect, it } from 'vitest'
import { segmentBlock } from '../../src/renderer/src/features/reader/highlight-segments'

const TEXT = 'The port will open in April.'

describe('segmentBlock', () => {
  const rows = [
    {
      description: 'plain text is one segment',
      blockStart: 0,
      highlights: [],
      expected: [{ text: TEXT, ids: [] }],
    },
    {
      description: 'a highlight in the middle makes three segments',
      blockStart: 100,
      highlights: [{ id: 'a', start: 104, end: 108 }],
      expected: [
        { text: 'The ', ids: [] },
        { text: 'port', ids: ['a'] },
        { text: ' will open in April.', ids: [] },
      ],
    },
    {
      description: 'overlapping highlights list the shorter first',
      blockStart: 0,
      highlights: [
        { id: 'long', start: 4, end: 18 },
        { id: 'short', start: 9, end: 13 },
      ],
      expected: [
        { text: 'The ', ids: [] },
        { text: 'port ', ids: ['long'] },
        { text: 'will', ids: ['short', 'long'] },
        { text: ' open', ids: ['long'] },
        { text: ' in April.', ids: [] },
      ],
    },
    {
      description: 'highlights running past the block are clipped; others ignored',
      blockStart: 50,
      highlights: [
        { id: 'before', start: 0, end: 40 },
        { id: 'spanning', start: 30, end: 54 },
        { id: 'past-end', start: 69, end: 90 },
      ],
      expected: [
        { text: 'The ', ids: ['spanning'] },
        { text: 'port will open ', ids: [] },
        { text: 'in April.', ids: ['past-end'] },
      ],
    },
  ]
  for (const row of rows) {
    it(row.description, () => {
      const segments = segmentBlock(TEXT, row.blockStart, row.highlights)
      expect(segments.map((s) => ({ text: s.text, ids: s.highlightIds }))).toEqual(row.expected)
      expect(segments.map((s) => s.text).join('')).toBe(TEXT)
      for (const s of segments)
        expect(TEXT.slice(s.start - row.blockStart, s.end - row.blockStart)).toBe(s.text)
    })
  }
})
