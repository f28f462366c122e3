/**
 * schema.org ClaimReview export, held to Google's documented properties.
 */
import { describe, expect, it } from 'vitest'
import type { Claim } from '../../../src/shared/domain/annotation'
import { EMPTY_PROFILE, type AnalystProfile } from '../../../src/shared/domain/profile'
import {
  buildClaimReviews,
  claimantThing,
  claimReviewUrl,
  exportClaimReviews,
  fullIsoDate,
  MISSING_PUBLISH_BASE_URL,
  ratingForStatus,
  type ClaimReview,
} from '../../../src/shared/export/claim-review'
import { WorkbenchError } from '../../../src/shared/ipc/result'
import {
  hostileInput,
  makeAnnotation,
  makeArticle,
  oneArticleInput,
  twoArticlesInput,
} from './briefing-fixtures'
import { expectGolden } from './golden'

const BASE = 'https://desk.example.org/checks/2025-03'
const PROFILE: AnalystProfile = {
  name: 'Dana Petrova',
  organisation: 'Baltic Fact Desk',
  url: 'https://desk.example.org/',
  publishBaseUrl: BASE,
}
const OPTIONS = { profile: PROFILE }

describe('exportClaimReviews golden files', () => {
  it.each([
    ['one-article.claimreview.jsonld', oneArticleInput],
    ['two-articles.claimreview.jsonld', twoArticlesInput],
    ['hostile-article.claimreview.jsonld', hostileInput],
  ] as const)('%s', async (name, input) => {
    await expectGolden(name, exportClaimReviews(input.articles, OPTIONS))
  })
})

function claim(fields: Partial<Claim>): Claim {
  return {
    statement: 'Exports will rise',
    claimant: 'Maria Keller, head of logistics',
    claimantType: null,
    attributedVia: '',
    claimDate: null,
    status: 'unverified',
    confidence: 'medium',
    links: [],
    ...fields,
  }
}

/** One claim on one article, its annotation last changed at `updatedAt`. */
function single(
  fields: Partial<Claim>,
  article: Parameters<typeof makeArticle>[0] = { id: 'a', title: 'A' },
  updatedAt?: string,
) {
  const annotation = makeAnnotation({
    id: 'c 1',
    articleId: article.id,
    exact: 'q',
    start: 0,
    claim: claim(fields),
  })
  return [
    {
      article: makeArticle(article),
      annotations: [updatedAt ? { ...annotation, updatedAt } : annotation],
    },
  ]
}

/**
 * Google's documented properties for fact checks, as of 2025:
 * https://developers.google.com/search/docs/appearance/structured-data/factcheck
 * (section "Structured data type definitions"). Required ones must be on
 * every review; recommended ones on every review whose claim records them.
 */
const GOOGLE_CLAIM_REVIEW = {
  required: ['claimReviewed', 'reviewRating', 'url'],
  recommended: ['author', 'author.name', 'author.url', 'datePublished', 'itemReviewed'],
  claimRecommended: [
    'itemReviewed.author',
    'itemReviewed.author.name',
    'itemReviewed.datePublished',
    'itemReviewed.appearance',
  ],
  ratingRequired: ['reviewRating.alternateName'],
  ratingRecommended: [
    'reviewRating.bestRating',
    'reviewRating.ratingValue',
    'reviewRating.worstRating',
  ],
  /** Properties whose value Google reads as an ISO 8601 date or date-time. */
  dates: ['datePublished', 'itemReviewed.datePublished', 'itemReviewed.appearance.datePublished'],
} as const

function at(value: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, key) => (v as Record<string, unknown> | undefined)?.[key], value)
}

const FULL_ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))?$/

