/**
 * The briefing options (title, introduction, author, skipping empty
 * articles, grouping, block ids) and the notes that must never pass for a
 * quoted passage, checked on the document's structure.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Annotation, Claim } from '../../../src/shared/domain/annotation'
import { verifyChecksum } from '../../../src/shared/export/keep-regions'
import {
  exportMarkdownBriefing,
  type BriefingArticle,
  type BriefingInput,
} from '../../../src/shared/export/markdown'
import {
  GENERATED_AT,
  makeAnnotation,
  makeArticle,
  oneArticleInput,
  twoArticlesInput,
} from './briefing-fixtures'
import { expectGolden } from './golden'
import {
  hostileText,
  isNoteCallout,
  quoteLinesAbove,
  splitFrontMatter,
  topLevelBlockquotes,
} from './markdown-structure'

const claim = (status: string, statement = 'A statement'): Claim => ({
  statement,
  claimant: 'c',
  claimantType: null,
  attributedVia: '',
  claimDate: null,
  status,
  confidence: 'low',
  links: [],
})

/** Notes written the ways testers found that break a naive briefing. */
const TRICKY_NOTES: readonly (readonly [string, string])[] = [
  ['starts with a quote', '> "We will stay", the spokesman said.\nI doubt it.'],
  ['is an Obsidian callout', '> [!warning] Check this\n> The figure is from 2019.'],
  ['ends in a block id', 'Same as the first claim ^ann-first'],
  ['is a block id alone', 'See above\n^ann-first'],
  ['is a GitHub alert', '> [!NOTE]\n> looks like ours'],
]

function trickyInput(options: Partial<BriefingInput> = {}): BriefingInput {
  const annotations: Annotation[] = [
    makeAnnotation({ id: 'ann-first', articleId: 'a', exact: 'The first passage', start: 0 }),
    ...TRICKY_NOTES.map(([, note], i) =>
      makeAnnotation({
        id: `ann-${i}`,
        articleId: 'a',
        exact: `Passage ${i}`,
        start: 100 + i,
        note,
      }),
    ),
  ]
  return {
    title: 'Notes',
    generatedAt: GENERATED_AT,
    scope: { kind: 'articles', articleIds: ['a'] },
    articles: [
      {
        article: makeArticle({ id: 'a', title: 'A' }),
        articleNote: '> quoted in the article note',
        annotations,
      },
    ],
    ...options,
  }
}

describe('notes never pass for a quoted passage', () => {
  it.each([true, false])('with Obsidian block ids %s', (obsidianBlockIds) => {
    const doc = exportMarkdownBriefing(trickyInput({ obsidianBlockIds }))
    const { body } = splitFrontMatter(doc)
    const quotes = topLevelBlockquotes(body)
    const notes = quotes.filter(isNoteCallout)
    const passages = quotes.filter((q) => !isNoteCallout(q))
    // Every note is a callout of its own, the article note included.
    expect(notes).toHaveLength(TRICKY_NOTES.length + 1)
    // Every other blockquote is a passage: its text is one of the quotes.
    expect(passages.map((q) => q.join('\n').replace(/<a id="[^"]*"><\/a>/u, ''))).toEqual([
      '> The first passage',
      ...TRICKY_NOTES.map((_n, i) => `> Passage ${i}`),
    ])
    expect(verifyChecksum(doc)).toBe('valid')
  })

  it('leaves only one block with each id', () => {
    const doc = exportMarkdownBriefing(trickyInput())
    const ids = doc.split('\n').flatMap((l) => /(?:^|\s)\^([A-Za-z0-9-]+)\s*$/u.exec(l)?.[1] ?? [])
    expect(ids.filter((id) => id === 'ann-first')).toHaveLength(1)
    expect(new Set(ids).size).toBe(ids.length)
    expect(quoteLinesAbove(doc, 'ann-first')).toEqual(['> The first passage'])
    expect(doc).toContain('> Same as the first claim \\^ann-first\n')
  })
})

