import { describe, expect, it } from 'vitest'
import type { Claim } from '../../../src/shared/domain/annotation'
import {
  buildClaimReviews,
  claimantThing,
  DEFAULT_REVIEW_AUTHOR,
  exportClaimReviews,
  ratingForStatus,
} from '../../../src/shared/export/claim-review'
import {
  GENERATED_AT,
  hostileInput,
  makeAnnotation,
  makeArticle,
  oneArticleInput,
  twoArticlesInput,
} from './briefing-fixtures'
import { expectGolden } from './golden'

describe('exportClaimReviews golden files', () => {
  it.each([
    ['one-article.claimreview.jsonld', oneArticleInput],
    ['two-articles.claimreview.jsonld', twoArticlesInput],
    ['hostile-article.claimreview.jsonld', hostileInput],
  ] as const)('%s', async (name, input) => {
    await expectGolden(name, exportClaimReviews(input.articles, { generatedAt: GENERATED_AT }))
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

describe('buildClaimReviews', () => {
  it('writes one ClaimReview per claim, in article then document order, skipping highlights', () => {
    const reviews = buildClaimReviews(twoArticlesInput.articles, { generatedAt: GENERATED_AT })
    expect(reviews.map((r) => r.claimReviewed)).toEqual([
      'BMW has not ended its business with Avtotor',
      'Deliveries to Russia suspended',
    ])
    expect(reviews[0]).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      claimReviewed: 'BMW has not ended its business with Avtotor',
      datePublished: '2025-03-04',
      author: { '@type': 'Organization', name: DEFAULT_REVIEW_AUTHOR },
      reviewRating: {
        '@type': 'Rating',
        ratingValue: 2,
        bestRating: 5,
        worstRating: 1,
        alternateName: 'Disputed',
      },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Ilya Baryshev, BMW representative in Russia' },
        datePublished: '2024-02-12',
        appearance: {
          '@type': 'NewsArticle',
          headline: 'BMW Maintains Ties With Avtotor Amid Russian Market Uncertainty',
          url: 'https://socialbites.ca/economy/bmw-avtotor.html',
          datePublished: '2024-02-12',
          publisher: { '@type': 'Organization', name: 'socialbites.ca' },
        },
      },
    })
    expect(reviews[1]!.itemReviewed.author).toEqual({
      '@type': 'Organization',
      name: 'BMW press service in Russia',
    })
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
      { generatedAt: GENERATED_AT, reviewAuthor: 'Desk B' },
    )
    expect(review).toMatchObject({
      claimReviewed: 'the quoted passage',
      author: { name: 'Desk B' },
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
    const [review] = buildClaimReviews(input, { generatedAt: GENERATED_AT, includeNotes: true })
    expect(review!.reviewBody).toBe('Checked.')
  })

  it('keeps only web URLs', () => {
    const [review] = buildClaimReviews(hostileInput.articles, { generatedAt: GENERATED_AT })
    expect(review!.itemReviewed.appearance.url).toBeUndefined()
  })

  it('is an empty array when there are no claims', () => {
    expect(exportClaimReviews([], { generatedAt: GENERATED_AT })).toBe('[]\n')
  })
})
