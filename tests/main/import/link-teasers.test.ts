/**
 * Teasers of other stories go by their shape (all link, short, late in the
 * container or under a related-stories heading); story paragraphs with a
 * link in them and lists that are the story stay.
 */
import { describe, expect, it } from 'vitest'
import { parseArticleFile } from '../../../src/main/import'
import { parseDocument } from '../../../src/main/import/html'
import { pruneLinkTeasers } from '../../../src/main/import/link-teasers'

const STORY = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: container traffic through the port of Ust-Luga continued as scheduled on Tuesday, the press secretary of the Baltic Port Authority said, adding that no shipping line had notified it of any suspension of calls.</p>`,
).join('\n')

/** The container's text after pruning, one line per leaf. */
function pruned(inside: string): string {
  const page = parseDocument(`<!doctype html><html><body><div id="c">${inside}</div></body></html>`)
  try {
    const container = page.document.getElementById('c')!
    pruneLinkTeasers(container)
    return (container.textContent ?? '').replace(/\s+/g, ' ')
  } finally {
    page.close()
  }
}

const teaserList = (n: number): string =>
  `<ul>${Array.from({ length: n }, (_, i) => `<li><a href="/s/${i}">Other story ${i} about the harbour</a></li>`).join('')}</ul>`

describe('link teasers inside the story', () => {
  it('drops a related heading in another language and the links it introduces', () => {
    const text = pruned(
      `${STORY}<h3>Ähnliche Beiträge</h3>${teaserList(3)}<p>Closing remark of the story, which is long enough to be text and holds no link at all here.</p>`,
    )
    expect(text).not.toContain('Ähnliche Beiträge')
    expect(text).not.toContain('Other story')
    expect(text).toContain('Closing remark of the story')
  })

  it('drops a closing run of links and all-link teaser paragraphs late in the story', () => {
    const text = pruned(
      `${STORY}<p><a href="/x">Richtig frühstücken: Die besten Tipps für einen flachen Bauch</a></p>${teaserList(3)}`,
    )
    expect(text).not.toContain('Richtig frühstücken')
    expect(text).not.toContain('Other story')
    expect(text).toContain('Paragraph 5')
  })

  it('keeps a story paragraph that merely holds a link, and an address the story gives', () => {
    const text = pruned(
      `${STORY}<p>The authority published <a href="/r">its report</a> on Tuesday.</p><p><a href="https://example.org/petition">https://example.org/petition</a></p>`,
    )
    expect(text).toContain('The authority published its report on Tuesday.')
    expect(text).toContain('https://example.org/petition')
  })

  it('keeps a list that is the story, and links early in the story', () => {
    const story = `<p><a href="/a">Port strike ends after three days</a></p>${STORY}<ul><li>Ust-Luga: open</li><li>Riga: open</li><li>Tallinn: closed until Friday</li></ul>`
    const text = pruned(story)
    expect(text).toContain('Port strike ends after three days')
    expect(text).toContain('Tallinn: closed until Friday')
  })

  it('keeps links in the middle of the story when no related heading introduces them', () => {
    const text = pruned(`${STORY}${teaserList(2)}${STORY}`)
    expect(text).toContain('Other story 0')
  })

  it('leaves a container that is only links whole', () => {
    expect(pruned(teaserList(4))).toContain('Other story 3')
  })

  it('drops the teasers from an imported page', () => {
    const html = `<!doctype html><html lang="de"><head><title>Port traffic continues</title></head><body><article><h1>Port traffic continues</h1>${STORY}<p>Weitere Beiträge zum Thema</p>${teaserList(4)}</article></body></html>`
    const outcome = parseArticleFile('port.html', Buffer.from(html))
    if (!outcome.ok) throw new Error(outcome.reason)
    const text = outcome.article.blocks.map((block) => block.text).join('\n')
    expect(text).toContain('Paragraph 5')
    expect(text).not.toContain('Weitere Beiträge')
    expect(text).not.toContain('Other story')
  })
})
