import { describe, expect, it } from 'vitest'
import { parseArticleFile, readArticleFile, type ParseOutcome } from '../../../src/main/import'
import {
  ARTICLE_FILE_ACCEPT,
  ARTICLE_FILE_EXTENSIONS,
  ARTICLE_FILE_TYPES,
} from '../../../src/shared/import/article-file-types'

const LONG_PARAGRAPH =
  'Container traffic through the port of Ust-Luga continues as scheduled, Marina Volkova, press secretary of the Baltic Port Authority, said on Tuesday, adding that no shipping line had notified the authority of any suspension of calls.'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article
}

const XHTML = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.1//EN" "http://www.w3.org/TR/xhtml11/DTD/xhtml11.dtd">
<html xmlns="http://www.w3.org/1999/xhtml" xml:lang="de" lang="de">
<head>
  <meta http-equiv="Content-Type" content="application/xhtml+xml; charset=UTF-8" />
  <title>Hafenbetreiber dementiert Stopp</title>
  <link rel="canonical" href="https://hafen.example/meldung/42" />
</head>
<body>
  <h1>Hafenbetreiber dementiert Stopp</h1>
  <p>${LONG_PARAGRAPH}</p>
  <p>Der Containerverkehr über den Hafen läuft planmäßig weiter.<br />Eine zweite Zeile.</p>
  <script type="text/javascript"><![CDATA[ document.write('SCRIPT_TEXT') ]]></script>
</body>
</html>`

describe('saved pages with other extensions', () => {
  it('reads an XHTML document (XML declaration, XHTML namespace) through the HTML path', () => {
    const parsed = article(parseArticleFile('meldung.xhtml', utf8(XHTML)))
    expect(parsed).toMatchObject({
      title: 'Hafenbetreiber dementiert Stopp',
      url: 'https://hafen.example/meldung/42',
      language: 'de',
    })
    expect(parsed.blocks[0]).toEqual({ type: 'paragraph', text: LONG_PARAGRAPH })
    const all = parsed.blocks.map((block) => block.text).join('\n')
    expect(all).toContain('Der Containerverkehr über den Hafen läuft planmäßig weiter.')
    expect(all).not.toContain('SCRIPT_TEXT')
    expect(all).not.toContain('<?xml')
  })

  it('reads an XHTML document whose XML declaration names a legacy encoding', () => {
    const latin1 = XHTML.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace(
      'charset=UTF-8',
      'charset=ISO-8859-1',
    )
    const parsed = article(parseArticleFile('meldung.xhtml', Buffer.from(latin1, 'latin1')))
    expect(parsed.blocks.map((block) => block.text).join('\n')).toContain('läuft planmäßig')
  })

  it('reads .htm as HTML', () => {
    const html = `<html><head><title>Port Operator Denies Halt</title></head><body><p>${LONG_PARAGRAPH}</p></body></html>`
    expect(article(parseArticleFile('story.HTM', utf8(html))).title).toBe(
      'Port Operator Denies Halt',
    )
  })
})

describe('the accepted file types, declared once', () => {
  it('lists every accepted extension in the reason for an unsupported one', () => {
    const outcome = parseArticleFile('slides.pptx', utf8('PK'))
    expect(outcome).toEqual({
      ok: false,
      reason:
        'unsupported file type .pptx; use .txt, .md, .html, .htm, .xhtml, .docx, .pdf, .mhtml or .mht',
    })
  })

  it('offers the same extensions to the file chooser', () => {
    expect(ARTICLE_FILE_ACCEPT.split(',')).toEqual(ARTICLE_FILE_EXTENSIONS)
    expect(ARTICLE_FILE_EXTENSIONS).toEqual(Object.keys(ARTICLE_FILE_TYPES))
  })

  it.each(ARTICLE_FILE_EXTENSIONS)(
    'dispatches %s to a reader (never "unsupported")',
    async (ext) => {
      const outcome = await readArticleFile(`file${ext}`, utf8(LONG_PARAGRAPH))
      if (!outcome.ok) expect(outcome.reason).not.toMatch(/unsupported/)
    },
  )
})
