/**
 * Literal briefing inputs for the export tests and golden files.
 *
 * Why: goldens only mean something when their input is fixed, so ids, times
 * and offsets are spelled out here rather than generated.
 */
import type { Annotation, Claim, ClaimLink } from '../../../src/shared/domain/annotation'
import type { ArticleMeta } from '../../../src/shared/domain/article'
import type { BriefingInput, BriefingLinks } from '../../../src/shared/export/markdown'

/** An article with plausible defaults; tests override what they care about. */
export function makeArticle(
  overrides: Partial<ArticleMeta> & { id: string; title: string },
): ArticleMeta {
  return {
    titleDerived: false,
    source: null,
    byline: null,
    publishedAt: null,
    url: null,
    citations: [],
    fileName: null,
    importedAt: '2025-03-01T09:00:00.000Z',
    contentHash: `hash-${overrides.id}`,
    wordCount: 250,
    status: 'done',
    tags: [],
    language: null,
    edited: [],
    trashedAt: null,
    versionCount: 1,
    importWarning: null,
    ...overrides,
  }
}

/** An annotation on `articleId` at `[start, start + exact.length)`. */
export function makeAnnotation(fields: {
  id: string
  articleId: string
  exact: string
  start: number
  tags?: string[]
  note?: string
  claim?: Claim
}): Annotation {
  return {
    id: fields.id,
    articleId: fields.articleId,
    target: {
      contentHash: `hash-${fields.articleId}`,
      quote: { type: 'TextQuoteSelector', exact: fields.exact, prefix: '', suffix: '' },
      position: {
        type: 'TextPositionSelector',
        start: fields.start,
        end: fields.start + fields.exact.length,
      },
    },
    kind: fields.claim === undefined ? 'highlight' : 'claim',
    tags: fields.tags ?? [],
    note: fields.note ?? '',
    claim: fields.claim ?? null,
    createdAt: '2025-03-02T10:00:00.000Z',
    updatedAt: '2025-03-02T10:00:00.000Z',
  }
}

export const GENERATED_AT = '2025-03-04T12:00:00.000Z'

const bmwArticle = makeArticle({
  id: 'art-bmw',
  title: 'BMW Maintains Ties With Avtotor Amid Russian Market Uncertainty',
  source: 'socialbites.ca',
  byline: 'Staff reporter',
  publishedAt: '2024-02-12',
  url: 'https://socialbites.ca/economy/bmw-avtotor.html',
  citations: ['RIA Novosti'],
  tags: ['entity/company/BMW'],
})

const bmwClaim = makeAnnotation({
  id: 'ann-claim-1',
  articleId: 'art-bmw',
  exact: 'We have not received any notification about ending the business with Avtotor',
  start: 402,
  tags: ['entity/company/Avtotor', 'topic/localisation'],
  note: 'Denial comes from the company itself; no independent confirmation.',
  claim: {
    statement: 'BMW has not ended its business with Avtotor',
    claimant: 'Ilya Baryshev, BMW representative in Russia',
    claimantType: null,
    attributedVia: 'socialbites.ca',
    claimDate: '2024-02-12',
    status: 'disputed',
    confidence: 'medium',
    links: [
      { relation: 'contradicts', articleId: 'art-ria', annotationId: 'ann-ria-1' },
      { relation: 'supports', articleId: 'art-gone', annotationId: 'ann-gone' },
    ],
  },
})

const bmwHighlightLate = makeAnnotation({
  id: 'ann-hl-2',
  articleId: 'art-bmw',
  exact:
    'the Russian representative office of the BMW Group managed to arrange the supply of spare parts',
  start: 760,
  tags: ['topic/aftersales'],
})

const bmwHighlightEarly = makeAnnotation({
  id: 'ann-hl-1',
  articleId: 'art-bmw',
  exact: 'BMW continues its cooperation with the Avtotor plant in Kaliningrad',
  start: 100,
  tags: ['entity/company/BMW', 'place/Kaliningrad'],
  note: 'Check against **Avtotor** statements.\n\n- plant output 2023?\n- who owns the site now?',
})

/**
 * What the library knows of the links, as the export service passes it:
 * the RIA claim (outside the one-article briefing), a deleted claim, and a
 * claim in a trashed article that repeats the BMW claim.
 */
export function knownLinks(articleId: string, annotationId: string): BriefingLinks | undefined {
  if (articleId !== 'art-bmw' || annotationId !== 'ann-claim-1') return undefined
  return {
    outgoing: [
      {
        relation: 'contradicts',
        articleId: 'art-ria',
        annotationId: 'ann-ria-1',
        articleTitle: 'BMW suspends deliveries to Russia',
        articleTrashed: false,
        label: 'Deliveries to Russia suspended',
      },
      {
        relation: 'supports',
        articleId: 'art-gone',
        annotationId: 'ann-gone',
        articleTitle: null,
        articleTrashed: false,
        label: null,
      },
    ],
    incoming: [
      {
        relation: 'repeats',
        articleId: 'art-tass',
        annotationId: 'ann-tass-1',
        articleTitle: 'BMW stays in Kaliningrad, TASS says',
        articleTrashed: true,
        label: 'BMW keeps working with Avtotor',
      },
    ],
  }
}

