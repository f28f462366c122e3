import { describe, expect, it } from 'vitest'
import { parseArticleFile, readArticleFile, type ParseOutcome } from '../../../src/main/import'
import { joinLines, pdfDate } from '../../../src/main/import/pdf'
import { REASONS } from '../../../src/main/import/rejections'

/**
 * PDFs are written here object by object (PDF 1.4, the standard Helvetica
 * font, text at chosen positions, a cross-reference table with real
 * offsets); no binary fixtures.
 */

/** One run of text: where its baseline starts, in points from the bottom left. */
interface Run {
  readonly x: number
  readonly y: number
  readonly text: string
  readonly size?: number
}

interface PdfSpec {
  readonly pages: readonly (readonly Run[])[]
  readonly info?: Readonly<Record<string, string>>
  /** Pages that paint an image and no text, as a scanner writes them. */
  readonly scanned?: boolean
  /** An /Encrypt dictionary whose empty user password does not open the file. */
  readonly encrypted?: boolean
}

const escapePdf = (text: string): string => text.replace(/([\\()])/g, '\\$1')

function makePdf(spec: PdfSpec): Uint8Array {
  const objects: string[] = []
  const add = (body: string): number => objects.push(body)
  const catalog = add('')
  const pagesObject = add('')
  const font = add(
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  )
  const image = spec.scanned
    ? add(
        `<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\u0000\u00ff\u00ff\u0000\nendstream`,
      )
    : 0
  const kids: number[] = []
  for (const runs of spec.pages) {
    const content = spec.scanned
      ? 'q 612 0 0 792 0 0 cm /Im1 Do Q'
      : runs
          .map(
            (run) =>
              `BT /F1 ${run.size ?? 11} Tf 1 0 0 1 ${run.x} ${run.y} Tm (${escapePdf(run.text)}) Tj ET`,
          )
          .join('\n')
    const stream = add(
      `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    )
    const resources = spec.scanned
      ? `<< /XObject << /Im1 ${image} 0 R >> >>`
      : `<< /Font << /F1 ${font} 0 R >> >>`
    kids.push(
      add(
        `<< /Type /Page /Parent ${pagesObject} 0 R /MediaBox [0 0 612 792] /Resources ${resources} /Contents ${stream} 0 R >>`,
      ),
    )
  }
  objects[catalog - 1] = `<< /Type /Catalog /Pages ${pagesObject} 0 R >>`
  objects[pagesObject - 1] =
    `<< /Type /Pages /Kids [${kids.map((kid) => `${kid} 0 R`).join(' ')}] /Count ${kids.length} >>`
  const info = spec.info
    ? add(
        `<< ${Object.entries(spec.info)
          .map(([key, value]) => `/${key} (${escapePdf(value)})`)
          .join(' ')} >>`,
      )
    : 0
  const encrypt = spec.encrypted
    ? add(
        `<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -44 >>`,
      )
    : 0

  let out = '%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n'
  const offsets: number[] = []
  objects.forEach((body, index) => {
    offsets.push(Buffer.byteLength(out, 'latin1'))
    out += `${index + 1} 0 obj\n${body}\nendobj\n`
  })
  const xref = Buffer.byteLength(out, 'latin1')
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  for (const offset of offsets) out += `${String(offset).padStart(10, '0')} 00000 n \n`
  const trailer = [
    `/Size ${objects.length + 1}`,
    `/Root ${catalog} 0 R`,
    info ? `/Info ${info} 0 R` : '',
    encrypt ? `/Encrypt ${encrypt} 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : '',
  ].join(' ')
  out += `trailer\n<< ${trailer} >>\nstartxref\n${xref}\n%%EOF\n`
  return new Uint8Array(Buffer.from(out, 'latin1'))
}

/** Lines set from the top of the page down, 14 points apart, from `top`. */
function column(
  lines: readonly (string | { indent?: number; text: string; gap?: number })[],
  top = 700,
) {
  const runs: Run[] = []
  let y = top
  for (const line of lines) {
    const { text, indent = 0, gap = 0 } = typeof line === 'string' ? { text: line } : line
    y -= gap
    runs.push({ x: 72 + indent, y, text })
    y -= 14
  }
  return runs
}

const header = (page: number): Run[] => [
  { x: 72, y: 750, text: 'Baltic Shipping Review | Quarterly report', size: 9 },
  { x: 300, y: 40, text: String(page), size: 9 },
  { x: 72, y: 28, text: 'Confidential: for subscribers only', size: 9 },
]

const REPORT: PdfSpec = {
  info: {
    Title: 'Port Operator Denies Halt to Container Traffic',
    Author: 'Marina Volkova',
    CreationDate: "D:20250314093000+01'00'",
    Producer: 'hand-written test',
  },
  pages: [
    [
      ...header(1),
      { x: 72, y: 700, text: 'Port Operator Denies Halt', size: 20 },
      ...column(
        [
          'Container traffic through the port of Ust-Luga continues as',
          'scheduled, the Baltic Port Authority said on Tuesday, adding that no',
          'shipping line had notified it of any suspension of calls. The elec-',
          'tricity supply to the cranes was restored overnight.',
          { gap: 10, text: 'The statement followed reports in two regional newspapers that' },
          'a well-',
          'known operator had stopped loading. Both reports cited a single',
        ],
        672,
      ),
    ],
    [
      ...header(2),
      ...column([
        'unnamed source.',
        { gap: 10, text: 'Analysts said the denial was consistent with vessel-tracking data' },
        'for the past week, which shows eleven container ships calling at',
        'the port.',
        { indent: 18, text: 'A spokesperson for the largest shipping line, reached by phone,' },
        'declined to comment on its schedule for the coming month.',
      ]),
    ],
    [
      ...header(3),
      ...column([
        'The authority said it would publish weekly traffic figures from',
        'April onwards.',
      ]),
    ],
  ],
}

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article
}

