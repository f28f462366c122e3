import { readFile, writeFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Claim } from '../../../src/shared/domain/annotation'
import { articleText, type Block } from '../../../src/shared/domain/article'
import { normaliseNewlines } from '../../../src/shared/export/markdown-escape'
import { parseKeepRegions, verifyChecksum } from '../../../src/shared/export/keep-regions'
import {
  ANALYST_NOTES_REGION_ID,
  exportMarkdownBriefing,
  inDocumentOrder,
  type BriefingInput,
} from '../../../src/shared/export/markdown'
import {
  GENERATED_AT,
  HOSTILE_CLAIMANT,
  HOSTILE_QUOTE,
  HOSTILE_TITLE,
  hostileInput,
  makeAnnotation,
  makeArticle,
  oneArticleInput,
  twoArticlesInput,
} from './briefing-fixtures'
import {
  BLOCK_START,
  claimsTableRows,
  hostileText,
  quoteLinesAbove,
  splitFrontMatter,
  tableCells,
} from './markdown-structure'

const UPDATE_GOLDEN = process.env['UPDATE_GOLDEN'] === '1'

async function expectGolden(name: string, actual: string): Promise<void> {
  const path = fileURLToPath(new URL(`../../fixtures/export/${name}`, import.meta.url))
  if (UPDATE_GOLDEN) await writeFile(path, actual, 'utf8')
  expect(actual).toBe(await readFile(path, 'utf8'))
}

describe('exportMarkdownBriefing golden files', () => {
  it.each([
    ['one-article.md', oneArticleInput],
    ['two-articles.md', twoArticlesInput],
    ['hostile-article.md', hostileInput],
  ] as const)('%s', async (name, input) => {
    await expectGolden(name, exportMarkdownBriefing(input))
  })
})

describe('front matter', () => {
  it('carries title, time, article ids, sources and sorted Obsidian tags', () => {
    const { data } = splitFrontMatter(exportMarkdownBriefing(twoArticlesInput))
    expect(data).toEqual({
      title: 'Briefing: 2 articles',
      'generated-at': GENERATED_AT,
      scope: { kind: 'query', query: 'BMW Russia' },
      // The second article has no source: its site comes from the URL.
      sources: ['socialbites.ca', 'ria.example'],
      tags: [
        'entity/company/Avtotor',
        'entity/company/BMW',
        'place/Kaliningrad',
        'tag-2023',
        'topic/localisation',
        'topic/sanctions',
      ],
    })
  })

  it('lists the article ids of an article-scoped briefing', () => {
    const { data } = splitFrontMatter(exportMarkdownBriefing(oneArticleInput))
    expect(data).toMatchObject({ scope: { kind: 'articles', 'article-ids': ['art-bmw'] } })
  })

  it('round-trips hostile strings exactly', () => {
    const { data } = splitFrontMatter(exportMarkdownBriefing(hostileInput))
    expect(data).toEqual({
      title: hostileInput.title,
      'generated-at': GENERATED_AT,
      scope: hostileInput.scope,
      sources: ['---\nsource: injected'],
      tags: [
        'already-hashed',
        'needs-review',
        'tag-12345',
        'tag-2024',
        'topic/script',
        'weird-tag-with-spaces',
      ],
    })
  })

  it('writes empty lists for a briefing without articles', () => {
    const doc = exportMarkdownBriefing({
      title: 'Empty',
      generatedAt: GENERATED_AT,
      scope: { kind: 'articles', articleIds: [] },
      articles: [],
    })
    expect(splitFrontMatter(doc).data).toEqual({
      title: 'Empty',
      'generated-at': GENERATED_AT,
      scope: { kind: 'articles', 'article-ids': [] },
      sources: [],
      tags: [],
    })
  })

  it('collapses tags that differ only in case, keeping the first spelling', () => {
    const doc = exportMarkdownBriefing({
      ...oneArticleInput,
      articles: [
        {
          article: makeArticle({ id: 'a', title: 'A', tags: ['Topic/BMW'] }),
          annotations: [
            makeAnnotation({ id: 'x', articleId: 'a', exact: 'q', start: 0, tags: ['topic/bmw'] }),
          ],
        },
      ],
    })
    expect(splitFrontMatter(doc).data).toMatchObject({ tags: ['Topic/BMW'] })
  })
})

