import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseArticleFile, type ParseOutcome } from '../../../src/main/import'
import { splitFrontMatter } from '../../../src/main/import/front-matter'

const FIXTURES = join(__dirname, '../../fixtures/import')

function parseMd(text: string): ParseOutcome {
  return parseArticleFile('note.md', new TextEncoder().encode(text))
}

function article(outcome: ParseOutcome) {
  if (!outcome.ok) throw new Error(`expected an article, got: ${outcome.reason}`)
  return outcome.article
}

describe('Markdown with front matter', () => {
  const parsed = article(
    parseArticleFile('port-statement.md', readFileSync(join(FIXTURES, 'port-statement.md'))),
  )

  it('reads title, source, url, date and author from the front matter', () => {
    expect(parsed).toMatchObject({
      title: 'Port Authority Statement on Container Traffic',
      titleDerived: false,
      source: 'Baltic Wire',
      url: 'https://balticwire.example/statements/port-traffic',
      publishedAt: '2024-03-05',
      byline: 'Irina Petrova, Oleg Smirnov',
      citations: ['Baltic Port Authority press release', 'Interfax'],
    })
  })

  it('does not repeat the title heading as a block and keeps the rest in order', () => {
    expect(parsed.blocks.map((block) => block.type)).toEqual([
      'paragraph',
      'quote',
      'quote',
      'heading',
      'list-item',
      'list-item',
      'list-item',
      'list-item',
      'paragraph',
      'paragraph',
    ])
    expect(parsed.blocks[0]?.text).toBe(
      'Container traffic through the port of Ust-Luga continues as scheduled, Marina Volkova said, calling reports of a halt unfounded [citation: Baltic Port Authority press release].',
    )
  })

  it('keeps no markup and no script text', () => {
    for (const block of parsed.blocks) {
      expect(block.text).not.toMatch(/[<>*`]|\]\(|MD_SCRIPT|alert/)
    }
    expect(parsed.blocks.map((block) => block.text)).toContain('Subscribe to our newsletter')
  })
})

describe('Markdown blocks', () => {
  it.each([
    {
      name: 'ATX headings',
      input: 'Intro text.\n\n## Section *two* ##\n\nBody.',
      blocks: [
        ['paragraph', 'Intro text.'],
        ['heading', 'Section two'],
        ['paragraph', 'Body.'],
      ],
    },
    {
      name: 'setext headings',
      input: 'Intro text.\n\nSection\n-------\n\nBody.',
      blocks: [
        ['paragraph', 'Intro text.'],
        ['heading', 'Section'],
        ['paragraph', 'Body.'],
      ],
    },
    {
      name: 'links, images and autolinks',
      input:
        'See [the report](https://x.example/a_(b) "Title"), ![a chart](c.png) and <https://x.example>.',
      blocks: [['paragraph', 'See the report, and https://x.example.']],
    },
    {
      name: 'reference links and their definitions',
      input: 'See [the report][1].\n\n[1]: https://x.example',
      blocks: [['paragraph', 'See the report.']],
    },
    {
      name: 'emphasis but not intraword underscores',
      input: 'A **bold**, __strong__, *soft*, _quiet_ and ~~struck~~ snake_case_name.',
      blocks: [['paragraph', 'A bold, strong, soft, quiet and struck snake_case_name.']],
    },
    {
      name: 'inline code kept literally',
      input: 'Run `npm *test*` now.',
      blocks: [['paragraph', 'Run npm *test* now.']],
    },
    {
      name: 'escapes and entities',
      input: 'Price \\*not\\* 5 &euro; &amp; &#x41;&#66;.',
      blocks: [['paragraph', 'Price *not* 5 € & AB.']],
    },
    {
      name: 'quotes with nested lists',
      input: '> Quoted line\n> - and a list item',
      blocks: [
        ['quote', 'Quoted line'],
        ['quote', 'and a list item'],
      ],
    },
    {
      name: 'ordered list numbers kept',
      input: '3. third\n4) fourth',
      blocks: [
        ['list-item', '3. third'],
        ['list-item', '4. fourth'],
      ],
    },
    {
      name: 'thematic breaks dropped',
      input: 'One.\n\n***\n\nTwo.',
      blocks: [
        ['paragraph', 'One.'],
        ['paragraph', 'Two.'],
      ],
    },
    {
      name: 'tables as rows',
      input: '| Port | Tonnes |\n|---|---:|\n| Ust-Luga | 1.2m |',
      blocks: [
        ['paragraph', 'Port | Tonnes'],
        ['paragraph', 'Ust-Luga | 1.2m'],
      ],
    },
    {
      name: 'code fences kept literally',
      input: 'Before.\n\n```\nlet a = *b*\n```\n\nAfter.',
      blocks: [
        ['paragraph', 'Before.'],
        ['paragraph', 'let a = *b*'],
        ['paragraph', 'After.'],
      ],
    },
    {
      name: 'raw HTML reduced to text',
      input:
        '<p>One <em>two</em></p><p>three</p>\n\n<script>\nalert(1)\n\nsteal()\n</script>\n\n<!-- hidden\n\ncomment -->Visible.',
      blocks: [
        ['paragraph', 'One two three'],
        ['paragraph', 'Visible.'],
      ],
    },
  ])('reads $name', ({ input, blocks }) => {
    expect(article(parseMd(input)).blocks.map((block) => [block.type, block.text])).toEqual(blocks)
  })
})

describe('large Markdown', () => {
  it('reads a list of 100,000 items (no stack overflow from spreading arrays)', () => {
    const parsed = article(parseMd('- item\n'.repeat(100_000)))
    expect(parsed.blocks).toHaveLength(100_000)
    expect(parsed.blocks[99_999]).toEqual({ type: 'list-item', text: 'item' })
  })
})

describe('Markdown titles', () => {
  it.each([
    {
      name: 'the first # heading',
      input: '# The Title\n\nBody text.',
      title: 'The Title',
      derived: false,
      first: 'Body text.',
    },
    {
      name: 'front matter over the # heading',
      input: '---\ntitle: Given\n---\n# Other\n\nBody text.',
      title: 'Given',
      derived: false,
      first: 'Other',
    },
    {
      name: 'the first sentence when there is no title',
      input: 'Body text here. More.',
      title: 'Body text here',
      derived: true,
      first: 'Body text here. More.',
    },
    {
      name: 'the first sentence when the first heading is not level 1',
      input: '## Section\n\nBody text here.',
      title: 'Body text here',
      derived: true,
      first: 'Section',
    },
  ])('takes $name', ({ input, title, derived, first }) => {
    const parsed = article(parseMd(input))
    expect(parsed.title).toBe(title)
    expect(parsed.titleDerived).toBe(derived)
    expect(parsed.blocks[0]?.text).toBe(first)
  })
})

describe('front matter parser', () => {
  it.each([
    { line: 'title: Plain value', value: 'Plain value' },
    { line: 'title: "Double \\"quoted\\"" # comment', value: 'Double "quoted"' },
    { line: "title: 'It''s single'", value: "It's single" },
    { line: 'title: Value # trailing comment', value: 'Value' },
    { line: 'title: [A, "B"]', value: 'A, B' },
    { line: 'Title: Case-insensitive key', value: 'Case-insensitive key' },
  ])('reads $line', ({ line, value }) => {
    expect(splitFrontMatter(`---\n${line}\n---\nBody`).fields.get('title')).toBe(value)
  })

  it('treats unclosed dashes as part of the body', () => {
    const text = '---\ntitle: x\nBody'
    expect(splitFrontMatter(text)).toEqual({ fields: new Map(), body: text })
  })

  it('drops URLs that are not http(s)', () => {
    const parsed = article(parseMd('---\nurl: javascript:alert(1)\n---\nBody text.'))
    expect(parsed.url).toBeNull()
  })
})
