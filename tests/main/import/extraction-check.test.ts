/**
 * "Check this import": what marks an extracted text as needing a look, and what does not.
 */
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticleFile } from '../../../src/main/import'
import { extractionWarning } from '../../../src/main/import/extraction-check'
import type { Block } from '../../../src/shared/domain/article'
import { SAMPLES_DIR } from '../../support/core'

const para = (text: string): Block => ({ type: 'paragraph', text })
const story = Array.from({ length: 12 }, (_, i) =>
  para(
    `Paragraph ${i}: the harbour master said on Tuesday that ${i + 3} ships had been waiting outside the port since the weekend.`,
  ),
)

describe('extractionWarning', () => {
  it('passes an ordinary story, from a text file or a large page', () => {
    expect(extractionWarning(story, { name: 'a.txt', byteLength: 2_000 })).toBeNull()
    expect(extractionWarning(story, { name: 'a.html', byteLength: 300_000 })).toBeNull()
  })

  it('marks a large page that gave only a few words', () => {
    const navigation = [para('Home'), para('News Sport Weather'), para('Sign in to read more')]
    const warning = extractionWarning(navigation, { name: 'page.html', byteLength: 180_000 })
    expect(warning).toMatch(/^Only 9 words were found in a page of 176 KB/)
    // A short story from a big page (a paywalled teaser of 66 words) is not marked.
    expect(extractionWarning(story.slice(0, 4), { name: 'p.html', byteLength: 500_000 })).toBeNull()
    // The same few words from a small text file are just a short text.
    expect(extractionWarning(navigation, { name: 'note.txt', byteLength: 60 })).toBeNull()
    // MHTML and XHTML are pages too.
    expect(extractionWarning(navigation, { name: 'page.mhtml', byteLength: 90_000 })).not.toBeNull()
  })

  it('counts only the story: captions neither make a missed story look found nor add short lines', () => {
    const navigation = [para('Home'), para('News Sport Weather'), para('Sign in to read more')]
    const captions: Block[] = Array.from({ length: 12 }, (_, i) => ({
      type: 'caption',
      text: `Ships number ${i} and ${i + 1} wait outside the port of Ust-Luga on Tuesday morning`,
    }))
    const warning = extractionWarning([...navigation, ...captions], {
      name: 'page.html',
      byteLength: 180_000,
    })
    expect(warning).toMatch(/^Only 9 words were found/)
    const short: Block[] = Array.from({ length: 24 }, (_, i) => ({
      type: 'caption',
      text: `Photo ${i}`,
    }))
    expect(
      extractionWarning([...story, ...short], { name: 'a.html', byteLength: 30_000 }),
    ).toBeNull()
  })

  it('marks a text taken twice, but not lines a story repeats here and there', () => {
    const twice = [...story, ...story]
    expect(extractionWarning(twice, { name: 'a.html', byteLength: 50_000 })).toMatch(
      /^12 paragraphs appear twice in the same order/,
    )
    const refrain = [...story, para('Read more'), para('Read more'), para('Read more')]
    expect(extractionWarning(refrain, { name: 'a.html', byteLength: 50_000 })).toBeNull()
    // A meal plan: the same long line under every day's heading.
    const line = 'Portion fix containers: one green, one red, one yellow and a teaspoon of oil.'
    const plan = Array.from({ length: 7 }, (_, d) => [para(`Day ${d + 1} of the plan`), para(line)])
    expect(
      extractionWarning([...story.slice(0, 3), ...plan.flat()], {
        name: 'a.html',
        byteLength: 50_000,
      }),
    ).toBeNull()
  })

  it('marks a text of mostly short lines (a table, a list of names or links)', () => {
    const rows = Array.from({ length: 40 }, (_, i) => para(`Row ${i} value`))
    expect(extractionWarning([story[0]!, ...rows], { name: 'a.html', byteLength: 9_000 })).toMatch(
      /^40 of 41 paragraphs are a few words long/,
    )
  })

  it('marks none of the sample articles or import fixtures', async () => {
    const dirs = [SAMPLES_DIR, join(__dirname, '../../fixtures/import')]
    let checked = 0
    for (const dir of dirs) {
      for (const name of await readdir(dir)) {
        if (!/\.(txt|md|html?)$/.test(name) || name.includes('hostile')) continue
        const data = new Uint8Array(await readFile(join(dir, name)))
        const parsed = parseArticleFile(name, data)
        if (!parsed.ok) continue
        checked++
        expect(
          extractionWarning(parsed.article.blocks, { name, byteLength: data.byteLength }),
          name,
        ).toBeNull()
      }
    }
    expect(checked).toBeGreaterThan(3)
  })
})