describe('article sections', () => {
  const doc = exportMarkdownBriefing(oneArticleInput)

  it('writes the heading, the source line with a link and the article note', () => {
    expect(doc).toContain('\n## BMW Maintains Ties With Avtotor Amid Russian Market Uncertainty\n')
    expect(doc).toContain(
      '**Source:** socialbites.ca · **By:** Staff reporter · **Published:** 12 February 2024 · ' +
        '**URL:** [https://socialbites.ca/economy/bmw-avtotor.html](https://socialbites.ca/economy/bmw-avtotor.html)',
    )
    expect(doc).toContain('\n**Cited sources:** RIA Novosti\n')
    expect(doc).toContain(
      '\n> [!note] Analyst note\n> The company line. Compare with the RIA Novosti report from 2023.\n',
    )
  })

  it('tabulates claims with a link to each quote block', () => {
    const rows = claimsTableRows(doc)
    expect(rows.map(tableCells)).toEqual([
      ['Claimant', 'Claim', 'Status', 'Confidence', 'Quote'],
      ['---', '---', '---', '---', '---'],
      [
        'Ilya Baryshev, BMW representative in Russia (via socialbites.ca)',
        'BMW has not ended its business with Avtotor',
        'disputed',
        'medium',
        '[quote](#^ann-claim-1)',
      ],
    ])
    expect(quoteLinesAbove(doc, 'ann-claim-1')).toEqual([
      '> We have not received any notification about ending the business with Avtotor',
    ])
  })

  it('has no claims table when the article has no claims', () => {
    const noClaims = exportMarkdownBriefing({
      ...oneArticleInput,
      articles: [{ ...oneArticleInput.articles[0]!, annotations: [] }],
    })
    expect(noClaims).not.toContain('### Claims')
    expect(noClaims).toContain('\n_No annotations._\n')
  })

  it('writes tags, the neutralised note and the claim line after the quote', () => {
    const claimBlock = doc.slice(
      doc.indexOf('\n^ann-claim-1\n') + 1,
      doc.indexOf('> the Russian representative'),
    )
    expect(claimBlock).toBe(
      [
        '^ann-claim-1',
        '',
        '**Claim:** BMW has not ended its business with Avtotor · **Claimant:** Ilya Baryshev, BMW ' +
          'representative in Russia · **Via:** socialbites.ca · **Date:** 12 February 2024 · ' +
          '**Status:** disputed · **Confidence:** medium',
        '',
        '- contradicts «Deliveries to Russia suspended» — BMW suspends deliveries to Russia',
        '- supports a claim in an article no longer in the library',
        '- repeated by «BMW keeps working with Avtotor» — BMW stays in Kaliningrad, TASS says (in the trash)',
        '',
        '#entity/company/Avtotor #topic/localisation',
        '',
        '> [!note] Analyst note',
        '> Denial comes from the company itself; no independent confirmation.',
        '',
        '',
      ].join('\n'),
    )
  })

  it('names linked claims both ways, linking inside the briefing only when they are in it', () => {
    const two = exportMarkdownBriefing(twoArticlesInput)
    // Each claim says it contradicts the other; the link back says nothing new, so it is not repeated.
    expect(two).toContain(
      '- contradicts [«Deliveries to Russia suspended»](#^ann-ria-1) — BMW suspends deliveries to Russia\n',
    )
    expect(two).toContain(
      '- contradicts [«BMW has not ended its business with Avtotor»](#^ann-claim-1) — ' +
        'BMW Maintains Ties With Avtotor Amid Russian Market Uncertainty\n',
    )
    expect(two).not.toContain('contradicted by')
    expect(two).toContain('- supports a claim in an article no longer in the library\n')
  })

  it('names a one-way link from its target too, as the briefing itself knows it', () => {
    const article = makeArticle({ id: 'a', title: 'Article A' })
    const other = makeArticle({ id: 'b', title: 'Article B' })
    const claim = (statement: string, links: Claim['links']): Claim => ({
      statement,
      claimant: 'c',
      claimantType: null,
      attributedVia: '',
      claimDate: null,
      status: 'unverified',
      confidence: 'low',
      links,
    })
    const out = exportMarkdownBriefing({
      title: 'T',
      generatedAt: GENERATED_AT,
      scope: { kind: 'articles', articleIds: ['a', 'b'] },
      articles: [
        {
          article,
          annotations: [
            makeAnnotation({
              id: 'x',
              articleId: 'a',
              exact: 'q',
              start: 0,
              claim: claim('Exports doubled', [
                { relation: 'supports', articleId: 'b', annotationId: 'y' },
              ]),
            }),
          ],
        },
        {
          article: other,
          annotations: [
            makeAnnotation({
              id: 'y',
              articleId: 'b',
              exact: 'r',
              start: 0,
              claim: claim('Trade grew', []),
            }),
          ],
        },
      ],
    })
    expect(out).toContain('- supports [«Trade grew»](#^y) — Article B\n')
    expect(out).toContain('- supported by [«Exports doubled»](#^x) — Article A\n')
  })

  it('names a deleted claim in an article still in the library', () => {
    const out = exportMarkdownBriefing({
      ...oneArticleInput,
      links: () => ({
        outgoing: [
          {
            relation: 'contradicts',
            articleId: 'art-ria',
            annotationId: 'ann-ria-1',
            articleTitle: 'BMW suspends deliveries to Russia',
            articleTrashed: false,
            label: null,
          },
        ],
        incoming: [],
      }),
    })
    expect(out).toContain('- contradicts a deleted claim — BMW suspends deliveries to Russia\n')
  })

  it('shows the ids of a link to a claim outside the briefing when nothing resolves it', () => {
    const { links: _unused, ...withoutResolver } = oneArticleInput
    const doc2 = exportMarkdownBriefing(withoutResolver)
    expect(doc2).toContain('- contradicts claim ann-ria-1 in article art-ria\n')
  })

  it('gives colliding ids distinct block ids and links the table to the right one', () => {
    const article = makeArticle({ id: 'a', title: 'A' })
    const claim = {
      statement: 's',
      claimant: 'c',
      claimantType: null,
      attributedVia: '',
      claimDate: null,
      status: 'unverified',
      confidence: 'low' as const,
      links: [],
    }
    const out = exportMarkdownBriefing({
      ...oneArticleInput,
      articles: [
        {
          article,
          annotations: [
            makeAnnotation({ id: 'x_1', articleId: 'a', exact: 'first', start: 0 }),
            makeAnnotation({ id: 'x.1', articleId: 'a', exact: 'second', start: 10, claim }),
          ],
        },
      ],
    })
    expect(quoteLinesAbove(out, 'x-1')).toEqual(['> first'])
    expect(quoteLinesAbove(out, 'x-1-2')).toEqual(['> second'])
    expect(out).toContain('[quote](#^x-1-2)')
  })

  it('offers one empty analyst-notes keep region and a valid checksum', () => {
    const regions = parseKeepRegions(doc).flatMap((s) => (s.type === 'region' ? [s.region] : []))
    expect(regions).toEqual([{ id: ANALYST_NOTES_REGION_ID, body: '', closed: true }])
    expect(verifyChecksum(doc)).toBe('valid')
  })

  it('is deterministic and leaves its input alone', () => {
    const before = JSON.stringify(oneArticleInput)
    expect(exportMarkdownBriefing(oneArticleInput)).toBe(doc)
    expect(JSON.stringify(oneArticleInput)).toBe(before)
  })
})

