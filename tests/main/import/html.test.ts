import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseArticleFile, parsePastedText, type ParseOutcome } from '../../../src/main/import'

const FIXTURES = join(__dirname, '../../fixtures/import')

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article
}

const LONG_PARAGRAPH =
  'Container traffic through the port of Ust-Luga continues as scheduled, Marina Volkova, press secretary of the Baltic Port Authority, said on Tuesday, adding that no shipping line had notified the authority of any suspension of calls.'

describe('hostile HTML', () => {
  const hostile = readFileSync(join(FIXTURES, 'hostile-page.html'))
  const parsed = article(parseArticleFile('hostile-page.html', hostile))
  const texts = parsed.blocks.map((block) => block.text)

  it.each([
    'SCRIPT_TEXT',
    'STYLE_TEXT',
    'BODY_ONLOAD',
    'IMG_ONERROR',
    'JS_LINK',
    'javascript:',
    'SVG_SCRIPT',
    'SVG_TEXT',
    'IFRAME_TEXT',
    'FORM_LABEL',
    'FORM_VALUE',
    'FORM_BUTTON',
    'NOSCRIPT_TEXT',
    'TEMPLATE_TEXT',
    'HIDDEN_TEXT',
    'FOOTER_SCRIPT',
    'alert(',
    'font-weight',
    'Home News Sport',
    '<',
    '>',
  ])('keeps %s out of every block and the title', (needle) => {
    for (const text of [...texts, parsed.title]) expect(text).not.toContain(needle)
  })

  it('keeps the article text, with links reduced to their words', () => {
    expect(texts).toContain(
      'Earlier, Interfax reported that two European lines had paused bookings to Russian ports, citing a source in the shipping industry [citation: Interfax].',
    )
    expect(parsed.blocks).toContainEqual({
      type: 'quote',
      text: 'The terminals remain open and staffed, and we expect volumes to recover by autumn.',
    })
    expect(parsed.blocks).toContainEqual({ type: 'heading', text: 'Rail tariffs' })
    expect(parsed.blocks).toContainEqual({
      type: 'list-item',
      text: '2. Discounts for grain shipments would be extended to the end of the year.',
    })
  })

  it('extracts the metadata Readability and the meta tags give', () => {
    expect(parsed).toMatchObject({
      title: 'Port Operator Denies Halt',
      titleDerived: false,
      source: 'Baltic Wire',
      byline: 'Irina Petrova',
      publishedAt: '2024-03-05',
      url: 'https://balticwire.example/news/port-halt',
      citations: ['Interfax'],
    })
  })

  it('does not keep the byline line or the repeated title as blocks', () => {
    expect(texts).not.toContain('By Irina Petrova')
    expect(texts).not.toContain('Port Operator Denies Halt')
  })

  it('never runs the page scripts', () => {
    expect((globalThis as { PWNED?: unknown }).PWNED).toBeUndefined()
  })
})

