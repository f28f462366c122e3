/**
 * Structure rules applied to a saved page around extraction (issue 15, item 3):
 * captions and credits, comment sections, a body that repeats itself, list
 * items with headings of their own, line breaks. Each
 * rule has a positive case and a story paragraph that must survive it.
 */
import { describe, expect, it } from 'vitest'
import { parseArticleFile } from '../../../src/main/import'

const STORY = [
  'Container traffic through the port of Ust-Luga continues as scheduled, the press secretary of the Baltic Port Authority said on Tuesday, adding that no line had suspended its calls.',
  'The authority said that rail deliveries to the coal terminal had fallen by a fifth since the spring, while the container terminal had handled more boxes than a year earlier.',
  'Shipping agents in St Petersburg said that two feeder services had moved their calls from Ust-Luga to Bronka for the winter, citing ice and the cost of pilotage in the bay.',
  'A spokesman for the terminal operator declined to comment on the feeder services but said that the terminal would keep its opening hours unchanged through the New Year holidays.',
  'Analysts at a Moscow brokerage said the figures pointed to a slow shift of cargo from the northern ports to the south, where the railways have spare capacity this winter.',
]

function page(inner: string): Uint8Array {
  const paragraphs = STORY.map((text) => `<p>${text}</p>`).join('\n')
  const html = `<!doctype html><html lang="en"><head><title>Ust-Luga traffic</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ust-Luga traffic continues</h1>
${paragraphs.replace('</p>', `</p>\n${inner}`)}
</article></body></html>`
  return new TextEncoder().encode(html)
}

function texts(inner: string): string[] {
  const outcome = parseArticleFile('page.html', page(inner))
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.article.blocks.map((block) => block.text)
}

function blocksOf(inner: string): [string, string][] {
  const outcome = parseArticleFile('page.html', page(inner))
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.article.blocks.map((block) => [block.type, block.text])
}