/** (a) One article: two highlights and one claim with links, given out of order. */
export const oneArticleInput: BriefingInput = {
  title: 'Briefing: BMW and Avtotor',
  generatedAt: GENERATED_AT,
  scope: { kind: 'articles', articleIds: ['art-bmw'] },
  articles: [
    {
      article: bmwArticle,
      articleNote: 'The company line. Compare with the RIA Novosti report from 2023.',
      annotations: [bmwHighlightLate, bmwClaim, bmwHighlightEarly],
    },
  ],
  links: knownLinks,
}

const riaArticle = makeArticle({
  id: 'art-ria',
  title: 'BMW suspends deliveries to Russia',
  source: null,
  byline: null,
  publishedAt: '2023-03-03',
  url: 'https://www.ria.example/economy/bmw-suspends',
  tags: ['entity/company/BMW', '2023'],
})

const riaClaim = makeAnnotation({
  id: 'ann-ria-1',
  articleId: 'art-ria',
  exact:
    'deliveries to the Russian market and local vehicle production had been temporarily suspended',
  start: 55,
  tags: ['topic/sanctions'],
  claim: {
    statement: 'Deliveries to Russia suspended',
    claimant: 'BMW press service in Russia',
    claimantType: null,
    attributedVia: 'RIA Novosti',
    claimDate: '2023-03-03',
    status: 'corroborated',
    confidence: 'high',
    links: [{ relation: 'contradicts', articleId: 'art-bmw', annotationId: 'ann-claim-1' }],
  },
})

/** (b) Two articles whose claims link to each other; the second has no source, only a URL. */
export const twoArticlesInput: BriefingInput = {
  title: 'Briefing: 2 articles',
  generatedAt: GENERATED_AT,
  scope: { kind: 'query', query: 'BMW Russia' },
  articles: [
    { article: bmwArticle, annotations: [bmwClaim, bmwHighlightEarly] },
    { article: riaArticle, annotations: [riaClaim] },
  ],
  links: knownLinks,
}

/** Text that breaks naive Markdown: separators, pipes, comments, HTML, fences. */
export const HOSTILE_TITLE =
  '--- | # Breaking: <script>alert("x")</script> `rm -rf` [click](javascript:alert(1)) <!--'

export const HOSTILE_QUOTE = [
  '---',
  '> not a nested quote',
  '| col | col |',
  '# not a heading',
  '<!-- unclosed comment',
  '```js',
  "alert('x') --> [link](http://evil.example) <img src=x onerror=alert(1)>",
  '    indented code?',
  '1. not a list',
  '- not a list either',
].join('\n')

export const HOSTILE_CLAIMANT = 'Officials | "sources" <b>close</b>\nto the ---matter--- #leak'

/** (c) A hostile article: title, quotes, claimant and notes written to break the document. */
export const hostileInput: BriefingInput = {
  title: 'Briefing: "hostile": ---\n# title & <tags>',
  generatedAt: GENERATED_AT,
  scope: { kind: 'query', query: 'tag:"x" --- # > & ! * |' },
  articles: [
    {
      article: makeArticle({
        id: 'art-hostile',
        title: HOSTILE_TITLE,
        source: '---\nsource: injected',
        byline: '*Bold* _byline_ <em>',
        publishedAt: '2024-01-01',
        url: 'javascript:alert(1)',
        citations: ['[citation: Ministry | Office]', '<iframe src=x>'],
        tags: ['2024', 'topic/<script>', 'weird tag: with spaces!'],
      }),
      articleNote: [
        '---',
        'title: injected front matter',
        '---',
        '<!-- workbench:keep -->',
        '# Analyst heading',
        '<script>alert(1)</script> but `<kept in code>`',
        '```',
        '<!-- /workbench:keep -->',
        'unclosed fence',
      ].join('\n'),
      annotations: [
        makeAnnotation({
          id: 'ann:hostile/1',
          articleId: 'art-hostile',
          exact: HOSTILE_QUOTE,
          start: 10,
          tags: ['needs review', '#already-hashed', '12345'],
          note: '---\n<!-- hidden\n> quoted -->\n%% unbalanced comment\n===',
        }),
        makeAnnotation({
          id: 'ann_hostile_2',
          articleId: 'art-hostile',
          exact: '`code` | ^block-ref ==highlight== $x$ ~~strike~~ &amp; \\',
          start: 300,
          claim: {
            statement: 'Statement with | pipe\nand newline',
            claimant: HOSTILE_CLAIMANT,
            claimantType: null,
            attributedVia: '<!-- via -->',
            claimDate: null,
            status: 'un|verified',
            confidence: 'low',
            links: [{ relation: 'same-as', articleId: 'art | x', annotationId: '<b>id</b>' }],
          },
        }),
      ],
    },
  ],
}

/**
 * The templates' link resolver over {@link knownLinks}: a link's target named
 * by its claim and article, as the export service resolves it; null when the
 * library no longer has the claim.
 */
export function knownLinkTarget(link: ClaimLink): { label: string; articleTitle?: string } | null {
  const end = knownLinks('art-bmw', 'ann-claim-1')?.outgoing.find(
    (e) => e.articleId === link.articleId && e.annotationId === link.annotationId,
  )
  if (end === undefined || end.label === null) return null
  return {
    label: end.label,
    ...(end.articleTitle !== null ? { articleTitle: end.articleTitle } : {}),
  }
}
