/**
 * The analyst can ask for either article finder on a web page.
 *
 * Why: an import that came out wrong is re-extracted with the other
 * extractor; the option must reach the HTML reader through every web format
 * and the article must say which extractor read it.
 */
import { describe, expect, it } from 'vitest'
import { parseArticleFile, type ParseOutcome } from '../../../src/main/import'
import { EXTRACTOR_NAMES } from '../../../src/shared/import/extractors'

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article
}

/** An author's bio of `count` paragraphs, long enough to be taken for a story. */
function bioParagraphs(count: number): string {
  return Array.from(
    { length: count },
    (_, i) =>
      `<p>Bio line ${i + 1}: Anna Petrova has covered shipping for twenty years and lives in Tallinn with her family, two cats and a boat she rarely has time to sail.</p>`,
  ).join('')
}

const STORY = Array.from(
  { length: 6 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: container traffic through the port of Ust-Luga continued as scheduled on Tuesday, the press secretary of the Baltic Port Authority said, adding that no shipping line had notified it of a suspension.</p>`,
).join('\n')

const PAGE = `<!doctype html><html lang="en"><head><title>Port traffic continues</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Port traffic continues</h1>${STORY}</article>
<footer>Copyright 2026 Example News</footer></body></html>`

const MHTML = [
  'From: <Saved by Blink>',
  'Snapshot-Content-Location: https://news.example.com/port',
  'Subject: Port traffic continues',
  'MIME-Version: 1.0',
  'Content-Type: multipart/related; type="text/html"; boundary="B"',
  '',
  '--B',
  'Content-Type: text/html; charset="utf-8"',
  'Content-Transfer-Encoding: 8bit',
  'Content-Location: https://news.example.com/port',
  '',
  PAGE,
  '--B--',
  '',
].join('\r\n')

describe('choosing the extractor', () => {
  it('reads a page with Readability unless told otherwise, and says so', () => {
    const parsed = article(parseArticleFile('port.html', Buffer.from(PAGE)))
    expect(parsed.extractor).toBe('readability')
    expect(parsed.blocks.map((b) => b.text).join('\n')).toContain('Paragraph 6')
  })

  it.each(EXTRACTOR_NAMES)('reads a saved page and a web archive with %s when asked', (name) => {
    for (const [file, bytes] of [
      ['port.html', Buffer.from(PAGE)],
      ['port.mhtml', Buffer.from(MHTML)],
    ] as const) {
      const parsed = article(parseArticleFile(file, bytes, { extractor: name }))
      expect(parsed.extractor).toBe(name)
      const text = parsed.blocks.map((b) => b.text).join('\n')
      expect(text).toContain('Paragraph 1')
      expect(text).toContain('Paragraph 6')
      expect(text).not.toContain('Copyright 2026')
    }
  })

  it('names no extractor for formats that have none', () => {
    const parsed = article(
      parseArticleFile('port.txt', Buffer.from('Port traffic\n\nIt continues.')),
    )
    expect(parsed.extractor).toBeUndefined()
  })
})

describe('a kept part that is not a story', () => {
  const wrap = (inner: string): Buffer =>
    Buffer.from(
      `<!doctype html><html><head><title>Page</title></head><body><main>${inner}</main></body></html>`,
    )

  it('flags a page whose text is mostly links', () => {
    const links = Array.from(
      { length: 30 },
      (_, i) =>
        `<p><a href="/s/${i}">Another story number ${i} about the port and its traffic</a></p>`,
    ).join('')
    const parsed = article(parseArticleFile('links.html', wrap(links)))
    expect(parsed.warning).toMatch(/% of the text is links/)
  })

  it('flags a page whose text is mostly one table', () => {
    const rows = Array.from(
      { length: 40 },
      (_, i) =>
        `<tr><td>${i + 1}</td><td>sender${i}@example.com</td><td>Re: shipment ${i}</td></tr>`,
    ).join('')
    const parsed = article(
      parseArticleFile('table.html', wrap(`<p>Messages.</p><table>${rows}</table>`)),
    )
    expect(parsed.warning).toMatch(/% of the text is one table/)
  })

  it('does not flag a story with a few links and a small table', () => {
    const parsed = article(
      parseArticleFile(
        'story.html',
        wrap(
          `${STORY}<p>See the <a href="/a">authority's statement</a>.</p><table><tr><td>Coal</td><td>-20%</td></tr></table>`,
        ),
      ),
    )
    expect(parsed.warning ?? null).toBeNull()
  })
})

