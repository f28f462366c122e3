import iconv from 'iconv-lite'
import { describe, expect, it } from 'vitest'
import { parseArticleFile, readArticleFile, type ParseOutcome } from '../../../src/main/import'
import { decodeQuotedPrintable } from '../../../src/main/import/mhtml'
import { REASONS } from '../../../src/main/import/rejections'

/**
 * Web archives are written here the way Chrome's "Save page as… Webpage,
 * Single File" writes them: `From: <Saved by Blink>`, the snapshot's address,
 * an RFC 2047 subject, a folded multipart/related Content-Type, CRLF line
 * ends, the page as quoted-printable (lines cut at 76 characters with `=`),
 * then stylesheets, images (base64) and frames.
 */

const BOUNDARY = '----MultipartBoundary--kWk4R2tD5qSQhZb6kJ0LwVnKr1d3XbJ5ktI1Ylg3ZX----'

/** Quoted-printable as Chrome writes it: `=XX` for `=` and non-ASCII bytes, soft breaks at 76. */
function quotedPrintable(bytes: Uint8Array): string {
  const lines: string[] = []
  let line = ''
  const text = Buffer.from(bytes).toString('latin1')
  for (const [at, char] of [...text].entries()) {
    if (char === '\n') {
      lines.push(line)
      line = ''
      continue
    }
    const code = char.charCodeAt(0)
    const next = text[at + 1]
    const encoded =
      code > 126 || char === '=' || (char === ' ' && (next === '\n' || next === undefined))
        ? `=${code.toString(16).toUpperCase().padStart(2, '0')}`
        : char
    if (line.length + encoded.length > 75) {
      lines.push(`${line}=`)
      line = ''
    }
    line += encoded
  }
  lines.push(line)
  return lines.join('\r\n')
}

interface Part {
  readonly type: string
  readonly location: string
  readonly encoding: 'quoted-printable' | 'base64' | 'binary'
  readonly body: Uint8Array
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

function encodeBody(part: Part): string {
  if (part.encoding === 'quoted-printable') return quotedPrintable(part.body)
  if (part.encoding === 'base64') {
    return (
      Buffer.from(part.body)
        .toString('base64')
        .match(/.{1,76}/g) ?? []
    ).join('\r\n')
  }
  return Buffer.from(part.body).toString('latin1')
}

function mhtml(
  parts: readonly Part[],
  options: { snapshot?: string | null; subject?: string; lineEnd?: string } = {},
): Uint8Array {
  const { snapshot = 'https://www.balticwire.example/news/port-operator-denies-halt' } = options
  const head = [
    'From: <Saved by Blink>',
    ...(snapshot === null ? [] : [`Snapshot-Content-Location: ${snapshot}`]),
    `Subject: ${options.subject ?? '=?utf-8?Q?Port=20Operator=20Denies=20Halt=20=E2=80=93=20Baltic?=\r\n =?utf-8?Q?=20Wire?='}`,
    'Date: Tue, 19 Mar 2024 09:12:44 -0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/related;',
    '\ttype="text/html";',
    `\tboundary="${BOUNDARY}"`,
    '',
    '',
  ]
  const body = parts.flatMap((part, index) => [
    `--${BOUNDARY}`,
    `Content-Type: ${part.type}`,
    ...(index === 0 ? ['Content-ID: <frame-5F0C6E1F2B4C7E8F1B2A3C4D5E6F7A8B@mhtml.blink>'] : []),
    `Content-Transfer-Encoding: ${part.encoding}`,
    `Content-Location: ${part.location}`,
    '',
    encodeBody(part),
    '',
  ])
  const text = [...head, ...body, `--${BOUNDARY}--`, ''].join('\r\n')
  const ended = options.lineEnd === '\n' ? text.replace(/\r\n/g, '\n') : text
  return Buffer.from(ended, 'latin1')
}

const LONG_PARAGRAPH =
  'Container traffic through the port of Ust-Luga continues as scheduled, Marina Volkova, press secretary of the Baltic Port Authority, said on Tuesday, adding that no shipping line had notified the authority of any suspension of calls [citation: Interfax].'
const CYRILLIC = 'Порт Усть-Луга работает в штатном режиме, заявили в администрации порта.'

function page(head: string, body: string): string {
  return `<!DOCTYPE html><html lang="en"><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">${head}</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Port Operator Denies Halt</h1>${body}</article>
<script>document.title = 'SCRIPT_TEXT'</script>
</body></html>`
}

const STORY_BODY = `<p>${LONG_PARAGRAPH}</p>
<p>${CYRILLIC} Café crème: “quoted” — ${'long words keep going '.repeat(8)}</p>
<blockquote><p>The terminals remain open and staffed, and we expect volumes to recover by autumn.</p></blockquote>`

const STORY = page('<title>Port Operator Denies Halt – Baltic Wire</title>', STORY_BODY)

const CSS: Part = {
  type: 'text/css',
  location: 'https://www.balticwire.example/static/site.css',
  encoding: 'quoted-printable',
  body: utf8('@charset "utf-8";\nbody { font-family: "CSS_TEXT"; }'),
}
const IMAGE: Part = {
  type: 'image/png',
  location: 'https://www.balticwire.example/static/logo.png',
  encoding: 'base64',
  body: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
}
const FRAME: Part = {
  type: 'text/html',
  location: 'https://ads.example/frame.html',
  encoding: 'quoted-printable',
  body: utf8('<html><body><p>FRAME_TEXT: subscribe to our newsletter</p></body></html>'),
}

function htmlPart(html: string | Uint8Array, overrides: Partial<Part> = {}): Part {
  return {
    type: 'text/html',
    location: 'https://www.balticwire.example/news/port-operator-denies-halt',
    encoding: 'quoted-printable',
    body: typeof html === 'string' ? utf8(html) : html,
    ...overrides,
  }
}

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article
}