describe('PDF import', () => {
  it('rebuilds paragraphs from line geometry, without page furniture, with hyphens joined', async () => {
    const parsed = article(await readArticleFile('report.pdf', makePdf(REPORT)))
    expect(parsed.blocks).toEqual([
      { type: 'heading', text: 'Port Operator Denies Halt' },
      {
        type: 'paragraph',
        text: 'Container traffic through the port of Ust-Luga continues as scheduled, the Baltic Port Authority said on Tuesday, adding that no shipping line had notified it of any suspension of calls. The electricity supply to the cranes was restored overnight.',
      },
      {
        type: 'paragraph',
        // Runs on over the page break: page 1 ends mid-sentence.
        text: 'The statement followed reports in two regional newspapers that a well-known operator had stopped loading. Both reports cited a single unnamed source.',
      },
      {
        type: 'paragraph',
        text: 'Analysts said the denial was consistent with vessel-tracking data for the past week, which shows eleven container ships calling at the port.',
      },
      {
        type: 'paragraph',
        text: 'A spokesperson for the largest shipping line, reached by phone, declined to comment on its schedule for the coming month.',
      },
      {
        type: 'paragraph',
        text: 'The authority said it would publish weekly traffic figures from April onwards.',
      },
    ])
    const all = parsed.blocks.map((block) => block.text).join('\n')
    expect(all).not.toMatch(/Baltic Shipping Review|Confidential|^\d+$/m)
  })

  it('takes the title, byline and date from the document properties', async () => {
    const parsed = article(await readArticleFile('report.pdf', makePdf(REPORT)))
    expect(parsed).toMatchObject({
      title: 'Port Operator Denies Halt to Container Traffic',
      titleDerived: false,
      byline: 'Marina Volkova',
      publishedAt: '2025-03-14',
    })
  })

  it.each([
    { name: 'a Word export name', Title: 'Microsoft Word - report_final.docx' },
    { name: 'a file name', Title: 'scan0042.pdf' },
    { name: 'an empty title', Title: '   ' },
  ])(
    'names the article after the first page’s largest text when the title is $name',
    async ({ Title }) => {
      const pdf = makePdf({ ...REPORT, info: { Title, Author: 'Administrator' } })
      const parsed = article(await readArticleFile('report.pdf', pdf))
      expect(parsed.title).toBe('Port Operator Denies Halt')
      expect(parsed.byline).toBeNull()
      expect(parsed.publishedAt).toBeNull()
      // The heading that became the title is not repeated as the first block.
      expect(parsed.blocks[0]?.type).toBe('paragraph')
    },
  )

  it('derives a title from the text when nothing on the first page is set larger', async () => {
    const pdf = makePdf({ pages: [column(['Rail freight volumes rose by a tenth in March.'])] })
    const parsed = article(await readArticleFile('freight.pdf', pdf))
    expect(parsed.titleDerived).toBe(true)
    expect(parsed.blocks).toEqual([
      { type: 'paragraph', text: 'Rail freight volumes rose by a tenth in March.' },
    ])
  })

  it('keeps a one-page document’s own short lines (nothing repeats to call a header)', async () => {
    const pdf = makePdf({
      pages: [
        [{ x: 72, y: 750, text: 'Press release', size: 9 }, ...column(['Text of the release.'])],
      ],
    })
    const texts = article(await readArticleFile('release.pdf', pdf)).blocks.map((b) => b.text)
    expect(texts).toContain('Press release')
  })

  it.each([
    {
      name: 'a scan (pages that paint an image, no text layer)',
      bytes: () => makePdf({ pages: [[], []], scanned: true }),
      reason: 'This PDF has no text layer (it is a scan); run OCR on it first or paste the text',
    },
    {
      name: 'a password-protected PDF',
      bytes: () => makePdf({ ...REPORT, encrypted: true }),
      reason: REASONS.pdfEncrypted,
    },
    {
      name: 'a damaged PDF (the header, then noise)',
      bytes: () => new Uint8Array(Buffer.from('%PDF-1.7\n\u0001\u0002 not a PDF at all', 'latin1')),
      reason: REASONS.pdfDamaged,
    },
    {
      name: 'text named .pdf',
      bytes: () => new TextEncoder().encode('Container traffic continues as scheduled.'),
      reason: REASONS.pdfDamaged,
    },
  ])('refuses $name with a reason', async ({ bytes, reason }) => {
    expect(await readArticleFile('x.pdf', bytes())).toEqual({ ok: false, reason })
  })

  it('never throws on a PDF cut short', async () => {
    const whole = makePdf(REPORT)
    for (const length of [20, 200, Math.floor(whole.length / 2), whole.length - 30]) {
      const outcome = await readArticleFile('cut.pdf', whole.subarray(0, length))
      expect(typeof outcome.ok).toBe('boolean')
      if (!outcome.ok) expect(outcome.reason).not.toBe(REASONS.unexpected)
    }
  })

  it('respects the size limit before reading', async () => {
    const pdf = makePdf(REPORT)
    expect(await readArticleFile('report.pdf', pdf, { maxBytes: 100 })).toEqual({
      ok: false,
      reason: `file is ${(pdf.length / 1024).toFixed(1).replace(/\.0$/, '')} KB; the limit is 100 bytes`,
    })
  })

  it('is read only by the asynchronous importer', () => {
    expect(parseArticleFile('report.pdf', makePdf(REPORT))).toEqual({
      ok: false,
      reason: REASONS.pdfNotSynchronous,
    })
  })
})