describe("Google's fact-check properties", () => {
  const all: ClaimReview[] = [oneArticleInput, twoArticlesInput, hostileInput].flatMap((input) =>
    buildClaimReviews(input.articles, OPTIONS),
  )

  it.each([
    ...GOOGLE_CLAIM_REVIEW.required,
    ...GOOGLE_CLAIM_REVIEW.recommended,
    ...GOOGLE_CLAIM_REVIEW.ratingRequired,
  ])('every review has %s', (path) => {
    expect(all.length).toBeGreaterThan(0)
    for (const review of all) expect(at(review, path), path).toBeTruthy()
  })

  it.each([...GOOGLE_CLAIM_REVIEW.claimRecommended, ...GOOGLE_CLAIM_REVIEW.ratingRecommended])(
    'a fully recorded claim has %s',
    (path) => {
      const [review] = buildClaimReviews(twoArticlesInput.articles, OPTIONS)
      expect(at(review, path), path).toBeDefined()
    },
  )

  it.each(GOOGLE_CLAIM_REVIEW.dates)('%s is a full ISO 8601 date wherever present', (path) => {
    for (const review of all) {
      const value = at(review, path)
      if (value !== undefined) expect(value).toMatch(FULL_ISO_DATE)
    }
  })

  it.each([oneArticleInput, twoArticlesInput, hostileInput])(
    'gives every review of an export its own url on the publishing page',
    (input) => {
      const urls = buildClaimReviews(input.articles, OPTIONS).map((r) => r.url)
      expect(new Set(urls).size).toBe(urls.length)
      for (const url of urls) expect(url.startsWith(`${BASE}#`)).toBe(true)
      expect(claimReviewUrl(BASE, 'c 1/x')).toBe(`${BASE}#c%201%2Fx`)
    },
  )

  it('refuses to export without a publishing base URL, naming the setting', () => {
    const run = () => buildClaimReviews(twoArticlesInput.articles, { profile: EMPTY_PROFILE })
    expect(run).toThrow(WorkbenchError)
    expect(run).toThrow(MISSING_PUBLISH_BASE_URL)
    expect(MISSING_PUBLISH_BASE_URL).toMatch(
      /publishing base URL in Profile \(workbench profile --publish-base-url/,
    )
    try {
      run()
    } catch (error) {
      expect((error as WorkbenchError).code).toBe('invalid-input')
    }
  })
})

describe('buildClaimReviews', () => {
  it('writes one ClaimReview per claim, in article then document order, skipping highlights', () => {
    const reviews = buildClaimReviews(twoArticlesInput.articles, OPTIONS)
    expect(reviews.map((r) => r.claimReviewed)).toEqual([
      'BMW has not ended its business with Avtotor',
      'Deliveries to Russia suspended',
    ])
    expect(reviews[0]).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: 'BMW has not ended its business with Avtotor',
      // The claim's last change, not the export day (2025-03-04).
      datePublished: '2025-03-02',
      author: {
        '@type': 'Organization',
        name: 'Baltic Fact Desk',
        url: 'https://desk.example.org/',
      },
      contributor: { '@type': 'Person', name: 'Dana Petrova' },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Ilya Baryshev, BMW representative in Russia' },
        datePublished: '2024-02-12',
      },
    })
    expect(reviews[1]!.itemReviewed.author).toEqual({
      '@type': 'Organization',
      name: 'BMW press service in Russia',
    })
  })

  it.each([
    [
      'organisation and name',
      PROFILE,
      { '@type': 'Organization', name: 'Baltic Fact Desk', url: 'https://desk.example.org/' },
      { '@type': 'Person', name: 'Dana Petrova' },
    ],
    [
      'name only',
      { ...PROFILE, organisation: '' },
      { '@type': 'Person', name: 'Dana Petrova', url: 'https://desk.example.org/' },
      undefined,
    ],
    [
      'organisation only, no URL',
      { ...PROFILE, name: '', url: '' },
      { '@type': 'Organization', name: 'Baltic Fact Desk' },
      undefined,
    ],
    ['neither', { ...EMPTY_PROFILE, publishBaseUrl: BASE }, undefined, undefined],
  ] as const)('takes the author from the profile: %s', (_label, profile, author, contributor) => {
    const [review] = buildClaimReviews(single({}), { profile })
    expect(review!.author).toEqual(author)
    expect(review!.contributor).toEqual(contributor)
  })

  it('dates the review by the claim’s last change', () => {
    const [review] = buildClaimReviews(single({}, undefined, '2024-11-30T23:59:00.000Z'), OPTIONS)
    expect(review!.datePublished).toBe('2024-11-30')
  })

  it.each([
    ['2024-03-18', '2024-03-18'],
    ['2016-02-01 01:28:49', '2016-02-01'],
    ['2016-02-01T01:28:49Z', '2016-02-01T01:28:49Z'],
    ['2016-02-01T01:28:49.5+0300', '2016-02-01T01:28:49.5+03:00'],
    ['2016-02-01 01:28+02:00', '2016-02-01T01:28:00+02:00'],
    ['2024-09', null],
    ['2024', null],
    ['2024-02-30', null],
    ['1 February 2016', null],
    [null, null],
  ])('reads %j as the ISO 8601 date %j', (value, expected) => {
    expect(fullIsoDate(value)).toBe(expected)
  })

  it('leaves out a partial claim date and a partial or odd published date', () => {
    const [review] = buildClaimReviews(
      single(
        { claimDate: '2024-09' },
        { id: 'a', title: 'A', publishedAt: '2016-02-01 01:28:49', source: 'Example News' },
      ),
      OPTIONS,
    )
    expect(review!.itemReviewed.datePublished).toBeUndefined()
    expect(review!.itemReviewed.appearance.datePublished).toBe('2016-02-01')
  })

  it.each([
    ['person', 'Person'],
    ['organisation', 'Organization'],
  ] as const)('takes the claimant type the analyst chose (%s)', (claimantType, type) => {
    const [review] = buildClaimReviews(single({ claimant: 'Avtotor Group', claimantType }), OPTIONS)
    expect(review!.itemReviewed.author).toEqual({ '@type': type, name: 'Avtotor Group' })
  })

  it.each([
    ['false', 1, 'False'],
    ['disputed', 2, 'Disputed'],
    ['unverified', 3, 'Unverified'],
    ['opinion', 3, 'Opinion'],
    ['corroborated', 5, 'Corroborated'],
    [' Corroborated ', 5, 'Corroborated'],
  ])('rates status %j as %i (%s)', (status, value, name) => {
    expect(ratingForStatus(status)).toEqual({
      '@type': 'Rating',
      ratingValue: value,
      bestRating: 5,
      worstRating: 1,
      alternateName: name,
    })
  })

  it('names a custom status without placing it on the scale', () => {
    expect(ratingForStatus('needs second source')).toEqual({
      '@type': 'Rating',
      alternateName: 'needs second source',
    })
  })

  it.each([
    ['Maria Keller, the authority’s head of logistics', 'Person'],
    ['Ilya Baryshev', 'Person'],
    ['Ministry of Agriculture', 'Organization'],
    ['BMW press service', 'Organization'],
    ['Avtotor Group', 'Organization'],
    ['Илья Барышев, представитель BMW', 'Person'],
    ['Министерство сельского хозяйства', 'Organization'],
    ['Пресс-служба BMW в России', 'Organization'],
    ['ООО «Автотор»', 'Organization'],
    ['МИД России', 'Organization'],
    ['Bundesministerium für Verkehr', 'Organization'],
    ['Ministère de l’Intérieur', 'Organization'],
    ['Gobierno de España', 'Organization'],
    ['Jean-Luc Martin', 'Person'],
    ['Мария Келлер', 'Person'],
  ])('takes %j for a %s', (name, type) => {
    expect(claimantThing(name)).toEqual({ '@type': type, name })
  })

  it('leaves out what the claim does not record, and falls back to the quote', () => {
    const [review] = buildClaimReviews(
      [
        {
          article: makeArticle({ id: 'a', title: 'Pasted text' }),
          annotations: [
            makeAnnotation({
              id: 'c',
              articleId: 'a',
              exact: 'the quoted passage',
              start: 0,
              note: 'private working note',
              claim: claim({ statement: '  ', claimant: '' }),
            }),
          ],
        },
      ],
      OPTIONS,
    )
    expect(review).toMatchObject({
      claimReviewed: 'the quoted passage',
      url: `${BASE}#c`,
      itemReviewed: {
        '@type': 'Claim',
        appearance: { '@type': 'CreativeWork', headline: 'Pasted text' },
      },
    })
    expect(review!.itemReviewed.author).toBeUndefined()
    expect(review!.itemReviewed.datePublished).toBeUndefined()
    expect(review!.itemReviewed.appearance.url).toBeUndefined()
    expect(review!.reviewBody).toBeUndefined()
  })

  it('publishes notes only when asked', () => {
    const input = [
      {
        article: makeArticle({ id: 'a', title: 'A' }),
        annotations: [
          makeAnnotation({
            id: 'c',
            articleId: 'a',
            exact: 'q',
            start: 0,
            note: ' Checked. ',
            claim: claim({}),
          }),
        ],
      },
    ]
    const [review] = buildClaimReviews(input, { ...OPTIONS, includeNotes: true })
    expect(review!.reviewBody).toBe('Checked.')
  })

  it('keeps only web URLs', () => {
    const [review] = buildClaimReviews(hostileInput.articles, OPTIONS)
    expect(review!.itemReviewed.appearance.url).toBeUndefined()
  })

  it('is an empty array when there are no claims', () => {
    expect(exportClaimReviews([], OPTIONS)).toBe('[]\n')
  })
})
