import { describe, expect, it } from 'vitest'
import { CLAIM_FIELD_NAMES, CLAIM_FIELDS } from '../../../src/shared/domain/claim-fields'
import { buildBriefingModel, humanDate } from '../../../src/shared/export/briefing-model'
import {
  GENERATED_AT,
  knownLinkTarget,
  oneArticleInput,
  twoArticlesInput,
} from './briefing-fixtures'

describe('humanDate', () => {
  it.each([
    ['2015-07-24', '24 July 2015'],
    ['2015-07-04T23:30:00.000Z', '4 July 2015'],
    ['2015-07', 'July 2015'],
    ['2015', '2015'],
    ['2015-13-01', '2015-13-01'],
    ['last Tuesday', 'last Tuesday'],
    ['  ', null],
    [null, null],
  ] as const)('%s → %s', (input, expected) => {
    expect(humanDate(input)).toBe(expected)
  })
})

describe('buildBriefingModel', () => {
  const model = buildBriefingModel({
    title: oneArticleInput.title,
    generatedAt: GENERATED_AT,
    articles: oneArticleInput.articles,
    introduction: '  Why we read these.  ',
    author: { name: 'A. Analyst', organisation: 'Desk' },
    resolveLink: knownLinkTarget,
  })

  it('summarises the briefing', () => {
    expect(model.briefing).toEqual({
      title: oneArticleInput.title,
      introduction: 'Why we read these.',
      generatedAt: GENERATED_AT,
      date: '4 March 2025',
      author: { name: 'A. Analyst', organisation: 'Desk', url: null },
      articleCount: 1,
      annotationCount: 3,
      claimCount: 1,
    })
  })

  it('puts annotations in document order and splits claims from highlights', () => {
    const [article] = model.articles
    expect(article?.annotations.map((a) => a.id)).toEqual(['ann-hl-1', 'ann-claim-1', 'ann-hl-2'])
    expect(article?.claims.map((a) => a.id)).toEqual(['ann-claim-1'])
    expect(article?.highlights.map((a) => a.id)).toEqual(['ann-hl-1', 'ann-hl-2'])
    expect(article?.publishedDate).toBe('12 February 2024')
    expect(article?.site).toBe('socialbites.ca')
  })

  it('derives every claim field from its declaration, unset ones nil', () => {
    const claim = model.claims[0]?.claim
    expect(claim).not.toBeNull()
    expect(claim?.fields.map((f) => f.name)).toEqual(CLAIM_FIELD_NAMES)
    for (const field of claim?.fields ?? []) {
      expect(field.label).toBe(CLAIM_FIELDS[field.name].label)
    }
    expect(claim?.statement).toBe('BMW has not ended its business with Avtotor')
    expect(claim?.claimantType).toBeNull()
    expect(claim?.fields.find((f) => f.name === 'claimantType')?.text).toBeNull()
    expect(claim?.fields.find((f) => f.name === 'attributedVia')?.shortLabel).toBe('Via')
  })

  it('labels links: resolved, else by ids', () => {
    const links = model.claims[0]?.claim?.links ?? []
    expect(links.map((l) => [l.relation, l.label, l.inBriefing])).toEqual([
      ['contradicts', 'Deliveries to Russia suspended', false],
      ['supports', 'article art-gone, annotation ann-gone', false],
    ])
  })

  it('labels a link to a claim in the briefing with its statement and article', () => {
    const two = buildBriefingModel({
      title: 't',
      generatedAt: GENERATED_AT,
      articles: twoArticlesInput.articles,
    })
    const link = two.claims.flatMap((c) => c.claim?.links ?? []).find((l) => l.inBriefing)
    expect(link?.articleTitle).toBe(two.articles.find((a) => a.id === link?.articleId)?.title)
    expect(link?.label.length).toBeGreaterThan(0)
  })

  it('groups annotations by tag, in name order, and lists the untagged', () => {
    expect(model.tags.map((t) => [t.name, t.annotations.map((a) => a.id)])).toEqual([
      ['entity/company/Avtotor', ['ann-claim-1']],
      ['entity/company/BMW', ['ann-hl-1']],
      ['place/Kaliningrad', ['ann-hl-1']],
      ['topic/aftersales', ['ann-hl-2']],
      ['topic/localisation', ['ann-claim-1']],
    ])
    expect(model.untagged).toEqual([])
  })
})
