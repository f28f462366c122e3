/**
 * schema.org `ClaimReview` export of claims (JSON-LD).
 *
 * Why: `ClaimReview` is how fact checks are published and picked up by search
 * engines and fact-check aggregators, so the claims an analyst has assessed
 * can leave the app in the form other verification tools read. One
 * `ClaimReview` per claim, articles in the order given and claims in
 * document order; highlights are not claims and are left out. The function
 * is pure: the analyst's profile is passed in.
 *
 * Held to Google's documented properties for fact checks
 * (https://developers.google.com/search/docs/appearance/structured-data/factcheck):
 * every review has a `url` (the publishing page plus an anchor per claim),
 * the analyst's profile as `author` (never the software), full ISO 8601
 * dates only, and `datePublished` the day the analyst last changed the
 * claim, not the export day.
 */
import type { Annotation, Claim, ClaimantType } from '../domain/annotation'
import type { ArticleMeta } from '../domain/article'
import type { AnalystProfile } from '../domain/profile'
import { WorkbenchError } from '../ipc/result'
import { nameKey } from '../search/fold'
import { articleSite, inDocumentOrder, type BriefingArticle } from './markdown'

export const SCHEMA_ORG_CONTEXT = 'https://schema.org'

/** The refusal when the profile has no publishing base URL: Google requires every review's `url`. */
export const MISSING_PUBLISH_BASE_URL =
  'Set a publishing base URL in Profile (workbench profile --publish-base-url …) to export ClaimReview: every review needs the address it is published at'

export interface ClaimReviewOptions {
  /**
   * The analyst: the reviews' author, and the page they are published on
   * (`publishBaseUrl`, required: each review's `url` is `<base>#<annotation id>`).
   */
  readonly profile: AnalystProfile
  /**
   * Publish each claim's note as the review's `reviewBody`. Off by default:
   * notes are the analyst's working thoughts, not a published verdict.
   */
  readonly includeNotes?: boolean
}

interface Thing {
  readonly '@type': string
  readonly name: string
  readonly url?: string
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
  readonly url: string
  readonly claimReviewed: string
  /** The day the analyst last changed the claim (full ISO 8601 date). */
  readonly datePublished: string
  /** The publisher of the fact check: the analyst's organisation, or the analyst. */
  readonly author?: Thing
  /** The analyst, when the author is their organisation. */
  readonly contributor?: Thing
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

// What marks an organisation in the name part of a claimant ("BMW press
// service in Russia", "Министерство сельского хозяйства", "ООО «Автотор»"):
// words for organisations in a few languages (English words whole; other
// languages by stem, since their words inflect; German parts of compounds
// anywhere), and, in any language and
// script, an acronym (BMW, МИД, TASS) or a name in quotation marks.
// Anything else is a person.
const ENGLISH_ORGANISATION_WORDS = [
  'press service',
  'press office',
  'ministry',
  'agency',
  'office',
  'government',
  'department',
  'company',
  'corporation',
  'corp',
  'inc',
  'ltd',
  'llc',
  'plc',
  'ag',
  'gmbh',
  'group',
  'news',
  'novosti',
  'committee',
  'council',
  'authority',
  'bank',
  'university',
  'police',
  'army',
  'party',
  'service',
  'embassy',
  'administration',
  'commission',
  'institute',
  'association',
  'union',
  'federation',
  'organi[sz]ation',
  'ministries',
  'agencies',
]
const OTHER_ORGANISATION_STEMS = [
  // Russian / Ukrainian
  'министерств',
  'міністерств',
  'пресс-служб',
  'ведомств',
  'агентств',
  'правительств',
  'уряд',
  'компани',
  'корпораци',
  'банк',
  'университет',
  'полици',
  'партия',
  'партии',
  'посольств',
  'администраци',
  'комисси',
  'институт',
  'ассоциаци',
  'союз',
  'федераци',
  'организаци',
  'служб',
  'комитет',
  'совет',
  'управлени',
  'завод',
  'ооо',
  'оао',
  'зао',
  'пао',
  // German, French, Spanish, Italian, Portuguese
  'ministeri',
  'regierung',
  'behörde',
  'polizei',
  'verband',
  'unternehmen',
  'konzern',
  'ministère',
  'gouvernement',
  'société',
  'agence',
  'entreprise',
  'gobierno',
  'empresa',
  'agencia',
  'policía',
  'governo',
  'azienda',
  'agenzia',
  'polizia',
  'prefeitura',
  'secretar',
]
// German compounds hold the word anywhere (Bundesministerium, Landespolizei).
const GERMAN_ORGANISATION_PARTS = [
  'ministerium',
  'regierung',
  'behörde',
  'polizei',
  'verband',
  'unternehmen',
  'konzern',
  'gesellschaft',
]
const ORGANISATION_MARKS = new RegExp(
  [
    GERMAN_ORGANISATION_PARTS.join('|'),
    `(?<![\\p{L}\\p{N}])(?:${ENGLISH_ORGANISATION_WORDS.join('|')})(?![\\p{L}\\p{N}])`,
    `(?<![\\p{L}\\p{N}])(?:${OTHER_ORGANISATION_STEMS.join('|')})`,
    // A name in quotation marks: ООО «Автотор», „Stadtwerke“.
    `[«»„“”"]`,
  ].join('|'),
  'iu',
)
const ACRONYM = /(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/u

function looksLikeOrganisation(name: string): boolean {
  // The acronym test must see the capitals, so it runs without the `i` flag.
  return ACRONYM.test(name) || ORGANISATION_MARKS.test(name.replace(ACRONYM, ''))
}

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
  return { '@type': looksLikeOrganisation(head) ? 'Organization' : 'Person', name }
}

/**
 * A date as full ISO 8601, or null when it is not one.
 *
 * A day (`2024-03-18`) stays a day; a time with an offset becomes
 * `2016-02-01T01:28:49Z`-style; a time without an offset
 * (`2016-02-01 01:28:49`) keeps only its day, since its instant is unknown;
 * a year or a month (`2024`, `2024-09`) is null: Google asks for ISO 8601
 * dates, and filling in the first day would claim a precision the analyst
 * did not record.
 */
export function fullIsoDate(value: string | null): string | null {
  if (value === null) return null
  const match =
    /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/iu.exec(
      value.trim(),
    )
  if (match === null) return null
  const [, year, month, day, hour, minute, second, fraction, zone] = match
  const date = `${year}-${month}-${day}`
  const checked = new Date(`${date}T00:00:00Z`)
  if (Number.isNaN(checked.getTime()) || checked.toISOString().slice(0, 10) !== date) return null
  if (hour === undefined || zone === undefined) return date
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second ?? 0) > 59) return date
  const offset =
    zone.toUpperCase() === 'Z'
      ? 'Z'
      : zone.includes(':')
        ? zone
        : `${zone.slice(0, 3)}:${zone.slice(3)}`
  return `${date}T${hour}:${minute}:${second ?? '00'}${fraction ?? ''}${offset}`
}