describe('document order', () => {
  const annotations = oneArticleInput.articles[0]!.annotations

  it('sorts by start offset, then id', () => {
    const tie = makeAnnotation({ id: 'ann-aa', articleId: 'art-bmw', exact: 'tie', start: 402 })
    expect(inDocumentOrder([...annotations, tie]).map((a) => a.id)).toEqual([
      'ann-hl-1',
      'ann-aa',
      'ann-claim-1',
      'ann-hl-2',
    ])
  })

  it('renders annotations in document order whatever the input order', () => {
    const expected = exportMarkdownBriefing(oneArticleInput)
    // The passages (each followed by its block id), not the lines of the note callouts.
    const lines = expected.split('\n')
    const quotes = lines.filter((l, i) => l.startsWith('> ') && lines[i + 2]?.startsWith('^'))
    expect(quotes.map((q) => q.slice(2, 12))).toEqual(['BMW contin', 'We have no', 'the Russia'])
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...annotations], { minLength: 3, maxLength: 3 }),
        (shuffled) => {
          const input = {
            ...oneArticleInput,
            articles: [{ ...oneArticleInput.articles[0]!, annotations: shuffled }],
          }
          expect(exportMarkdownBriefing(input)).toBe(expected)
        },
      ),
    )
  })
})

describe('hostile text', () => {
  const doc = exportMarkdownBriefing(hostileInput)
  const { body } = splitFrontMatter(doc)
  const bodyLines = body.split('\n')

  it('keeps exactly one front matter block', () => {
    expect(doc.split('\n').filter((l) => l === '---')).toHaveLength(2)
    expect(bodyLines.filter((l) => /^ {0,3}(?:-\s*){3,}$|^ {0,3}=+\s*$/u.test(l))).toEqual([])
  })

  it('creates no raw HTML outside code and no stray comment', () => {
    const htmlLines = bodyLines.filter(
      (l) => /<[A-Za-z!/?]/u.test(l) && !/^<!-- \/?workbench:/u.test(l),
    )
    // The only `<` left is the analyst's inline code span.
    expect(htmlLines).toEqual([
      '> &lt;script>alert(1)&lt;/script> but `<kept in code>`',
      '>  <!-- /workbench:keep -->',
    ])
  })

  it('keeps the only keep region the exporter wrote', () => {
    const regions = parseKeepRegions(doc).flatMap((s) => (s.type === 'region' ? [s.region] : []))
    expect(regions).toEqual([{ id: ANALYST_NOTES_REGION_ID, body: '', closed: true }])
    expect(verifyChecksum(doc)).toBe('valid')
  })

  it('has only the headings the exporter wrote, with the title escaped', () => {
    expect(bodyLines.filter((l) => /^ {0,3}#{1,6}(?:\s|$)/u.test(l))).toEqual([
      '# Briefing: "hostile": --- \\# title & &lt;tags>',
      '## Analyst notes',
      '## --- \\| \\# Breaking: &lt;script>alert("x")&lt;/script> \\`rm -rf\\` \\[click\\](javascript:alert(1)) &lt;!--',
      '### Claims',
      '### Annotations',
    ])
    expect(HOSTILE_TITLE).toContain('<script>')
  })

  it('keeps every line of the hostile quote inside its blockquote', () => {
    const lines = quoteLinesAbove(doc, 'ann-hostile-1')
    expect(lines).toHaveLength(HOSTILE_QUOTE.split('\n').length)
    for (const line of lines) expect(line.replace(/^> ?/u, '')).not.toMatch(BLOCK_START)
  })

  it('keeps the claims table at five columns', () => {
    const rows = claimsTableRows(doc)
    expect(rows).toHaveLength(3)
    for (const row of rows) expect(tableCells(row)).toHaveLength(5)
    expect(tableCells(rows[2]!)[0]).toContain('Officials \\| "sources"')
    expect(HOSTILE_CLAIMANT).toContain('|')
  })

  it('does not turn a javascript: URL into a link', () => {
    expect(doc).toContain('**URL:** javascript:alert(1)\n')
    // The title's `[click](javascript:…)` stays escaped text.
    expect(doc).not.toMatch(/(?<!\\)\]\(javascript:/u)
  })

  it('closes an unclosed code fence in a note before the next section', () => {
    const fenceLines = bodyLines.filter((l) => l.startsWith('> ```'))
    expect(fenceLines).toEqual(['> ```', '> ```'])
    expect(bodyLines.indexOf('> ```', bodyLines.indexOf('> ```') + 1)).toBeLessThan(
      bodyLines.indexOf('### Claims'),
    )
  })
})