describe('captions and photo credits', () => {
  it.each([
    [
      'a figcaption',
      '<figure><img src="a.jpg" alt=""><figcaption>CAPTION_TEXT shows the quay</figcaption></figure>',
      'CAPTION_TEXT shows the quay',
    ],
    [
      'a figure around a picture',
      '<figure><img src="a.jpg"><div>CAPTION_TEXT at dawn</div></figure>',
      'CAPTION_TEXT at dawn',
    ],
    [
      'a WordPress caption',
      '<div class="wp-caption"><img src="a.jpg"><p class="wp-caption-text">CAPTION_TEXT on the quay</p></div>',
      'CAPTION_TEXT on the quay',
    ],
    [
      'a media-caption',
      '<p class="media-caption">CAPTION_TEXT in the harbour</p>',
      'CAPTION_TEXT in the harbour',
    ],
  ])('keeps %s as a caption block where the picture stood', (_, inner, caption) => {
    const blocks = blocksOf(inner)
    const at = blocks.findIndex(([, text]) => text === STORY[0])
    expect(blocks[at + 1]).toEqual(['caption', caption])
    expect(blocks.filter(([type]) => type === 'caption')).toHaveLength(1)
    expect(blocks.filter(([type]) => type === 'paragraph').map(([, text]) => text)).toEqual(STORY)
  })

  it.each([
    ['an image-credit', '<span class="image-credit">CAPTION_TEXT / Reuters</span>'],
    ['a credit by id', '<p id="photo-credit">CAPTION_TEXT for the agency</p>'],
    [
      'a figure with only a credit',
      '<figure><img src="a.jpg"><figcaption>Foto: Getty Images</figcaption></figure>',
    ],
    [
      'a caption that is only a credit',
      '<figure><img src="a.jpg"><figcaption>Credit: Reuters</figcaption></figure>',
    ],
    [
      'a caption that is only an agency mark',
      '<figure><img src="a.jpg"><figcaption>(AP)</figcaption></figure>',
    ],
    ['a slide counter', '<figure><img src="a.jpg"><figcaption>1 of 12</figcaption></figure>'],
  ])('drops %s', (_, inner) => {
    const blocks = blocksOf(inner)
    expect(blocks.map(([, text]) => text).join('\n')).not.toMatch(
      /CAPTION_TEXT|Getty|Reuters|AP|of 12/,
    )
    expect(blocks.filter(([type]) => type !== 'heading')).toEqual(
      STORY.map((text) => ['paragraph', text]),
    )
  })

  it.each([
    [
      '<figcaption>Ships at the quay. <span class="credit">Photo: Anna Petrova</span></figcaption>',
      'Ships at the quay.',
    ],
    ['<figcaption>Ships at the quay. Credit: Getty Images</figcaption>', 'Ships at the quay.'],
    ['<figcaption>Ships at the quay (AP Photo/Evan Vucci)</figcaption>', 'Ships at the quay'],
    ['<figcaption>Ships at the quay. Joe Raedle/Getty Images</figcaption>', 'Ships at the quay.'],
    ['<figcaption>Ships at the quay Photo: Jane Doe/Reuters</figcaption>', 'Ships at the quay'],
    ['<figcaption>Ships at the quay. Photograph by Jane Doe</figcaption>', 'Ships at the quay.'],
    ['<figcaption>Credit...Jane Doe/The New York Times</figcaption>', null],
    ['<figcaption>Image caption Ships at the quay</figcaption>', 'Ships at the quay'],
    ['<figcaption>1of4Ships at the quay</figcaption>', 'Ships at the quay'],
    ['<figcaption>Ships at the quay [File: Reuters]</figcaption>', 'Ships at the quay'],
    ['<figcaption>Jane Doe Submitted photo</figcaption>', 'Jane Doe'],
    ['<figcaption>Ships at the quay.© Ivo Mayr / Correctiv</figcaption>', 'Ships at the quay.'],
    ['<figcaption>Ships at the quay (Quelle: Hume/Unsplash)</figcaption>', 'Ships at the quay'],
    ['<figcaption>© Getty Images Ships at the quay</figcaption>', 'Ships at the quay'],
    ['<figcaption>Quelle: Wikipedia</figcaption>', null],
    ['<figcaption>(Foto: FKP Scorpio)</figcaption>', null],
    [
      '<figcaption>Oberflächenreif bei Panex (Foto: V. Berret, 19.01.2022).</figcaption>',
      'Oberflächenreif bei Panex',
    ],
    [
      '<figcaption>Monorackbahn. Foto: Von Joschi71, CC BY-SA 3.0, https://commons.wikimedia.org/w/index.php?curid=17679861</figcaption>',
      'Monorackbahn.',
    ],
    [
      '<figcaption>Rene Benko. Photographer: Jane Doe/Getty Images Europe</figcaption>',
      'Rene Benko.',
    ],
    ['<figcaption>Need more ships? Subscribe to our newsletter!</figcaption>', null],
  ])('cuts the credit, label or counter from %s', (caption, expected) => {
    const blocks = blocksOf(`<figure><img src="a.jpg">${caption}</figure>`)
    expect(blocks.filter(([type]) => type === 'caption')).toEqual(
      expected === null ? [] : [['caption', expected]],
    )
  })

  it('drops a teaser picture inside a link and a box of links named caption', () => {
    const blocks = blocksOf(
      '<a href="/other"><figure><img src="b.jpg"><figcaption>Another story about ports</figcaption></figure></a>' +
        '<div class="wp-caption"><h4>More on:</h4><a href="/1">Ports in winter</a> <a href="/2">Ice on the Baltic</a></div>',
    )
    expect(blocks.filter(([type]) => type === 'caption')).toEqual([])
    expect(blocks.map(([, text]) => text).join('\n')).not.toMatch(/Another story|Ports in winter/)
  })

  it('keeps the captions of a gallery inside the story that the furniture rule removes', () => {
    const blocks = blocksOf(
      '<div class="article-gallery"><figure><img src="a.jpg"><figcaption>The quay in winter</figcaption></figure>' +
        '<figure><img src="b.jpg"><figcaption>The coal terminal</figcaption></figure></div>',
    )
    expect(blocks.filter(([type]) => type === 'caption')).toEqual([
      ['caption', 'The quay in winter'],
      ['caption', 'The coal terminal'],
    ])
  })

  it('keeps a caption that names a picture without a credit in it', () => {
    const blocks = blocksOf(
      '<figure><img src="a.jpg"><figcaption>Satellite image: the coal terminal on 3 March</figcaption></figure>',
    )
    expect(blocks).toContainEqual(['caption', 'Satellite image: the coal terminal on 3 March'])
  })

  it('keeps a caption repeated under every photo once', () => {
    const figure =
      '<figure><img src="a.jpg"><figcaption>The port of Ust-Luga in winter</figcaption></figure>'
    const outcome = parseArticleFile(
      'page.html',
      new TextEncoder().encode(
        `<html><body><article>${STORY.map((t) => `<p>${t}</p>${figure}`).join('')}</article></body></html>`,
      ),
    )
    if (!outcome.ok) throw new Error(outcome.reason)
    const types = outcome.article.blocks.map((block) => block.type)
    expect(types).toEqual(['paragraph', 'caption', ...STORY.slice(1).map(() => 'paragraph')])
  })

  it('keeps a quotation or table inside a figure, and a paragraph that mentions a caption', () => {
    const body = texts(
      '<figure><blockquote><p>QUOTED_POST from the port authority account</p></blockquote></figure>' +
        '<figure><table><tr><td>TABLE_CELL</td><td>12,400 TEU</td></tr></table><figcaption>Calls by month</figcaption></figure>' +
        '<p class="story-text">The caption under the agency photo credited the wrong port, STORY_LINE the editor said.</p>',
    )
    const joined = body.join('\n')
    expect(joined).toContain('QUOTED_POST')
    expect(joined).toContain('TABLE_CELL | 12,400 TEU')
    expect(joined).toContain('STORY_LINE')
    expect(body).toEqual(expect.arrayContaining(STORY))
    const blocks = blocksOf(
      '<figure><table><tr><td>TABLE_CELL</td><td>12,400 TEU</td></tr></table><figcaption>Calls by month</figcaption></figure>',
    )
    const row = blocks.findIndex(([, text]) => text === 'TABLE_CELL | 12,400 TEU')
    expect(blocks[row]?.[0]).toBe('paragraph')
    expect(blocks[row + 1]).toEqual(['caption', 'Calls by month'])
  })

  it('keeps a caption that defuddle read', () => {
    const outcome = parseArticleFile(
      'page.html',
      page('<figure><img src="a.jpg"><figcaption>The quay at dawn</figcaption></figure>'),
      { extractor: 'defuddle' },
    )
    if (!outcome.ok) throw new Error(outcome.reason)
    expect(outcome.article.blocks).toContainEqual({ type: 'caption', text: 'The quay at dawn' })
  })
})

