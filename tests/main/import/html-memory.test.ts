/**
 * The HTML importer frees each page it parsed.
 *
 * Why: a bulk import of thousands of saved pages runs in one worker; when
 * the importer reused one DOM window, its DOMParser kept every document
 * it had parsed and the heap grew by megabytes per page until it ran out.
 */
import { describe, expect, it } from 'vitest'
import { parseArticleFile } from '../../../src/main/import'
import { openPageCount } from '../../../src/main/import/html'

/** A large page: a real-sized story buried in a lot of page. */
function largePage(): Buffer {
  const paragraph = (i: number): string =>
    `<p>Paragraph ${i}: container traffic through the port continued as scheduled, the press secretary of the port authority said on Tuesday, adding that no line had suspended its calls.</p>`
  const teasers = Array.from(
    { length: 300 },
    (_, i) => `<li><a href="/story/${i}">Teaser ${i} about something else</a></li>`,
  ).join('')
  const story = Array.from({ length: 80 }, (_, i) => paragraph(i)).join('\n')
  return Buffer.from(
    `<!doctype html><html lang="en"><head><title>Port traffic</title></head><body>` +
      `<nav><ul>${teasers}</ul></nav><article><h1>Port traffic</h1>${story}</article></body></html>`,
  )
}

/** Let queued tasks finish, then collect. */
async function settledHeap(gc: () => void): Promise<number> {
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    gc()
  }
  return process.memoryUsage().heapUsed
}

describe('HTML import memory', () => {
  const page = largePage()

  it('holds no parsed page open after an import', () => {
    for (let i = 0; i < 3; i++) {
      const outcome = parseArticleFile('port.html', page)
      expect(outcome.ok).toBe(true)
      expect(openPageCount()).toBe(0)
    }
  })

  it('closes the page even when the file is refused', () => {
    // Deeper than the importer parses: refused before a page is opened.
    parseArticleFile('deep.html', Buffer.from('<div>'.repeat(5000)))
    expect(openPageCount()).toBe(0)
  })

  const gc = (globalThis as { gc?: () => void }).gc
  // Needs node --expose-gc (NODE_OPTIONS=--expose-gc npx vitest run …); skipped otherwise.
  it.runIf(typeof gc === 'function')(
    'keeps the heap flat across 30 imports of the same large page',
    async () => {
      const collect = gc as () => void
      for (let i = 0; i < 3; i++) parseArticleFile('port.html', page)
      const before = await settledHeap(collect)
      for (let i = 0; i < 30; i++) {
        parseArticleFile('port.html', page)
        await new Promise((resolve) => setImmediate(resolve))
      }
      const after = await settledHeap(collect)
      // A kept document of this page costs megabytes; 30 of them would be far over.
      expect((after - before) / 1e6).toBeLessThan(8)
    },
  )
})