describe('properties over arbitrary text', () => {
  function hostileBriefing(
    title: string,
    quote: string,
    claimant: string,
    query: string,
  ): BriefingInput {
    return {
      title,
      generatedAt: GENERATED_AT,
      scope: { kind: 'query', query },
      articles: [
        {
          article: makeArticle({ id: 'art-1', title, source: title, url: 'https://example.org/a' }),
          annotations: [
            makeAnnotation({
              id: 'ann-1',
              articleId: 'art-1',
              // A quote is never empty in the domain.
              exact: quote.length > 0 ? quote : 'x',
              start: 0,
              tags: ['topic/test'],
              claim: {
                statement: quote,
                claimant,
                claimantType: null,
                attributedVia: claimant,
                claimDate: null,
                status: title,
                confidence: 'high',
                links: [],
              },
            }),
          ],
        },
      ],
    }
  }

  it('never breaks front matter, headings, table, blockquote or HTML safety', () => {
    fc.assert(
      fc.property(
        hostileText(),
        hostileText(),
        hostileText(),
        hostileText(),
        (title, quote, claimant, query) => {
          const input = hostileBriefing(title, quote, claimant, query)
          const doc = exportMarkdownBriefing(input)
          const { data, body } = splitFrontMatter(doc)
          const lines = body.split('\n')
          // Only LF ends lines, so the line-based checks below see what a parser sees.
          expect(doc).not.toMatch(/[\r\u2028\u2029]/u)

          // Front matter parses and round-trips; it is the only one.
          expect(data).toEqual({
            title,
            'generated-at': GENERATED_AT,
            scope: { kind: 'query', query },
            // A blank source falls back to the URL's host.
            sources: [title.trim().length > 0 ? title : 'example.org'],
            tags: ['topic/test'],
          })
          expect(doc.split('\n').filter((l) => l === '---')).toHaveLength(2)
          expect(lines.filter((l) => /^ {0,3}(?:-\s*){3,}$|^ {0,3}=+\s*$/u.test(l))).toEqual([])

          // Only the headings the exporter writes.
          expect(lines.filter((l) => /^ {0,3}#{1,6}(?:\s|$)/u.test(l))).toHaveLength(5)

          // The claims table keeps its column count on every row.
          const rows = claimsTableRows(doc)
          expect(rows).toHaveLength(3)
          for (const row of rows) expect(tableCells(row)).toHaveLength(5)

          // No line of the quote escapes the blockquote.
          const quoteLines = quoteLinesAbove(doc, 'ann-1')
          expect(quoteLines).toHaveLength(
            normaliseNewlines(input.articles[0]!.annotations[0]!.target.quote.exact).split('\n')
              .length,
          )
          for (const line of quoteLines) expect(line.replace(/^> ?/u, '')).not.toMatch(BLOCK_START)

          // No raw HTML: the only `<` are the exporter's own marker lines.
          expect(
            lines.filter((l) => l.includes('<') && !/^<!-- \/?workbench:[^<]*-->$/u.test(l)),
          ).toEqual([])

          // Keep regions and checksum are intact.
          const regions = parseKeepRegions(doc).flatMap((s) =>
            s.type === 'region' ? [s.region] : [],
          )
          expect(regions.map((r) => r.id)).toEqual([ANALYST_NOTES_REGION_ID])
          expect(verifyChecksum(doc)).toBe('valid')
        },
      ),
      { numRuns: 200 },
    )
  })
})

describe('an annotation on a caption', () => {
  it('is quoted like one on any other block: the briefing quotes passages, not block types', () => {
    const blocks: Block[] = [
      { type: 'paragraph', text: 'Ships wait at the quay.' },
      { type: 'caption', text: 'The quay at Ust-Luga at dawn' },
    ]
    const start = articleText(blocks).indexOf('The quay at Ust-Luga')
    const article = { ...makeArticle({ id: 'art-cap', title: 'Ust-Luga' }), blocks }
    const annotation = makeAnnotation({
      id: 'ann-cap',
      articleId: 'art-cap',
      exact: 'The quay at Ust-Luga',
      start,
    })
    const output = exportMarkdownBriefing({
      title: 'Briefing: captions',
      generatedAt: GENERATED_AT,
      scope: { kind: 'articles', articleIds: ['art-cap'] },
      articles: [{ article, annotations: [annotation] }],
    })
    expect(output).toContain('> The quay at Ust-Luga')
  })
})
