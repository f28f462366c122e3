import JSZip from 'jszip'
import { describe, expect, it } from 'vitest'
import { readArticleFile, parseArticleFile, type ParseOutcome } from '../../../src/main/import'
import { REASONS } from '../../../src/main/import/rejections'

/**
 * Word documents are built here, part by part, the way Word lays them out;
 * no binary fixtures. mammoth's own ZIP library (jszip) writes the archive.
 */

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main'
const R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A paragraph, optionally with a style id and list numbering. */
function p(text: string, style?: string, list?: { numId: number; level?: number }): string {
  const props = [
    style ? `<w:pStyle w:val="${style}"/>` : '',
    list
      ? `<w:numPr><w:ilvl w:val="${list.level ?? 0}"/><w:numId w:val="${list.numId}"/></w:numPr>`
      : '',
  ].join('')
  return `<w:p>${props ? `<w:pPr>${props}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r></w:p>`
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}">
  <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
  <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/></w:style>
  <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/></w:style>
  <w:style w:type="paragraph" w:styleId="Quote"><w:name w:val="Quote"/></w:style>
  <w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/></w:style>
  <w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/></w:style>
</w:styles>`

const NUMBERING = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:numbering xmlns:w="${W}">
  <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="bullet"/></w:lvl></w:abstractNum>
  <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/></w:lvl></w:abstractNum>
  <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
  <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
</w:numbering>`

interface CoreProps {
  readonly title?: string
  readonly creator?: string
  readonly created?: string
  readonly modified?: string
}

function coreXml(props: CoreProps): string {
  const field = (tag: string, value: string | undefined, attrs = ''): string =>
    value === undefined ? '' : `<${tag}${attrs}>${escapeXml(value)}</${tag}>`
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${field('dc:title', props.title)}${field('dc:creator', props.creator)}${field('dcterms:created', props.created, ' xsi:type="dcterms:W3CDTF"')}${field('dcterms:modified', props.modified, ' xsi:type="dcterms:W3CDTF"')}</cp:coreProperties>`
}

