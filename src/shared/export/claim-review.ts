/**
 * schema.org `ClaimReview` export of claims (JSON-LD).
 *
 * Why: `ClaimReview` is how fact checks are published and picked up by search
 * engines and fact-check aggregators, so the claims an analyst has assessed
 * can leave the app in the form other verification tools read. One
 * `ClaimReview` per claim, articles in the order given and claims in
 * document order; highlights are not claims and are left out. The function
 * is pure: the review date and author are passed in.
 */
import type { Annotation, Claim, ClaimantType } from '../domain/annotation'
import type { ArticleMeta } from '../domain/article'
import { nameKey } from '../search/fold'
import { articleSite, inDocumentOrder, type BriefingArticle } from './markdown'

export const SCHEMA_ORG_CONTEXT = 'https://schema.org'
export const DEFAULT_REVIEW_AUTHOR = 'Analyst Workbench'

export interface ClaimReviewOptions {
  /** ISO time of the export; its date is the reviews' `datePublished`. */
  readonly generatedAt: string
  /** Who published the reviews; defaults to {@link DEFAULT_REVIEW_AUTHOR}. */
  readonly reviewAuthor?: string
  /**
   * Publish each claim's note as the review's `reviewBody`. Off by default:
   * notes are the analyst's working thoughts, not a published verdict.
   */
  readonly includeNotes?: boolean
}

interface Thing {
  readonly '@type': string
  readonly name: string
}

export interface ClaimReviewRating {
  readonly '@type': 'Rating'
  /** Absent for a status without a place on the scale (a custom status). */
  readonly ratingValue?: number
  readonly bestRating?: 5
  readonly worstRating?: 1
  readonly alternateName: string
}

export interface ClaimReview {
  readonly '@context': typeof SCHEMA_ORG_CONTEXT
  readonly '@type': 'ClaimReview'
  readonly claimReviewed: string
  readonly datePublished: string
  readonly author: Thing
  readonly reviewRating: ClaimReviewRating
  readonly itemReviewed: {
    readonly '@type': 'Claim'
    readonly author?: Thing
    readonly datePublished?: string
    readonly appearance: {
      readonly '@type': 'NewsArticle' | 'CreativeWork'
      readonly headline: string
      readonly url?: string
      readonly datePublished?: string
      readonly publisher?: Thing
    }
  }
  readonly reviewBody?: string
}

/**
 * Where each built-in status sits on the 1 (false) to 5 (true) scale.
 *
 * Opinion is not true or false, so it sits in the middle with unverified; its
 * `alternateName` says which it is.
 */
const STATUS_RATINGS: ReadonlyMap<string, { value: number; name: string }> = new Map([
  ['false', { value: 1, name: 'False' }],
  ['disputed', { value: 2, name: 'Disputed' }],
  ['unverified', { value: 3, name: 'Unverified' }],
  ['opinion', { value: 3, name: 'Opinion' }],
  ['corroborated', { value: 5, name: 'Corroborated' }],
])

/** The rating for a claim status; a custom status is named but not placed on the scale. */
export function ratingForStatus(status: string): ClaimReviewRating {
  // A Map: a configured status may be called `constructor`.
  const known = STATUS_RATINGS.get(nameKey(status.trim()))
  if (known === undefined) return { '@type': 'Rating', alternateName: status }
  return {
    '@type': 'Rating',
    ratingValue: known.value,
    bestRating: 5,
    worstRating: 1,
    alternateName: known.name,
  }
}

// Words that mark an organisation in the name part of a claimant ("BMW press
// service in Russia", "Ministry of Agriculture"); anything else is a person.
const ORGANISATION_WORDS =
  /\b(?:press service|press office|ministry|agency|office|government|department|company|corporation|corp|inc|ltd|llc|plc|ag|gmbh|group|news|novosti|committee|council|authority|bank|university|police|army|party|service|embassy|administration|commission|institute|association|union|federation|organi[sz]ation)\b/iu

/**
 * The claimant as a schema.org Person or Organization.
 *
 * The analyst's choice (`claimantType`) decides; when they have not said,
 * a guess from the name only, the part before the first comma, so a role
 * ("Maria Keller, the authority's head of logistics") does not make a person
 * an organisation.
 */
export function claimantThing(
  claimant: string,
  claimantType: ClaimantType | null = null,
): Thing | null {
  const name = claimant.trim()
  if (name.length === 0) return null
  if (claimantType !== null) {
    return { '@type': claimantType === 'organisation' ? 'Organization' : 'Person', name }
  }
  const head = name.split(',')[0] ?? name
  return { '@type': ORGANISATION_WORDS.test(head) ? 'Organization' : 'Person', name }
}

function isWebUrl(url: string | null): url is string {
  return url !== null && /^https?:\/\/\S+$/iu.test(url.trim())
}

function appearanceOf(article: ArticleMeta): ClaimReview['itemReviewed']['appearance'] {
  const site = articleSite(article)
  return {
    // A piece with an outlet is news; anything else is just a creative work.
    '@type': site === null ? 'CreativeWork' : 'NewsArticle',
    headline: article.title,
    ...(isWebUrl(article.url) ? { url: article.url.trim() } : {}),
    ...(article.publishedAt !== null ? { datePublished: article.publishedAt } : {}),
    ...(site !== null ? { publisher: { '@type': 'Organization', name: site } } : {}),
  }
}

function reviewOf(
  article: ArticleMeta,
  annotation: Annotation,
  claim: Claim,
  options: ClaimReviewOptions,
): ClaimReview {
  const statement = claim.statement.trim()
  const author = claimantThing(claim.claimant, claim.claimantType)
  return {
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'ClaimReview',
    claimReviewed: statement.length > 0 ? statement : annotation.target.quote.exact,
    datePublished: options.generatedAt.slice(0, 10),
    author: { '@type': 'Organization', name: options.reviewAuthor ?? DEFAULT_REVIEW_AUTHOR },
    reviewRating: ratingForStatus(claim.status),
    itemReviewed: {
      '@type': 'Claim',
      ...(author !== null ? { author } : {}),
      ...(claim.claimDate !== null ? { datePublished: claim.claimDate } : {}),
      appearance: appearanceOf(article),
    },
    ...(options.includeNotes === true && annotation.note.trim().length > 0
      ? { reviewBody: annotation.note.trim() }
      : {}),
  }
}

/** The claims of the given articles as `ClaimReview` objects. */
export function buildClaimReviews(
  articles: readonly BriefingArticle[],
  options: ClaimReviewOptions,
): ClaimReview[] {
  const reviews: ClaimReview[] = []
  for (const { article, annotations } of articles) {
    for (const annotation of inDocumentOrder(annotations)) {
      if (annotation.kind !== 'claim' || annotation.claim === null) continue
      reviews.push(reviewOf(article, annotation, annotation.claim, options))
    }
  }
  return reviews
}

/** Render the claims of the given articles as a JSON-LD array of `ClaimReview`. */
export function exportClaimReviews(
  articles: readonly BriefingArticle[],
  options: ClaimReviewOptions,
): string {
  return `${JSON.stringify(buildClaimReviews(articles, options), null, 2)}\n`
}