describe('comment sections', () => {
  const COMMENT =
    'COMMENT_TEXT I have shipped through this port for twenty years and the delays have never been as bad as they were this autumn, whatever the authority says.'
  it.each([
    [
      'a comments section',
      `<section id="comments"><h2>3 comments</h2><ol><li><p>${COMMENT}</p></li></ol></section>`,
    ],
    ['a comment-list', `<ol class="comment-list"><li><p>${COMMENT}</p></li></ol>`],
    [
      'a WordPress commentlist and reply form',
      `<ol class="commentlist"><li>${COMMENT}</li></ol><div id="respond"><p>Leave a reply: ${COMMENT}</p></div>`,
    ],
    ['a Disqus thread', `<div id="disqus_thread"><p>${COMMENT}</p></div>`],
  ])('drops %s', (_, inner) => {
    const body = texts(inner)
    expect(body.join('\n')).not.toContain('COMMENT_TEXT')
    expect(body).toEqual(expect.arrayContaining(STORY))
  })

  it('keeps a story paragraph about comments and an article named after its comment count', () => {
    const body = texts(
      '<p>STORY_LINE The minister declined to comment on the comments made by the port authority in its annual report.</p>',
    )
    expect(body.join('\n')).toContain('STORY_LINE')
    const wrapped = parseArticleFile(
      'page.html',
      new TextEncoder().encode(
        `<html><body><article class="has-comments comments-area">${STORY.map((t) => `<p>${t}</p>`).join('')}</article></body></html>`,
      ),
    )
    if (!wrapped.ok) throw new Error(wrapped.reason)
    expect(wrapped.article.blocks.map((block) => block.text)).toEqual(expect.arrayContaining(STORY))
  })
})