describe('notes of arbitrary text', () => {
  it('stay in their callout and never repeat a block id', () => {
    const snippets = fc.oneof(
      hostileText(60),
      fc.constantFrom('> [!warning] x\n> y', '^ann-1', 'text ^ann-1', '```\n^ann-1', '> > deep'),
    )
    fc.assert(
      fc.property(snippets, snippets, fc.boolean(), (a, b, obsidianBlockIds) => {
        const note = `${a}\n${b}`
        const doc = exportMarkdownBriefing({
          title: 'T',
          generatedAt: GENERATED_AT,
          scope: { kind: 'articles', articleIds: ['a'] },
          obsidianBlockIds,
          articles: [
            {
              article: makeArticle({ id: 'a', title: 'A' }),
              annotations: [
                makeAnnotation({ id: 'ann-1', articleId: 'a', exact: 'q', start: 0, note }),
              ],
            },
          ],
        })
        const quotes = topLevelBlockquotes(splitFrontMatter(doc).body)
        const passages = quotes.filter((q) => !isNoteCallout(q))
        expect(passages).toHaveLength(1)
        expect(passages[0]?.join('\n')).toMatch(/^> (?:<a id="ann-1"><\/a>)?q$/u)
        // Lines ending in an unescaped `^ann-1`: the exporter's own `^id` line, and lines of the
        // note that can only be code (outside code the neutraliser escapes it); no other.
        const idLines = doc
          .split('\n')
          .filter((l) => /(?:^|[\s>])\^ann-1\s*$/u.test(l) && !/^>\s*(?:```|~~~)/u.test(l))
        const inCode = quotes.flat().filter((l) => /\^ann-1\s*$/u.test(l) && !/\\\^ann-1/u.test(l))
        expect(idLines.length - inCode.length).toBe(obsidianBlockIds ? 1 : 0)
        expect(verifyChecksum(doc)).toBe('valid')
      }),
      { numRuns: 150 },
    )
  })
})

describe('without Obsidian block ids', () => {
  const doc = exportMarkdownBriefing({ ...twoArticlesInput, obsidianBlockIds: false })
  const lines = doc.split('\n')

  it('writes no ^id line and no #^ link', () => {
    expect(lines.filter((l) => l.startsWith('^'))).toEqual([])
    expect(doc).not.toContain('#^')
  })

  it('anchors each passage with an HTML id the links point at', () => {
    expect(doc).toContain('> <a id="ann-claim-1"></a>We have not received any notification')
    expect(doc).toContain('[quote](#ann-claim-1)')
    expect(doc).toContain('[«Deliveries to Russia suspended»](#ann-ria-1)')
    // The only HTML is those anchors and the keep markers.
    const html = lines.filter((l) => l.includes('<') && !/^<!-- \/?workbench:[^<]*-->$/u.test(l))
    for (const line of html) expect(line).toMatch(/^> <a id="[A-Za-z0-9-]+"><\/a>[^<]*$/u)
  })

  it('writes notes as a GitHub note box with its title in bold', () => {
    expect(doc).toContain('> [!NOTE]\n> **Analyst note**\n>\n> Check against')
  })
})

describe('title, author and introduction', () => {
  const doc = exportMarkdownBriefing({
    ...oneArticleInput,
    title: 'BMW in Kaliningrad',
    author: { name: 'A. Analyst', organisation: 'Desk' },
    introduction: '# Why\n\nThree sources disagree. <b>bold</b>\n---',
  })

  it('writes the title and the author to the front matter', () => {
    expect(splitFrontMatter(doc).data).toMatchObject({
      title: 'BMW in Kaliningrad',
      author: 'A. Analyst',
      'author-organisation': 'Desk',
    })
    expect(doc).toContain('\n# BMW in Kaliningrad\n')
  })

  it('neutralises the introduction like a note, under the summary line', () => {
    const body = splitFrontMatter(doc).body
    const intro = body.slice(body.indexOf('Generated'), body.indexOf('## Analyst notes'))
    expect(intro).toContain('\n#### Why\n\nThree sources disagree. &lt;b>bold&lt;/b>\n\\---\n')
  })

  it('writes no author key when none is given', () => {
    expect(splitFrontMatter(exportMarkdownBriefing(oneArticleInput)).data).not.toHaveProperty(
      'author',
    )
  })
})

describe('leaving out articles without annotations', () => {
  const empty: BriefingArticle = {
    article: makeArticle({ id: 'e', title: 'Nothing found here' }),
    annotations: [],
  }
  const input: BriefingInput = {
    ...oneArticleInput,
    articles: [empty, ...oneArticleInput.articles],
  }

  it('writes "No annotations" for them by default', () => {
    expect(exportMarkdownBriefing(input)).toContain('## Nothing found here\n\n_No annotations._')
  })

  it('names them on one line instead when asked', () => {
    const doc = exportMarkdownBriefing({ ...input, skipEmpty: true })
    expect(doc).not.toContain('_No annotations._')
    expect(doc).not.toContain('## Nothing found here')
    expect(doc).toContain(
      '1 article selected by the analyst\\\nAlso read, without annotations: *Nothing found here*\n',
    )
  })
})

describe('grouping', () => {
  const articles: BriefingArticle[] = [
    {
      article: makeArticle({ id: 'a', title: 'Article A' }),
      annotations: [
        makeAnnotation({
          id: 'a1',
          articleId: 'a',
          exact: 'one',
          start: 0,
          tags: ['topic/x', 'topic/y'],
        }),
        makeAnnotation({ id: 'a2', articleId: 'a', exact: 'two', start: 5, claim: claim('false') }),
      ],
    },
    {
      article: makeArticle({ id: 'b', title: 'Article B' }),
      annotations: [
        makeAnnotation({
          id: 'b1',
          articleId: 'b',
          exact: 'three',
          start: 0,
          tags: ['topic/y'],
          claim: claim('disputed'),
        }),
      ],
    },
  ]
  const base: BriefingInput = {
    title: 'Grouped',
    generatedAt: GENERATED_AT,
    scope: { kind: 'articles', articleIds: ['a', 'b'] },
    articles,
    claimStatuses: ['unverified', 'disputed', 'false'],
  }
  const headings = (doc: string): string[] => doc.split('\n').filter((l) => /^#{2,3} /u.test(l))

  it('by tag: one section per tag, an annotation written once and referred to after', () => {
    const doc = exportMarkdownBriefing({ ...base, groupBy: 'tag' })
    expect(headings(doc)).toEqual([
      '## Analyst notes',
      '## Articles',
      '### Article A',
      '### Article B',
      '## Tag: topic/x',
      '### Article A',
      '## Tag: topic/y',
      '### Article A',
      '### Article B',
      '## Untagged',
      '### Article A',
    ])
    expect(doc.split('\n').filter((l) => l === '^a1')).toHaveLength(1)
    expect(doc).toContain('See [«one»](#^a1) above.')
    expect(verifyChecksum(doc)).toBe('valid')
  })

  it('by status: codebook order, then highlights and notes', () => {
    const doc = exportMarkdownBriefing({ ...base, groupBy: 'status' })
    expect(headings(doc).slice(4)).toEqual([
      '## Status: disputed',
      '### Article B',
      '## Status: false',
      '### Article A',
      '## Highlights and notes',
      '### Article A',
    ])
  })

  it('matches the golden file (by status, GitHub anchors, introduction, left-out article)', async () => {
    await expectGolden(
      'grouped-by-status.md',
      exportMarkdownBriefing({
        ...twoArticlesInput,
        articles: [
          ...twoArticlesInput.articles,
          { article: makeArticle({ id: 'art-empty', title: 'Unrelated story' }), annotations: [] },
        ],
        title: 'BMW and Russia: who says what',
        introduction: 'Two sources, **opposite** claims.',
        timeZone: 'Europe/Moscow',
        groupBy: 'status',
        skipEmpty: true,
        obsidianBlockIds: false,
        claimStatuses: ['unverified', 'corroborated', 'disputed', 'false'],
      }),
    )
  })
})