describe('web archives (.mhtml, .mht) as Chrome saves them', () => {
  const bytes = mhtml([htmlPart(STORY), CSS, IMAGE, FRAME])
  const parsed = article(parseArticleFile('Port Operator Denies Halt.mhtml', bytes))
  const texts = parsed.blocks.map((block) => block.text)

  it('reads the page part through the HTML path: article text, quotes, no navigation', () => {
    expect(parsed.title).toBe('Port Operator Denies Halt – Baltic Wire')
    expect(parsed.blocks[0]).toEqual({ type: 'paragraph', text: LONG_PARAGRAPH })
    expect(parsed.blocks).toContainEqual({
      type: 'quote',
      text: 'The terminals remain open and staffed, and we expect volumes to recover by autumn.',
    })
    expect(parsed.citations).toEqual(['Interfax'])
    expect(parsed.language).toBe('en')
  })

  it('decodes quoted-printable UTF-8, including characters cut by a soft line break', () => {
    // The QP body really does cut multi-byte characters between lines.
    expect(Buffer.from(bytes).toString('latin1')).toMatch(/=[0-9A-F]{2}=\r\n=[0-9A-F]{2}/)
    expect(texts.join('\n')).toContain(`${CYRILLIC} Café crème: “quoted” — long words`)
  })

  it('ignores stylesheets, images, frames and scripts', () => {
    for (const needle of ['CSS_TEXT', 'FRAME_TEXT', 'SCRIPT_TEXT', 'Home News Sport', 'PNG']) {
      expect([...texts, parsed.title].join('\n')).not.toContain(needle)
    }
  })

  it('takes the address from Snapshot-Content-Location when the page names none', () => {
    expect(parsed.url).toBe('https://www.balticwire.example/news/port-operator-denies-halt')
    expect(parsed.source).toBe('balticwire.example')
  })

  it("prefers the page's own canonical address", () => {
    const html = page(
      '<title>Port Operator Denies Halt</title><link rel="canonical" href="https://balticwire.example/a/123">',
      STORY_BODY,
    )
    expect(article(parseArticleFile('a.mhtml', mhtml([htmlPart(html)]))).url).toBe(
      'https://balticwire.example/a/123',
    )
  })

  it("falls back on the page part's Content-Location", () => {
    const outcome = parseArticleFile('a.mht', mhtml([htmlPart(STORY)], { snapshot: null }))
    expect(article(outcome).url).toBe(
      'https://www.balticwire.example/news/port-operator-denies-halt',
    )
  })

  it('never takes a non-web address', () => {
    const outcome = parseArticleFile(
      'a.mhtml',
      mhtml([htmlPart(STORY, { location: 'file:///C:/x.html' })], {
        snapshot: 'javascript:alert(1)',
      }),
    )
    expect(article(outcome).url).toBeNull()
  })

  it("takes the title from the archive's Subject when the page has none", () => {
    const html = `<html><body><p>${LONG_PARAGRAPH}</p><p>${CYRILLIC}</p></body></html>`
    const outcome = parseArticleFile('a.mhtml', mhtml([htmlPart(html)]))
    expect(article(outcome).title).toBe('Port Operator Denies Halt – Baltic Wire')
  })

  it.each([
    {
      name: 'base64 with a charset on the part',
      part: htmlPart(iconv.encode(STORY.replace('charset=UTF-8', ''), 'windows-1251'), {
        type: 'text/html; charset="windows-1251"',
        encoding: 'base64',
      }),
      lineEnd: '\r\n',
    },
    {
      name: 'quoted-printable Windows-1251 declared only by the page',
      part: htmlPart(
        iconv.encode(STORY.replace('charset=UTF-8', 'charset=windows-1251'), 'windows-1251'),
      ),
      lineEnd: '\r\n',
    },
    { name: 'binary UTF-8', part: htmlPart(STORY, { encoding: 'binary' }), lineEnd: '\r\n' },
    { name: 'LF line ends', part: htmlPart(STORY), lineEnd: '\n' },
  ])('reads $name', ({ part, lineEnd }) => {
    const outcome = parseArticleFile('a.mhtml', mhtml([part, IMAGE], { lineEnd }))
    expect(
      article(outcome)
        .blocks.map((block) => block.text)
        .join('\n'),
    ).toContain(CYRILLIC)
  })

  it('goes through the asynchronous importer too', async () => {
    expect(await readArticleFile('a.MHTML', bytes)).toEqual(parseArticleFile('a.mhtml', bytes))
  })
})

