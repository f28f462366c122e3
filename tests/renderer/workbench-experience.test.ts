import { describe, expect, it } from 'vitest'
import { errorDetails } from '../../src/renderer/src/components/ErrorBoundary'
import {
  FONT_SIZES,
  MAX_FONT_SIZE,
  MIN_FONT_SIZE,
  stepFontSize,
} from '../../src/renderer/src/features/layout/layout-store'
import { pastedFileName } from '../../src/renderer/src/features/paste/paste-article'

describe('reader font size steps', () => {
  it('moves one step along the scale and stops at its ends', () => {
    expect(stepFontSize(17, 1)).toBe(18)
    expect(stepFontSize(17, -1)).toBe(16)
    expect(stepFontSize(MAX_FONT_SIZE, 1)).toBe(MAX_FONT_SIZE)
    expect(stepFontSize(MIN_FONT_SIZE, -1)).toBe(MIN_FONT_SIZE)
    // A size between steps snaps to the scale.
    expect(FONT_SIZES).not.toContain(19)
    expect(stepFontSize(19, 1)).toBe(22)
    expect(stepFontSize(19, -1)).toBe(18)
  })
})

describe('pasted article names', () => {
  it('are .txt files named after the time, safe on every file system', () => {
    expect(pastedFileName(new Date('2026-11-22T04:30:05.123Z'))).toBe(
      'pasted-2026-11-22T04-30-05.txt',
    )
  })
})

describe('error details', () => {
  it('carry the version, the pane, the message and the stack', () => {
    const error = new Error('boom')
    error.stack = 'Error: boom\n    at Pane (pane.tsx:1:1)'
    const text = errorDetails('reader', error, '\n    in ReaderPane', '1.2.3')
    expect(text).toContain('Analyst Workbench 1.2.3')
    expect(text).toContain('Pane: reader')
    expect(text).toContain('Error: boom')
    expect(text).toContain('at Pane (pane.tsx:1:1)')
    expect(text).toContain('in ReaderPane')
  })
})
