import { describe, expect, it } from 'vitest'
import { blockSchema, type Block } from '../../../src/shared/domain/article'
import { parsePastedText, type ParseOutcome } from '../../../src/main/import'
import { deriveTitle, firstSentence } from '../../../src/main/import/title'

const PARAGRAPH =
  'Container traffic through the port continues as scheduled, Marina Volkova, press secretary of the port authority, said on Tuesday.'
const PARAGRAPH_2 =
  'Earlier, Interfax reported that two European lines had paused bookings to Russian ports until the end of the quarter.'

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  for (const block of outcome.article.blocks) blockSchema.parse(block)
  return outcome.article
}

function blocksOf(text: string): Block[] {
  return [...article(parsePastedText(text)).blocks]
}

describe('titles', () => {
  it.each([
    {
      name: 'a headline line',
      input: `Port Operator Denies Halt\n\n${PARAGRAPH}`,
      title: 'Port Operator Denies Halt',
      derived: false,
    },
    {
      name: 'a question headline',
      input: `Is the Port Really Closed?\n\n${PARAGRAPH}`,
      title: 'Is the Port Really Closed?',
      derived: false,
    },
    {
      name: 'a first line ending with a full stop (a paragraph, not a title)',
      input: `The port is open.\n${PARAGRAPH}`,
      title: 'The port is open',
      derived: true,
    },
    {
      name: 'a long first paragraph',
      input: `${PARAGRAPH}\n${PARAGRAPH_2}`,
      title:
        'Container traffic through the port continues as scheduled, Marina Volkova, press secretary of the…',
      derived: true,
    },
    {
      name: 'a single line (it stays as the body and the title is derived)',
      input: 'Port Operator Denies Halt',
      title: 'Port Operator Denies Halt',
      derived: true,
    },
    {
      name: 'site chrome before the headline',
      input: `No time to read?\nGet a summary\nPort Operator Denies Halt\n\n${PARAGRAPH}`,
      title: 'Port Operator Denies Halt',
      derived: false,
    },
    {
      name: 'invisible and bidi characters in the headline',
      input: `Port\u200b Operator \u202eDenies\u202c Halt\n\n${PARAGRAPH}`,
      title: 'Port Operator Denies Halt',
      derived: false,
    },
  ])('takes the title from $name', ({ input, title, derived }) => {
    const parsed = article(parsePastedText(input))
    expect(parsed.title).toBe(title)
    expect(parsed.titleDerived).toBe(derived)
  })

  it('does not repeat a given title as the first block', () => {
    const parsed = article(parsePastedText(`Port Operator Denies Halt\n\n${PARAGRAPH}`))
    expect(parsed.blocks).toEqual([{ type: 'paragraph', text: PARAGRAPH }])
  })

  it.each([
    {
      text: 'Dr. Sokolova said the fleet was grounded. Airlines disagreed.',
      first: 'Dr. Sokolova said the fleet was grounded',
    },
    {
      text: 'Exports to the U.S. fell sharply. Imports rose.',
      first: 'Exports to the U.S. fell sharply',
    },
    {
      text: 'В 2023 г. порт принял меньше судов. Это связано с санкциями.',
      first: 'В 2023 г. порт принял меньше судов',
    },
    { text: 'Will the port close? Nobody knows.', first: 'Will the port close?' },
    { text: 'Shipments fell [citation: Interfax]. Prices rose.', first: 'Shipments fell' },
    { text: 'No sentence end at all', first: 'No sentence end at all' },
  ])('finds the first sentence of "$text"', ({ text, first }) => {
    expect(firstSentence(text)).toBe(first)
  })

  it('cuts a derived title at a word boundary with an ellipsis', () => {
    const title = deriveTitle(`${'word '.repeat(40)}end.`)
    expect(title.length).toBeLessThanOrEqual(100)
    expect(title).toMatch(/word…$/)
  })
})