describe('web archives that are refused with a reason', () => {
  const ascii = (text: string): Uint8Array => Buffer.from(text.replace(/\n/g, '\r\n'), 'latin1')

  it.each([
    {
      name: 'a text file renamed .mhtml',
      bytes: ascii(`${LONG_PARAGRAPH}\n\n${LONG_PARAGRAPH}`),
      reason: REASONS.mhtmlDamaged,
    },
    {
      name: 'a multipart archive without a boundary',
      bytes: ascii(`MIME-Version: 1.0\nContent-Type: multipart/related; type="text/html"\n\n--x\n`),
      reason: REASONS.mhtmlDamaged,
    },
    {
      name: 'a boundary that never appears',
      bytes: ascii(`Content-Type: multipart/related; boundary="abc"\n\n<p>${LONG_PARAGRAPH}</p>\n`),
      reason: REASONS.mhtmlDamaged,
    },
    {
      name: 'an archive with only an image',
      bytes: mhtml([IMAGE]),
      reason: REASONS.mhtmlNoPage,
    },
    {
      name: 'an unknown transfer encoding',
      bytes: Buffer.from(
        Buffer.from(mhtml([htmlPart(STORY)]))
          .toString('latin1')
          .replace(
            'Content-Transfer-Encoding: quoted-printable',
            'Content-Transfer-Encoding: x-uuencode',
          ),
        'latin1',
      ),
      reason: REASONS.mhtmlDamaged,
    },
    {
      name: 'a page nested too deeply to parse safely',
      bytes: mhtml([htmlPart(`<html><body>${'<div>'.repeat(5000)}text</body></html>`)]),
      reason: REASONS.tooDeep,
    },
    {
      name: 'a page with no text',
      bytes: mhtml([htmlPart('<html><body><img src="a.png"></body></html>')]),
      reason: REASONS.noText,
    },
  ])('$name', ({ bytes, reason }) => {
    expect(parseArticleFile('page.mhtml', bytes)).toEqual({ ok: false, reason })
  })

  it('an archive over the size limit', () => {
    const bytes = mhtml([htmlPart(STORY)])
    expect(parseArticleFile('page.mhtml', bytes, { maxBytes: 1000 })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/^file is .*; the limit is 1000 bytes$/),
    })
  })
})

describe('quoted-printable decoding', () => {
  const decode = (text: string): string => new TextDecoder().decode(decodeQuotedPrintable(text))

  it.each([
    { name: '=3D is an equals sign', input: 'a=3Db', output: 'a=b' },
    { name: 'a soft break (=CRLF) joins lines', input: 'long li=\r\nne', output: 'long line' },
    { name: 'a soft break with LF only', input: 'long li=\nne', output: 'long line' },
    { name: 'a hard break stays', input: 'one\r\ntwo', output: 'one\ntwo' },
    { name: 'padding before a line end is dropped', input: 'one  \r\ntwo\t', output: 'one\ntwo' },
    {
      name: 'padding after a soft break marker is dropped',
      input: 'one= \r\ntwo',
      output: 'onetwo',
    },
    { name: 'lower-case hex', input: '=c3=a9', output: 'é' },
    {
      name: 'UTF-8 bytes split by a soft break',
      input: '=D0=\r\n=9F=D0=BE=\r\n=D1=80=D1=82',
      output: 'Порт',
    },
    { name: 'a stray = is kept', input: 'a = b =Z', output: 'a = b =Z' },
    { name: 'four-byte UTF-8', input: '=F0=9F=93=B0 news', output: '📰 news' },
  ])('$name', ({ input, output }) => {
    expect(decode(input)).toBe(output)
  })
})