/** The address of a claim's review: the publishing page with the annotation's id as anchor. */
export function claimReviewUrl(publishBaseUrl: string, annotationId: string): string {
  return `${publishBaseUrl}#${encodeURIComponent(annotationId)}`
}

/** The review's author (and, with an organisation, the analyst as contributor). */
function reviewAuthors(profile: AnalystProfile): Pick<ClaimReview, 'author' | 'contributor'> {
  const url = profile.url ? { url: profile.url } : {}
  if (profile.organisation) {
    return {
      author: { '@type': 'Organization', name: profile.organisation, ...url },
      ...(profile.name ? { contributor: { '@type': 'Person', name: profile.name } } : {}),
    }
  }
  if (profile.name) return { author: { '@type': 'Person', name: profile.name, ...url } }
  return {}
}

function isWebUrl(url: string | null): url is string {
  return url !== null && /^https?:\/\/\S+$/iu.test(url.trim())
}

function appearanceOf(article: ArticleMeta): ClaimReview['itemReviewed']['appearance'] {
  const site = articleSite(article)
  const published = fullIsoDate(article.publishedAt)
  return {
    // A piece with an outlet is news; anything else is just a creative work.
    '@type': site === null ? 'CreativeWork' : 'NewsArticle',
    headline: article.title,
    ...(isWebUrl(article.url) ? { url: article.url.trim() } : {}),
    ...(published !== null ? { datePublished: published } : {}),
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
  const claimDate = fullIsoDate(claim.claimDate)
  return {
    '@context': SCHEMA_ORG_CONTEXT,
    '@type': 'ClaimReview',
    url: claimReviewUrl(options.profile.publishBaseUrl, annotation.id),
    claimReviewed: statement.length > 0 ? statement : annotation.target.quote.exact,
    // The closest record of when the analyst reviewed the claim: its last change.
    datePublished: fullIsoDate(annotation.updatedAt.slice(0, 10)) ?? annotation.updatedAt,
    ...reviewAuthors(options.profile),
    reviewRating: ratingForStatus(claim.status),
    itemReviewed: {
      '@type': 'Claim',
      ...(author !== null ? { author } : {}),
      ...(claimDate !== null ? { datePublished: claimDate } : {}),
      appearance: appearanceOf(article),
    },
    ...(options.includeNotes === true && annotation.note.trim().length > 0
      ? { reviewBody: annotation.note.trim() }
      : {}),
  }
}

/**
 * The claims of the given articles as `ClaimReview` objects.
 *
 * Throws `invalid-input` ({@link MISSING_PUBLISH_BASE_URL}) when the profile
 * has no publishing base URL: a review without its `url` is not valid for
 * Google's fact-check tools.
 */
export function buildClaimReviews(
  articles: readonly BriefingArticle[],
  options: ClaimReviewOptions,
): ClaimReview[] {
  if (options.profile.publishBaseUrl.trim().length === 0) {
    throw new WorkbenchError('invalid-input', MISSING_PUBLISH_BASE_URL)
  }
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
