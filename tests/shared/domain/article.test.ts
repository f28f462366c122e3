/**
 * Word counts a reader would agree with, in every script.
 *
 * Why: the count is shown in the library and decides whether an import
 * looks too short to be the story; a language written without spaces must
 * not read as a handful of words.
 */
import { describe, expect, it } from 'vitest'
import { countWords } from '../../../src/shared/domain/article'

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