/**
 * A page as Chromium prints it: its date and time and the page's title on
 * top, the address (shortened to leave room for the page number) and "n/N"
 * at the bottom, in small type.
 */
function browserPage(page: number, count: number, body: readonly Run[]): Run[] {
  const address = 'file:///home/analyst/saved/port-operator-denies-halt-2025'
  const room = String(page).length + String(count).length
  return [
    { x: 24, y: 770, text: `3/14/25, 9:${String(30 + page).padStart(2, '0')} AM`, size: 8 },
    { x: 184, y: 770, text: 'Port Operator Denies Halt - Baltic Wire', size: 8 },
    { x: 24, y: 17, text: `${address.slice(0, 60 - room)}…`, size: 8 },
    { x: 575, y: 17, text: `${page}/${count}`, size: 8 },
    ...body,
  ]
}

const BROWSER_INFO = {
  Title: 'Port Operator Denies Halt - Baltic Wire',
  Creator: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/156.0.0.0',
  Producer: 'Skia/PDF m156',
  CreationDate: "D:20261207185101+00'00'",
}

const SENTENCES = [
  'Loading resumed at two berths',
  'Eleven ships called last week',
  'The authority will publish weekly figures',
]

describe('PDF import of a page printed by a browser', () => {
  const printed = (pages: number): PdfSpec => ({
    info: BROWSER_INFO,
    pages: Array.from({ length: pages }, (_, index) =>
      browserPage(index + 1, pages, [
        ...(index === 0 ? [{ x: 72, y: 720, text: 'Port Operator Denies Halt', size: 20 }] : []),
        ...column(
          index === 0
            ? [
                'Traffic through the port continues, the authority said on Tuesday,',
                'and a friendlier-',
                'named operator confirmed it.',
              ]
            : [`${SENTENCES[index % SENTENCES.length]} (${index + 1}).`],
        ),
      ]),
    ),
  })

  it.each([1, 2, 12])(
    'drops the running header and footer of a %i-page print, page numbers of any width',
    async (pages) => {
      const parsed = article(await readArticleFile('page.pdf', makePdf(printed(pages))))
      const all = parsed.blocks.map((block) => block.text).join('\n')
      expect(all).not.toMatch(/file:|AM|Baltic Wire|\b\d+\/\d+\b/)
      expect(parsed.blocks).toHaveLength(pages)
    },
  )

  it('keeps a compound’s hyphen at a line end when the document breaks no word into syllables', async () => {
    const parsed = article(await readArticleFile('page.pdf', makePdf(printed(1))))
    expect(parsed.blocks[0]?.text).toBe(
      'Traffic through the port continues, the authority said on Tuesday, and a friendlier-named operator confirmed it.',
    )
  })

  it('takes the headline without the site’s name, and no print date for a publication date', async () => {
    const parsed = article(await readArticleFile('page.pdf', makePdf(printed(2))))
    expect(parsed.title).toBe('Port Operator Denies Halt')
    expect(parsed.publishedAt).toBeNull()
  })

  it.each([
    {
      name: 'a dateline under the headline',
      above: [],
      under: ['By Anna Petrova', 'Nov 19, 2019, 10:31 pm CST'],
      date: '2019-11-19',
    },
    {
      name: 'only dates elsewhere on the page',
      above: ['Most read: 18 November 2019'],
      under: [],
      date: null,
    },
  ])('dates the article from $name, not from the print', async ({ above, under, date }) => {
    const pdf = makePdf({
      info: BROWSER_INFO,
      pages: [
        [
          ...column(above, 760),
          { x: 72, y: 720, text: 'Port Operator Denies Halt', size: 20 },
          ...column(
            [
              ...under.map((text) => ({ text, gap: 10 })),
              { text: 'Container traffic through the port continues as scheduled,', gap: 10 },
              'the authority said on Tuesday, and no line has suspended its',
              'calls, adding that loading had resumed at two of the berths',
              'that were closed for repairs in the last week of October.',
            ],
            700,
          ),
        ],
      ],
    })
    expect(article(await readArticleFile('page.pdf', pdf)).publishedAt).toBe(date)
  })

  it('keeps a title whose tail is not a site name around a headline the page shows', async () => {
    const info = { ...BROWSER_INFO, Title: 'Brexit: What Happens Next' }
    const parsed = article(await readArticleFile('page.pdf', makePdf({ ...printed(1), info })))
    expect(parsed.title).toBe('Brexit: What Happens Next')
  })
})