/** A .docx with `body` (paragraph XML) and, when given, core properties. */
async function docx(body: string, core?: CoreProps, extra: Record<string, string> = {}) {
  const zip = new JSZip()
  zip.file(
    '[Content_Types].xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
  )
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  )
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${R}/styles" Target="styles.xml"/><Relationship Id="rId2" Type="${R}/numbering" Target="numbering.xml"/></Relationships>`,
  )
  zip.file('word/styles.xml', STYLES)
  zip.file('word/numbering.xml', NUMBERING)
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:r="${R}"><w:body>${body}</w:body></w:document>`,
  )
  if (core) zip.file('docProps/core.xml', coreXml(core))
  for (const [name, text] of Object.entries(extra)) zip.file(name, text)
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
}

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article
}

const PARAGRAPH =
  'Container traffic through the port of Ust-Luga continues as scheduled, Marina Volkova, press secretary of the Baltic Port Authority, said on Tuesday [citation: Interfax].'

const STORY = [
  p('Port Operator Denies Halt', 'Title'),
  p(PARAGRAPH),
  p('Rail tariffs', 'Heading2'),
  p('Discounts for grain shipments would be extended.', 'ListParagraph', { numId: 2 }),
  p('Coal volumes would be reviewed in May.', 'ListParagraph', { numId: 2 }),
  p('Terminals stay open.', 'ListParagraph', { numId: 1 }),
  p('The terminals remain open and staffed, and we expect volumes to recover.', 'Quote'),
  p('Earlier, two European lines had paused bookings to Russian ports.'),
].join('')

describe('Word documents (.docx)', () => {
  it('keep headings, numbered and bulleted lists and block quotes, through the HTML path', async () => {
    const parsed = article(await readArticleFile('story.docx', await docx(STORY)))
    expect(parsed.blocks).toEqual([
      { type: 'paragraph', text: PARAGRAPH },
      { type: 'heading', text: 'Rail tariffs' },
      { type: 'list-item', text: '1. Discounts for grain shipments would be extended.' },
      { type: 'list-item', text: '2. Coal volumes would be reviewed in May.' },
      { type: 'list-item', text: 'Terminals stay open.' },
      {
        type: 'quote',
        text: 'The terminals remain open and staffed, and we expect volumes to recover.',
      },
      {
        type: 'paragraph',
        text: 'Earlier, two European lines had paused bookings to Russian ports.',
      },
    ])
    // Citations are found as in any other format.
    expect(parsed.citations).toEqual(['Interfax'])
  })

  it('keep a paragraph in the Caption style as a caption block, in place', async () => {
    const body = [
      p(PARAGRAPH),
      p('Figure 1: Container calls at Ust-Luga by month, 2023', 'Caption'),
      p('Earlier, two European lines had paused bookings to Russian ports.'),
    ].join('')
    const parsed = article(await readArticleFile('story.docx', await docx(body)))
    expect(parsed.blocks).toEqual([
      { type: 'paragraph', text: PARAGRAPH },
      { type: 'caption', text: 'Figure 1: Container calls at Ust-Luga by month, 2023' },
      {
        type: 'paragraph',
        text: 'Earlier, two European lines had paused bookings to Russian ports.',
      },
    ])
  })

  it('take title, author and date from the document properties', async () => {
    const bytes = await docx(STORY, {
      title: 'Ust-Luga: port operator denies halt',
      creator: 'Eleanor Ainge Roy',
      created: '2024-03-18T09:00:00Z',
      modified: '2024-03-19T10:00:00Z',
    })
    const parsed = article(await readArticleFile('story.docx', bytes))
    expect(parsed).toMatchObject({
      title: 'Ust-Luga: port operator denies halt',
      titleDerived: false,
      byline: 'Eleanor Ainge Roy',
      // Stored as the library stores a saved page's date.
      publishedAt: '2024-03-18',
    })
    // The Title paragraph is not the title here, so it stays in the text.
    expect(parsed.blocks[0]).toEqual({ type: 'heading', text: 'Port Operator Denies Halt' })
  })

  it.each([
    { name: 'no properties', core: undefined },
    {
      name: "Word's placeholder title, author and dates",
      core: {
        title: 'Microsoft Word - draft.doc',
        creator: 'Windows User',
        created: '1601-01-01T00:00:00Z',
      },
    },
    { name: 'a date in the future', core: { created: '2999-01-01T00:00:00Z' } },
  ])(
    'use the first heading as the title when the properties give nothing real ($name)',
    async ({ core }) => {
      const parsed = article(await readArticleFile('story.docx', await docx(STORY, core)))
      expect(parsed.title).toBe('Port Operator Denies Halt')
      expect(parsed.byline).toBeNull()
      expect(parsed.publishedAt).toBeNull()
      // The heading that became the title is not repeated as the first block.
      expect(parsed.blocks[0]).toEqual({ type: 'paragraph', text: PARAGRAPH })
    },
  )

  it.each([
    {
      name: 'a dateline under the title, over the file’s created date',
      body: [p('13 January 2017'), p(PARAGRAPH)],
      core: { created: '2024-03-18T09:00:00Z', modified: '2024-03-19T10:00:00Z' },
      date: '2017-01-13',
    },
    {
      name: 'a byline with a date',
      body: [p('By Marina Volkova, Jan. 13, 2017'), p(PARAGRAPH)],
      core: { created: '2024-03-18T09:00:00Z' },
      date: '2017-01-13',
    },
    {
      name: 'the created date, the day as written, without a dateline',
      body: [p(PARAGRAPH)],
      core: { created: '2024-03-18T23:30:00-05:00' },
      date: '2024-03-18',
    },
    {
      name: 'the modified date when nothing else is given',
      body: [p(PARAGRAPH)],
      core: { modified: '2024-03-19T10:00:00Z' },
      date: '2024-03-19',
    },
    {
      name: 'no date: one inside the story’s first paragraph is what it is about',
      body: [
        p(
          'On 13 January 2017 the port authority said container traffic through Ust-Luga would continue as scheduled.',
        ),
      ],
      core: undefined,
      date: null,
    },
  ])('date the article from $name', async ({ body, core, date }) => {
    const bytes = await docx([p('Port Operator Denies Halt', 'Title'), ...body].join(''), core)
    expect(article(await readArticleFile('story.docx', bytes)).publishedAt).toBe(date)
  })

  it('use the first heading of any level when there is no Title paragraph', async () => {
    const body = [p('Background', 'Heading2'), p(PARAGRAPH)].join('')
    expect(article(await readArticleFile('notes.docx', await docx(body))).title).toBe('Background')
  })

  it('accept an upper-case extension', async () => {
    expect((await readArticleFile('STORY.DOCX', await docx(STORY))).ok).toBe(true)
  })

  it('keep site chrome out, as for a saved page', async () => {
    const body = [p(PARAGRAPH), p('No time to read?'), p('Get a summary')].join('')
    const parsed = article(await readArticleFile('story.docx', await docx(body)))
    expect(parsed.blocks.map((block) => block.text)).toEqual([PARAGRAPH])
  })
})

/** An OLE compound file header, as Word writes for .doc and for encrypted .docx. */
function oleFile(streamName: string): Uint8Array {
  const bytes = new Uint8Array(2048)
  bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  bytes.set(Buffer.from(streamName, 'utf16le'), 1024)
  return bytes
}

describe('Word documents that are refused with a reason', () => {
  it.each([
    {
      name: 'a password-protected document',
      bytes: async () => oleFile('EncryptedPackage'),
      reason: REASONS.docxEncrypted,
    },
    {
      name: 'an old .doc renamed .docx',
      bytes: async () => oleFile('WordDocument'),
      reason: REASONS.docxOldFormat,
    },
    {
      name: 'a truncated file',
      bytes: async () => (await docx(STORY)).slice(0, 300),
      reason: REASONS.docxDamaged,
    },
    {
      name: 'a text file renamed .docx',
      bytes: async () => new TextEncoder().encode(PARAGRAPH),
      reason: REASONS.docxDamaged,
    },
    {
      name: 'a ZIP without a Word document in it',
      bytes: async () => {
        const zip = new JSZip()
        zip.file('readme.txt', PARAGRAPH)
        return zip.generateAsync({ type: 'uint8array' })
      },
      reason: REASONS.docxDamaged,
    },
    {
      name: 'a document whose XML is not XML',
      bytes: async () => {
        const zip = await JSZip.loadAsync(await docx(STORY))
        zip.file('word/document.xml', '<w:document><w:body><w:p>')
        return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' })
      },
      reason: REASONS.docxDamaged,
    },
    {
      name: 'a ZIP bomb (XML that unpacks to 12 times the limit)',
      bytes: async () => docx(STORY, undefined, { 'word/bomb.xml': ' '.repeat(12 * 1024 * 1024) }),
      reason: REASONS.docxTooLarge,
    },
    {
      name: 'a document with no text',
      bytes: async () => docx(p('')),
      reason: REASONS.noText,
    },
  ])('$name', async ({ bytes, reason }) => {
    expect(await readArticleFile('story.docx', await bytes(), { maxBytes: 1024 * 1024 })).toEqual({
      ok: false,
      reason,
    })
  })

  it('over the size limit, before anything is unpacked', async () => {
    const bytes = await docx(STORY)
    const outcome = await readArticleFile('story.docx', bytes, { maxBytes: 100 })
    expect(outcome).toEqual({
      ok: false,
      reason: `file is ${(bytes.length / 1024).toFixed(1).replace(/\.0$/, '')} KB; the limit is 100 bytes`,
    })
  })

  it('by the synchronous importer, which cannot wait for mammoth', async () => {
    expect(parseArticleFile('story.docx', await docx(STORY))).toEqual({
      ok: false,
      reason: REASONS.docxNotSynchronous,
    })
  })
})
