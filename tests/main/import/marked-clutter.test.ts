/**
 * Furniture inside the story's container goes by the name the site gave it;
 * the story stays whatever its wrapper is called.
 */
import { describe, expect, it } from 'vitest'
import { parseArticleFile, type ParseOutcome } from '../../../src/main/import'
import { nameWords, namesFurniture } from '../../../src/main/import/marked-clutter'

function text(outcome: ParseOutcome): string {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article.blocks.map((block) => block.text).join('\n')
}

const PARAGRAPHS = Array.from(
  { length: 5 },
  (_, i) =>
    `<p>Paragraph ${i + 1}: container traffic through the port of Ust-Luga continued as scheduled on Tuesday, the press secretary of the Baltic Port Authority said, adding that no shipping line had notified it of any suspension of calls.</p>`,
)

function page(inside: string): Buffer {
  return Buffer.from(
    `<!doctype html><html lang="en"><head><title>Port traffic continues</title></head><body>
<nav><a href="/">Home</a></nav><article><h1>Port traffic continues</h1>${inside}</article></body></html>`,
  )
}

describe('names of furniture', () => {
  it.each([
    ['article-byline__name', true],
    ['c-share-bar', true],
    ['relatedStories', true],
    ['post-date', true],
    ['ad-slot', true],
    ['entry-meta', true],
    ['read-more-links', true],
    ['update-notice', false],
    ['adapter', false],
    ['article-body', false],
    ['story-content', false],
    ['headline', false],
    ['article-reading-time', true],
    ['js-c-reading-companion-references-item', false],
  ])('%s names furniture: %s', (name, expected) => {
    expect(namesFurniture(name)).toBe(expected)
  })

  it('splits names at separators and camelCase', () => {
    expect(nameWords('mostRead__list-item')).toEqual(['most', 'read', 'list', 'item'])
  })
})

describe('furniture inside the story', () => {
  it('drops a byline, a dateline, a share bar and a related-stories list', () => {
    const related = Array.from(
      { length: 8 },
      (_, i) =>
        `<li><a href="/s/${i}">Another story number ${i} about something else entirely</a></li>`,
    ).join('')
    const parsed = text(
      parseArticleFile(
        'port.html',
        page(
          `<div class="article-byline">By Anna Petrova, Baltic Correspondent</div>
           <span class="post-date">Published 2:16 AM EST Nov 20, 2019</span>
           ${PARAGRAPHS.slice(0, 3).join('')}
           <div class="c-share-bar">Facebook Twitter Email</div>
           ${PARAGRAPHS.slice(3).join('')}
           <section id="related-stories"><h3>More from the Baltic</h3><ul>${related}</ul></section>`,
        ),
      ),
    )
    expect(parsed).toContain('Paragraph 1')
    expect(parsed).toContain('Paragraph 5')
    expect(parsed).not.toContain('Published 2:16')
    expect(parsed).not.toContain('Facebook Twitter')
    expect(parsed).not.toContain('Another story number')
    expect(parsed).not.toContain('More from the Baltic')
  })

  it('keeps a marked element that holds a paragraph of the story', () => {
    const parsed = text(
      parseArticleFile(
        'port.html',
        page(`<div class="post-meta-content">${PARAGRAPHS.join('')}</div>`),
      ),
    )
    for (let i = 1; i <= 5; i++) expect(parsed).toContain(`Paragraph ${i}`)
  })

  it('keeps a long marked element that is not a list of links', () => {
    const note = `<div class="article-meta-note">${'This note explains how the figures were compiled from port records and ship tracking data over several weeks. '.repeat(3)}</div>`
    const parsed = text(parseArticleFile('port.html', page(`${PARAGRAPHS.join('')}${note}`)))
    expect(parsed).toContain('how the figures were compiled')
  })
})