describe('PDF paragraphs on printed web pages', () => {
  const texts = async (spec: PdfSpec): Promise<{ type: string; text: string }[]> =>
    article(await readArticleFile('page.pdf', makePdf(spec))).blocks.map(({ type, text }) => ({
      type,
      text,
    }))

  it('finds the body type in running text, not in a menu of short lines set small', async () => {
    const menu = Array.from({ length: 40 }, (_, index) => ({
      x: 72,
      y: 400 - index * 9,
      text: `Section number ${index + 1}`,
      size: 7,
    }))
    const pdf = makePdf({
      pages: [
        [
          { x: 72, y: 740, text: 'Port Operator Denies', size: 20 },
          { x: 72, y: 716, text: 'Halt to Traffic', size: 20 },
          ...column(
            [
              'Container traffic through the port continues as scheduled, the',
              'authority said on Tuesday, and no line has suspended its calls.',
            ],
            680,
          ),
          ...menu,
        ],
      ],
    })
    const parsed = article(await readArticleFile('page.pdf', pdf))
    // The headline, one heading over two lines, names the article.
    expect(parsed.title).toBe('Port Operator Denies Halt to Traffic')
    expect(parsed.blocks[0]).toEqual({
      type: 'paragraph',
      text: 'Container traffic through the port continues as scheduled, the authority said on Tuesday, and no line has suspended its calls.',
    })
  })

  const pageOne = [
    'Republican leaders of the chamber have avoided direct criticism of the',
    'teachers or the school districts for the closings this week. They seem',
    'intent on not antagonizing educators as the governor of a neighbouring',
  ]

  it.each([
    {
      name: 'a capital after a line full to the margin',
      last: 'state, a member of the same party who lost his reelection bid, did as',
      next: 'Gov. Matt Bevin lashed out at teachers who used sick days to rally.',
    },
    {
      name: 'a quote closed after a comma',
      last: 'state did: "there was no linkage like that,"',
      next: 'she said, and the rally went on until the evening.',
    },
  ])('runs a paragraph on over a page break after $name', async ({ last, next }) => {
    const blocks = await texts({ pages: [column([...pageOne, last]), column([next])] })
    expect(blocks).toEqual([{ type: 'paragraph', text: [...pageOne, last, next].join(' ') }])
  })

  it('tells items whose bullets are drawn from the paragraphs around them', async () => {
    const blocks = await texts({
      pages: [
        column([
          'The authority listed three measures for the coming month, all agreed with',
          'the shipping lines that call at the port.',
          'Loading resumes at two berths.',
          'Rail deliveries double from Monday.',
          'Weekly traffic figures are published from April onwards, starting with the',
          'figures for the first week of the month.',
        ]),
      ],
    })
    expect(blocks.map((block) => block.text)).toEqual([
      'The authority listed three measures for the coming month, all agreed with the shipping lines that call at the port.',
      'Loading resumes at two berths.',
      'Rail deliveries double from Monday.',
      'Weekly traffic figures are published from April onwards, starting with the figures for the first week of the month.',
    ])
  })

  it('keeps a numbered item’s indented lines with their number', async () => {
    const blocks = await texts({
      pages: [
        column([
          'Read on for three tips that help you build a firm foundation for your',
          'work online, so that the next courses feel like a natural next step for',
          'everyone who takes them.',
          '1. Start small and recognize that no one is watching. The early days are the',
          { indent: 14, text: 'perfect time to explore things that feel uncomfortable.' },
        ]),
      ],
    })
    expect(blocks.map((block) => block.text)).toEqual([
      'Read on for three tips that help you build a firm foundation for your work online, so that the next courses feel like a natural next step for everyone who takes them.',
      '1. Start small and recognize that no one is watching. The early days are the perfect time to explore things that feel uncomfortable.',
    ])
  })

  it('cuts a host name after a browser print’s title', async () => {
    const info = { ...BROWSER_INFO, Title: 'Traffic Continues at Ust-Luga - balticwire.com' }
    const pdf = makePdf({ info, pages: [column(['Container traffic continues as scheduled.'])] })
    expect(article(await readArticleFile('page.pdf', pdf)).title).toBe(
      'Traffic Continues at Ust-Luga',
    )
  })
})

