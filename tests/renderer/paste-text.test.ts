import { describe, expect, it } from 'vitest'
import { pastedTextProblem } from '../../src/renderer/src/features/paste/pasted-text'
import { MAX_PASTED_TEXT_CHARS } from '../../src/shared/ipc/contract'
import { sameTextMessage } from '../../src/shared/import/extractors'

describe('what the "Paste the text" dialog refuses before sending', () => {
  const rows: [string, string, RegExp | null][] = [
    ['an empty text', '', /^Paste the text of the story first\.$/],
    ['only spaces and newlines', '  \n\t \n', /^Paste the text of the story first\.$/],
    ['a short story', 'Title\n\nOne paragraph of the story.', null],
    ['a text at the limit', 'x'.repeat(MAX_PASTED_TEXT_CHARS), null],
    [
      'a text over the limit',
      'x'.repeat(MAX_PASTED_TEXT_CHARS + 1),
      /^The text is 200,001 characters long; at most 200,000 can be pasted\. Save the page/,
    ],
  ]
  for (const [label, text, expected] of rows) {
    it(`${expected === null ? 'accepts' : 'refuses'} ${label}`, () => {
      const problem = pastedTextProblem(text)
      if (expected === null) expect(problem).toBeNull()
      else expect(problem).toMatch(expected)
    })
  }
})

describe('what the analyst is told when an extractor finds the same text', () => {
  it.each([
    ['defuddle', 'Defuddle found the same text; nothing changed.'],
    ['readability', 'Readability found the same text; nothing changed.'],
  ] as const)('%s', (name, message) => {
    expect(sameTextMessage(name)).toBe(message)
  })
})