describe('paragraphs and block types', () => {
  it.each([
    {
      name: 'blank-line separated paragraphs, hard-wrapped lines joined',
      input: `Headline Here\n\nFirst line of a wrapped\nparagraph continues here.\n\n${PARAGRAPH_2}`,
      blocks: [
        { type: 'paragraph', text: 'First line of a wrapped paragraph continues here.' },
        { type: 'paragraph', text: PARAGRAPH_2 },
      ],
    },
    {
      name: 'one paragraph per line when there are no blank lines',
      input: `${PARAGRAPH}\n${PARAGRAPH_2}`,
      blocks: [
        { type: 'paragraph', text: PARAGRAPH },
        { type: 'paragraph', text: PARAGRAPH_2 },
      ],
    },
    {
      name: 'long one-line paragraphs without blank lines after blank-line ones',
      input: `Headline Here\n\n${PARAGRAPH_2}\n\n${PARAGRAPH}\n${PARAGRAPH}\nA short wrapped\nline pair.`,
      blocks: [
        { type: 'paragraph', text: PARAGRAPH_2 },
        { type: 'paragraph', text: PARAGRAPH },
        { type: 'paragraph', text: PARAGRAPH },
        { type: 'paragraph', text: 'A short wrapped line pair.' },
      ],
    },
    {
      name: 'a subheading between paragraphs',
      input: `Headline Here\n\n${PARAGRAPH}\n\nRail Tariffs Under Review\n\n${PARAGRAPH_2}`,
      blocks: [
        { type: 'paragraph', text: PARAGRAPH },
        { type: 'heading', text: 'Rail Tariffs Under Review' },
        { type: 'paragraph', text: PARAGRAPH_2 },
      ],
    },
    {
      name: 'a subheading typed directly above its paragraph',
      input: `Headline Here\n\n${PARAGRAPH}\n\nRail Tariffs\n${PARAGRAPH_2}`,
      blocks: [
        { type: 'paragraph', text: PARAGRAPH },
        { type: 'heading', text: 'Rail Tariffs' },
        { type: 'paragraph', text: PARAGRAPH_2 },
      ],
    },
    {
      name: 'a short last line (not a heading: nothing follows it)',
      input: `${PARAGRAPH}\nMore to follow`,
      blocks: [
        { type: 'paragraph', text: PARAGRAPH },
        { type: 'paragraph', text: 'More to follow' },
      ],
    },
    {
      name: 'list items with -, * and numbers',
      input: `Headline Here\n\nThe port handled:\n- grain\n* coal\n1. containers\n2) vehicles`,
      blocks: [
        { type: 'paragraph', text: 'The port handled:' },
        { type: 'list-item', text: 'grain' },
        { type: 'list-item', text: 'coal' },
        { type: 'list-item', text: '1. containers' },
        { type: 'list-item', text: '2) vehicles' },
      ],
    },
    {
      name: '> quotes, joined across lines',
      input: `Headline Here\n\n> The terminals remain open\n> and staffed.\n\n${PARAGRAPH}`,
      blocks: [
        { type: 'quote', text: 'The terminals remain open and staffed.' },
        { type: 'paragraph', text: PARAGRAPH },
      ],
    },
    {
      name: 'paragraphs wholly in quotation marks',
      input: `Headline Here\n\n“The terminals remain open.”\n\n«Порт работает».\n\n"Open," she said, "and staffed."`,
      blocks: [
        { type: 'quote', text: '“The terminals remain open.”' },
        { type: 'quote', text: '«Порт работает».' },
        { type: 'paragraph', text: '"Open," she said, "and staffed."' },
      ],
    },
  ])('reads $name', ({ input, blocks }) => {
    expect(blocksOf(input)).toEqual(blocks)
  })
})

