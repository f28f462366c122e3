import fc from 'fast-check'
import { afterAll, describe, expect, it } from 'vitest'
import { blockSchema } from '../../../src/shared/domain/article'
import { parseArticleFile, parsePastedText, type ParseOutcome } from '../../../src/main/import'

const counts = { inputs: 0, imported: 0, rejected: 0 }

afterAll(() => {
  console.log(`hostile import inputs: ${JSON.stringify({ ...counts, crashed: 0 })}`)
})

/** Either a valid article with at least one block, or a non-empty reason. */
function expectWellFormed(outcome: ParseOutcome): void {
  counts.inputs++
  if (outcome.ok) counts.imported++
  else counts.rejected++
  if (outcome.ok) {
    expect(outcome.article.blocks.length).toBeGreaterThan(0)
    for (const block of outcome.article.blocks) {
      expect(blockSchema.safeParse(block).success).toBe(true)
      expect(block.text).toBe(block.text.trim())
      expect(block.text).not.toContain('\n\n')
    }
    expect(outcome.article.title.length).toBeGreaterThan(0)
  } else {
    expect(outcome.reason.length).toBeGreaterThan(0)
  }
}

const EXTENSIONS = ['.txt', '.md', '.html', '.htm', '.markdown', '.pdf', '']

describe('any input', () => {
  it.each(EXTENSIONS)(
    'gives an article or a reason for random bytes named *%s',
    (ext) => {
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
          expectWellFormed(parseArticleFile(`random${ext}`, bytes))
        }),
        { numRuns: 60 },
      )
    },
    60_000,
  )

  it('gives an article or a reason for random Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        expectWellFormed(parsePastedText(text))
        expectWellFormed(parseArticleFile('pasted.md', new TextEncoder().encode(text)))
      }),
      { numRuns: 150 },
    )
  })

  it('gives an article or a reason for random markup-like text', () => {
    const piece = fc.constantFrom(
      '<',
      '>',
      '</',
      '<p>',
      '<script>',
      '</script>',
      '<!--',
      '-->',
      '# ',
      '> ',
      '- ',
      '1. ',
      '**',
      '_',
      '`',
      '```',
      '[',
      '](',
      ')',
      '[citation: ',
      ']',
      '---\n',
      'title: x\n',
      '\n',
      '\n\n',
      'Next Article',
      'word ',
      'Слово ',
      '&amp;',
      '&#0;',
    )
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.constantFrom('.md', '.html', '.txt'),
        (pieces, ext) => {
          const text = pieces.join('')
          expectWellFormed(parseArticleFile(`doc${ext}`, new TextEncoder().encode(text)))
          expectWellFormed(parsePastedText(`<!doctype html>${text}`))
        },
      ),
      // Readability takes ~15 ms even on a tiny page.
      { numRuns: 80 },
    )
  }, 60_000)

  it('keeps the words of ordinary prose', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z]{2,10}$/), { minLength: 3, maxLength: 30 }),
        (words) => {
          const outcome = parsePastedText(`${words.join(' ')}.`)
          expect(outcome.ok).toBe(true)
          if (outcome.ok) {
            expect(outcome.article.blocks.map((b) => b.text).join(' ')).toBe(`${words.join(' ')}.`)
          }
        },
      ),
      { numRuns: 100 },
    )
  })
})