describe('a story Readability leaves out', () => {
  it('asks defuddle when most of the page’s long paragraphs are missing, and takes its text', () => {
    // Long enough that Readability does not retry with its unlikely-candidate rule off.
    const bio = bioParagraphs(5)
    const story = Array.from(
      { length: 8 },
      (_, i) =>
        `<p>Story paragraph ${i + 1}: container traffic through the port of Ust-Luga continued as scheduled on Tuesday, the press secretary of the Baltic Port Authority said, adding that no shipping line had notified it of any suspension of calls this winter.</p>`,
    ).join('')
    const page = `<!doctype html><html><head><title>Port traffic continues</title></head><body>
<div class="extra">${story}</div><div class="author-box">${bio}</div></body></html>`
    // Readability drops the story's container as an unlikely candidate and takes the bio.
    const alone = article(
      parseArticleFile('port.html', Buffer.from(page), { extractor: 'readability' }),
    )
    expect(alone.blocks.map((b) => b.text).join('\n')).not.toContain('Story paragraph')
    const parsed = article(parseArticleFile('port.html', Buffer.from(page)))
    const text = parsed.blocks.map((b) => b.text).join('\n')
    expect(text).toContain('Story paragraph 1')
    expect(text).toContain('Story paragraph 8')
    expect(parsed.extractor).toBe('defuddle')
  })

  it('asks defuddle when Readability’s text never mentions the title, and takes a text that does', () => {
    // Short paragraphs, so only the title says which text is the story.
    const messages = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Message ${i + 1}: the password must hold at least eight characters, one capital letter and one digit, or the account cannot be created.</p>`,
    ).join('')
    const story = Array.from(
      { length: 8 },
      (_, i) =>
        `<p>Story paragraph ${i + 1}: ships kept calling at Ust-Luga on Tuesday, the harbour master said.</p>`,
    ).join('')
    const page = `<!doctype html><html><head><title>Port traffic continues at Ust-Luga</title></head><body>
<div class="extra">${story}</div><div class="author-box">${messages}</div></body></html>`
    const alone = article(
      parseArticleFile('port.html', Buffer.from(page), { extractor: 'readability' }),
    )
    expect(alone.blocks.map((b) => b.text).join('\n')).not.toContain('Ust-Luga')
    const parsed = article(parseArticleFile('port.html', Buffer.from(page)))
    expect(parsed.extractor).toBe('defuddle')
    expect(parsed.blocks.map((b) => b.text).join('\n')).toContain('Story paragraph 8')
  })

  it('keeps Readability’s text when it mentions the title', () => {
    const page = `<!doctype html><html><head><title>Port traffic continues</title></head><body>
<article><h1>Port traffic continues</h1>${STORY}</article></body></html>`
    expect(article(parseArticleFile('port.html', Buffer.from(page))).extractor).toBe('readability')
  })

  it('flags a text taken from a part of the page named as an author’s note when no other text is found', () => {
    const bio = bioParagraphs(5)
    const page = `<!doctype html><html><head><title>Port traffic continues</title></head><body>
<div class="author-description">${bio}</div></body></html>`
    const parsed = article(parseArticleFile('port.html', Buffer.from(page)))
    expect(parsed.blocks.map((b) => b.text).join('\n')).toContain('Bio line 5')
    expect(parsed.warning).toContain('named “author-description”')
  })

  it('does not flag a story whose container is named after a review or the site’s article', () => {
    const page = `<!doctype html><html><head><title>Port traffic continues</title></head><body>
<div class="review-article article-body"><h1>Port traffic continues</h1>${STORY}</div></body></html>`
    expect(article(parseArticleFile('port.html', Buffer.from(page))).warning ?? null).toBeNull()
  })

  it('asks defuddle when the story is only in the JSON-LD articleBody, far longer than what Readability found', () => {
    const bio = bioParagraphs(3)
    const body = Array.from(
      { length: 20 },
      (_, i) =>
        `Story sentence ${i + 1}: container traffic through the port of Ust-Luga continued as scheduled on Tuesday, the press secretary said.`,
    ).join(' ')
    const ld = (text: string): string =>
      `<script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Port traffic continues', articleBody: text })}</script>`
    const page = (jsonLd: string, visible: string): string =>
      `<!doctype html><html><head><title>Port traffic continues</title>${jsonLd}</head><body><div class="author-card">${visible}</div></body></html>`

    const parsed = article(parseArticleFile('port.html', Buffer.from(page(ld(body), bio))))
    const text = parsed.blocks.map((b) => b.text).join('\n')
    expect(text).toContain('Story sentence 1:')
    expect(text).toContain('Story sentence 20:')
    expect(parsed.extractor).toBe('defuddle')

    // A JSON-LD body no longer than the page's own text changes nothing.
    const short = article(
      parseArticleFile('port.html', Buffer.from(page(ld('Ust-Luga port.'), bio))),
    )
    expect(short.extractor).toBe('readability')
    expect(short.blocks.map((b) => b.text).join('\n')).toContain('Bio line 3')
  })
})