describe('site chrome', () => {
  it.each([
    {
      name: 'summary widget lines anywhere, in any case',
      input: `Headline Here\n\nNO TIME TO READ?\nget a summary\n\n${PARAGRAPH}\n\nNo time to read? Get a summary\n\n${PARAGRAPH_2}`,
      blocks: [PARAGRAPH, PARAGRAPH_2],
    },
    {
      name: 'pager labels with the headline after each',
      input: `Headline Here\n\n${PARAGRAPH}\n\nPrevious Article\n\nSome Other Story\n\nNext Article\n\nYet Another Story`,
      blocks: [PARAGRAPH],
    },
    {
      name: 'pager labels without blank lines',
      input: `${PARAGRAPH}\nPrevious Article\nSome Other Story\nNext Article\nYet Another Story`,
      blocks: [PARAGRAPH],
    },
    {
      name: 'a next-article headline glued to that article’s text (the text is kept)',
      input: `${PARAGRAPH}\nNext Article\nRivalry and Risk Across Elite Circles${PARAGRAPH_2} ${PARAGRAPH}`,
      blocks: [PARAGRAPH, `${PARAGRAPH_2} ${PARAGRAPH}`],
    },
    {
      name: 'a pager label with nothing after it',
      input: `${PARAGRAPH}\n${PARAGRAPH_2}\nNext Article`,
      blocks: [PARAGRAPH, PARAGRAPH_2],
    },
  ])('removes $name', ({ input, blocks }) => {
    expect(blocksOf(input).map((block) => block.text)).toEqual(blocks)
  })

  it('keeps the words "next article" inside a sentence', () => {
    const text = 'The next article in this series covers rail tariffs in detail.'
    expect(blocksOf(`${PARAGRAPH}\n${text}`).map((b) => b.text)).toContain(text)
  })
})

describe('citations and source', () => {
  it('keeps citation markers in the text and lists them once each, in order', () => {
    const parsed = article(
      parsePastedText(
        `Headline Here\n\nA claim [citation: Interfax]. Another [citation:  TASS ].\n\nAgain [citation: Interfax] and [citation: RIA Novosti].`,
      ),
    )
    expect(parsed.citations).toEqual(['Interfax', 'TASS', 'RIA Novosti'])
    expect(parsed.blocks[0]?.text).toBe('A claim [citation: Interfax]. Another [citation: TASS ].')
  })

  it.each([
    {
      text: 'a detail confirmed to socialbites.ca by the representative',
      source: 'socialbites.ca',
    },
    { text: 'the director told metalwire.example on Monday', source: 'metalwire.example' },
    { text: 'as portnews.example previously reported, volumes fell', source: 'portnews.example' },
    { text: 'said in an interview with metalwire.example yesterday', source: 'metalwire.example' },
    { text: 'об этом сообщил lenta.ru представитель компании', source: 'lenta.ru' },
    { text: 'according to reuters.com, volumes fell', source: null },
    { text: 'he told reporters.Then he left', source: null },
    { text: 'no site is named here at all', source: null },
  ])('detects the source in "$text"', ({ text, source }) => {
    const parsed = article(parsePastedText(`Headline Here\n\nThe port is open, ${text}.`))
    expect(parsed.source).toBe(source)
    expect(parsed.byline).toBeNull()
    expect(parsed.url).toBeNull()
    expect(parsed.publishedAt).toBeNull()
  })
})

describe('character cleanup', () => {
  it.each([
    { name: 'CRLF line endings', input: 'Head Line\r\n\r\nOne.\r\nTwo.', blocks: ['One.', 'Two.'] },
    { name: 'old Mac CR line endings', input: 'Head Line\r\rOne.\rTwo.', blocks: ['One.', 'Two.'] },
    {
      name: 'decomposed accents (to NFC)',
      input: 'Caf\u0065\u0301 owners agree.',
      blocks: ['Caf\u00e9 owners agree.'],
    },
    {
      name: 'control characters',
      input: 'Bell\u0007 and escape\u001b characters vanish from otherwise ordinary text.',
      blocks: ['Bell and escape characters vanish from otherwise ordinary text.'],
    },
    { name: 'runs of spaces', input: 'Too    many   spaces.', blocks: ['Too many spaces.'] },
    {
      name: 'zero-width spaces and bidi overrides',
      input: 'Hid\u200bden \u202ereversed\u202c text.',
      blocks: ['Hidden reversed text.'],
    },
    { name: 'a lone surrogate', input: 'Broken \ud800 pair.', blocks: ['Broken \ufffd pair.'] },
  ])('normalises $name', ({ input, blocks }) => {
    expect(blocksOf(input).map((block) => block.text)).toEqual(blocks)
  })

  it('keeps joiners that carry meaning in body text', () => {
    const text = 'Family emoji 👨\u200d👩\u200d👧 and Persian می\u200cخواهم stay intact.'
    expect(blocksOf(text)[0]?.text).toBe(text)
  })
})