describe('a body that repeats itself', () => {
  function blocksOf(html: string): string[] {
    const outcome = parseArticleFile('page.html', new TextEncoder().encode(html))
    if (!outcome.ok) throw new Error(outcome.reason)
    return outcome.article.blocks.map((block) => block.text)
  }
  const paragraphs = STORY.map((text) => `<p>${text}</p>`).join('\n')

  it('keeps the first copy of a story taken twice', () => {
    const body = blocksOf(
      `<html><body><article>${paragraphs}<div class="print-copy">${paragraphs}</div></article></body></html>`,
    )
    expect(body).toEqual(STORY)
  })

  it('keeps the first copy of a run repeated later in the text, and what follows it', () => {
    const after =
      '<p>The port authority will publish its December figures in the second week of January, STORY_END.</p>'
    const body = blocksOf(
      `<html><body><article>${paragraphs}<p>An interlude paragraph that belongs to the story and is written only once in it.</p>` +
        `${STORY.slice(1, 4)
          .map((text) => `<p>${text}</p>`)
          .join('')}${after}</article></body></html>`,
    )
    expect(body.filter((text) => text === STORY[2])).toHaveLength(1)
    expect(body.at(-1)).toContain('STORY_END')
    expect(body).toEqual(expect.arrayContaining(STORY))
  })

  it('keeps a refrain and a paragraph repeated on its own', () => {
    const refrain =
      'Ice reports from the bay are published every morning by the harbour master at eight.'
    const html = STORY.map((text) => `<p>${text}</p><p>${refrain}</p>`).join('')
    const body = blocksOf(`<html><body><article>${html}<p>${STORY[0]}</p></article></body></html>`)
    expect(body.filter((text) => text === refrain)).toHaveLength(STORY.length)
    expect(body.filter((text) => text === STORY[0])).toHaveLength(2)
  })
})

function blocks(inner: string): { type: string; text: string }[] {
  const outcome = parseArticleFile('page.html', page(inner))
  if (!outcome.ok) throw new Error(outcome.reason)
  return outcome.article.blocks.map((block) => ({ type: block.type, text: block.text }))
}

describe('list items with structure of their own', () => {
  it('keeps a heading inside a list item a heading, and its paragraph a list item', () => {
    const found = blocks(
      '<ol><li><h3>Rail deliveries</h3><p>Down by a fifth since the spring at the coal terminal.</p></li>' +
        '<li><h3>Containers</h3><p>More boxes than a year earlier at the container terminal.</p></li></ol>',
    )
    const at = found.findIndex((block) => block.text.endsWith('Rail deliveries'))
    expect(found.slice(at, at + 4)).toEqual([
      { type: 'heading', text: '1. Rail deliveries' },
      { type: 'list-item', text: 'Down by a fifth since the spring at the coal terminal.' },
      { type: 'heading', text: '2. Containers' },
      { type: 'list-item', text: 'More boxes than a year earlier at the container terminal.' },
    ])
  })

  it('keeps a plain list item on one line, with its nested list after it', () => {
    const found = blocks(
      '<ul><li>Terminals <b>open</b> as usual<ul><li>Coal terminal</li><li>Container terminal</li></ul></li></ul>',
    )
    const at = found.findIndex((block) => block.text === 'Terminals open as usual')
    expect(found.slice(at, at + 3).map((block) => block.text)).toEqual([
      'Terminals open as usual',
      'Coal terminal',
      'Container terminal',
    ])
  })
})

describe('line breaks', () => {
  it('keeps a single <br> as a line break inside the paragraph, and two as a paragraph end', () => {
    const found = texts(
      '<p>Baltic Port Authority<br>Press office<br>\n  Ust-Luga</p><div>First line<br><br>Second paragraph</div>',
    )
    expect(found).toContain('Baltic Port Authority\nPress office\nUst-Luga')
    expect(found).toContain('First line')
    expect(found).toContain('Second paragraph')
  })

  it('reads the page’s own newlines as spaces', () => {
    const found = texts('<p>The press\n   office said\nso.</p>')
    expect(found).toContain('The press office said so.')
  })
})

describe('ruby readings', () => {
  it('keeps the base text of Japanese ruby and leaves out the furigana and its brackets', () => {
    const found = texts(
      '<p><ruby>子<rp>(</rp><rt>こ</rt><rp>)</rp></ruby>どもへの<ruby>体罰<rt>たいばつ</rt></ruby>を<ruby>禁止<rt>きんし</rt></ruby>する<ruby>法律<rt>ほうりつ</rt></ruby>ができました。</p>',
    )
    expect(found).toContain('子どもへの体罰を禁止する法律ができました。')
    expect(found.join('\n')).not.toMatch(/たいばつ|ほうりつ|\(こ\)/)
  })
})