describe('HTML metadata', () => {
  const page = (head: string, body = `<article><p>${LONG_PARAGRAPH}</p></article>`): string =>
    `<!doctype html><html><head>${head}</head><body>${body}</body></html>`

  it.each([
    {
      name: 'og:url when there is no canonical link',
      head: '<meta property="og:url" content="https://wire.example/a">',
      url: 'https://wire.example/a',
    },
    {
      name: 'a relative canonical link resolved against og:url',
      head: '<meta property="og:url" content="https://wire.example/a?utm=1"><link rel="canonical" href="/a">',
      url: 'https://wire.example/a',
    },
    {
      name: 'no URL from a javascript: canonical link',
      head: '<link rel="canonical" href="javascript:alert(1)">',
      url: null,
    },
    {
      name: 'no URL from a file: og:url',
      head: '<meta property="og:url" content="file:///etc/passwd">',
      url: null,
    },
  ])('takes $name', ({ head, url }) => {
    expect(article(parsePastedText(page(head))).url).toBe(url)
  })

  it.each([
    {
      name: 'og:site_name',
      head: '<meta property="og:site_name" content="Baltic Wire"><link rel="canonical" href="https://www.balticwire.example/a">',
      source: 'Baltic Wire',
    },
    {
      name: 'the canonical host when no site name is given',
      head: '<link rel="canonical" href="https://www.balticwire.example/a">',
      source: 'balticwire.example',
    },
  ])('takes the source from $name', ({ head, source }) => {
    expect(article(parsePastedText(page(head))).source).toBe(source)
  })

  it('takes the title from <title>, without the site name', () => {
    const parsed = article(
      parsePastedText(
        page(
          '<title>Port Operator Denies Halt — Baltic Wire</title><meta property="og:site_name" content="Baltic Wire">',
        ),
      ),
    )
    expect(parsed.title).toBe('Port Operator Denies Halt')
  })

  it('derives a title when the page has none', () => {
    const parsed = article(parsePastedText(page('')))
    expect(parsed.titleDerived).toBe(true)
    expect(parsed.title).toMatch(
      /^Container traffic through the port of Ust-Luga continues as scheduled,/,
    )
  })

  it('reads text from a body with no article structure', () => {
    const parsed = article(
      parsePastedText(page('<title>Short</title>', 'Just <b>some</b> text<br><br>and more')),
    )
    expect(parsed.blocks).toEqual([
      { type: 'paragraph', text: 'Just some text' },
      { type: 'paragraph', text: 'and more' },
    ])
  })

  it('reads a page too deeply nested for Readability by walking the body', () => {
    const body = `${'<div>'.repeat(300)}<h2>Deep Heading</h2><p>${LONG_PARAGRAPH}</p>`
    const parsed = article(parsePastedText(page('<title>Deep page</title>', body)))
    expect(parsed.title).toBe('Deep page')
    expect(parsed.blocks).toEqual([
      { type: 'heading', text: 'Deep Heading' },
      { type: 'paragraph', text: LONG_PARAGRAPH },
    ])
  })

  it('removes site chrome from HTML blocks too', () => {
    const body = `<article><p>${LONG_PARAGRAPH}</p><p>No time to read?</p><p>Get a summary</p><p>Previous Article</p><h3>Another Story Entirely</h3></article>`
    const texts = article(parsePastedText(page('<title>T</title>', body))).blocks.map((b) => b.text)
    expect(texts).toEqual([LONG_PARAGRAPH])
  })
})

describe('HTML encodings', () => {
  const russianPage = (head: string): string =>
    `<!doctype html><html><head>${head}<title>Порт продолжает работу</title></head><body><article><p>Контейнерные суда заходят в порт по расписанию, сообщила пресс-секретарь администрации порта.</p></article></body></html>`

  it.each([
    {
      name: '<meta charset> windows-1251',
      head: '<meta charset="windows-1251">',
      encoding: 'win1251',
    },
    {
      name: 'http-equiv windows-1251',
      head: '<meta http-equiv="content-type" content="text/html; charset=windows-1251">',
      encoding: 'win1251',
    },
    { name: '<meta charset> koi8-r', head: '<meta charset="koi8-r">', encoding: 'koi8-r' },
    { name: 'no declaration, windows-1251', head: '', encoding: 'win1251' },
  ])('decodes a page with $name', ({ head, encoding }) => {
    const parsed = article(parseArticleFile('page.htm', iconv.encode(russianPage(head), encoding)))
    expect(parsed.title).toBe('Порт продолжает работу')
    expect(parsed.blocks[0]?.text).toBe(
      'Контейнерные суда заходят в порт по расписанию, сообщила пресс-секретарь администрации порта.',
    )
  })
})

describe('pasted HTML', () => {
  it.each([
    {
      name: 'a doctype',
      text: `<!DOCTYPE html><title>T</title><p>${LONG_PARAGRAPH}</p>`,
      html: true,
    },
    {
      name: 'an html tag after blank lines',
      text: `\n  <HTML><p>${LONG_PARAGRAPH}</p></HTML>`,
      html: true,
    },
    { name: 'a tag later in text', text: `Report: <p>${LONG_PARAGRAPH}</p>`, html: false },
  ])('uses HTML rules only for text starting with $name', ({ text, html }) => {
    const parsed = article(parsePastedText(text))
    const joined = parsed.blocks.map((block) => block.text).join(' ')
    expect(joined.includes('<p>')).toBe(!html)
    expect(joined).toContain(LONG_PARAGRAPH)
  })
})