describe('joining lines', () => {
  it.each([
    { before: 'the elec-', after: 'tricity supply', joined: 'the electricity supply' },
    { before: 'a well-', after: 'known operator', joined: 'a well-known operator' },
    { before: 'the COVID-', after: '19 rules', joined: 'the COVID-19 rules' },
    { before: 'said Jean-', after: 'Pierre Martin', joined: 'said Jean-Pierre Martin' },
    { before: 'soft\u00AD', after: 'ware', joined: 'software' },
    { before: 'ends here.', after: 'Next line', joined: 'ends here. Next line' },
    { before: 'a dash —', after: 'then more', joined: 'a dash — then more' },
    { before: 'send an e-', after: 'mail today', joined: 'send an e-mail today' },
  ])('joins "$before" and "$after" as "$joined"', ({ before, after, joined }) => {
    expect(joinLines(before, after)).toBe(joined)
  })

  it('follows the document: a compound it hyphenates elsewhere keeps its hyphen', () => {
    expect(joinLines('the cross-', 'border trade', new Set(['cross-border']))).toBe(
      'the cross-border trade',
    )
    expect(joinLines('the sea-', 'port', new Set(['sea-port']))).toBe('the sea-port')
    expect(joinLines('the sea-', 'port', new Set(['seaport']))).toBe('the seaport')
  })

  it('keeps an undecided hyphen in a document that breaks no word into syllables', () => {
    expect(joinLines('a friendlier-', 'named bank', new Set(), false)).toBe(
      'a friendlier-named bank',
    )
    expect(joinLines('a friendlier-', 'named bank', new Set(), true)).toBe('a friendliernamed bank')
    // The document's own spelling still decides.
    expect(joinLines('the elec-', 'tricity', new Set(['electricity']), false)).toBe(
      'the electricity',
    )
  })
})

describe('PDF dates', () => {
  it.each([
    { value: "D:20250314093000+01'00'", iso: '2025-03-14T09:30:00+01:00' },
    { value: 'D:20250314093000Z', iso: '2025-03-14T09:30:00Z' },
    { value: 'D:20250314', iso: '2025-03-14T00:00:00Z' },
    { value: 'D:19700101000000Z', iso: null },
    { value: 'D:29990101000000Z', iso: null },
    { value: 'yesterday', iso: null },
  ])('reads $value as $iso', ({ value, iso }) => {
    expect(pdfDate(value)).toBe(iso)
  })
})
