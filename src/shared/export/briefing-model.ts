/**
 * The data a briefing template sees.
 *
 * Why: analysts write their own briefing templates (Liquid, see
 * `template.ts` and docs/templates.md), so the shape a template reads is a
 * promise to them: plain values with stable names, unset values as nil so
 * `{% if %}` works, claim fields derived from their one declaration in
 * `domain/claim-fields.ts` (a field added there appears here, in
 * `claim.fields` too, with no edit), and groupings a template cannot easily
 * build itself (by tag). Built from the same input as the Markdown
 * exporter, and pure: the time and link labels are passed in.
 */
import { sortInDocumentOrder, type Annotation, type ClaimLink } from '../domain/annotation'
import {
  CLAIM_FIELD_NAMES,
  CLAIM_FIELDS,
  claimFieldText,
  type Claim,
  type ClaimFieldName,
} from '../domain/claim-fields'
import { nameKey } from '../search/fold'
import { articleSite, type BriefingArticle, type BriefingParts } from './markdown'

/** Who wrote the briefing, as the template may sign it. */
export interface BriefingAuthor {
  readonly name: string
  readonly organisation?: string
  readonly url?: string
}

/** A claim link's label, and the linked article's title when known. */
export interface ResolvedLink {
  readonly label: string
  readonly articleTitle?: string
}

/** What the model is built from: the exporters' input plus what only a template shows. */
export interface BriefingModelInput {
  readonly title: string
  /** ISO time of the export, passed in so the output is deterministic. */
  readonly generatedAt: string
  readonly introduction?: string
  readonly author?: BriefingAuthor
  /** Articles in the order the briefing shows them. */
  readonly articles: readonly BriefingArticle[]
  /** Label a link whose target is outside the briefing; null → the ids. */
  readonly resolveLink?: (link: ClaimLink) => ResolvedLink | null
  /** The built-in briefing's parts, already Markdown (the built-in template lays them out). */
  readonly markdown?: BriefingParts
}

export interface ClaimLinkModel {
  readonly relation: string
  readonly label: string
  readonly articleTitle: string | null
  readonly articleId: string
  readonly annotationId: string
  /** Whether the linked claim is in this briefing. */
  readonly inBriefing: boolean
}

export interface ClaimFieldModel {
  readonly name: ClaimFieldName
  readonly label: string
  readonly shortLabel: string
  /** The value as text; nil when unset. */
  readonly text: string | null
}

/** A claim: every declared field by name (text, nil when unset), links resolved, and `fields`. */
export type ClaimModel = {
  readonly [K in Exclude<ClaimFieldName, 'links'>]: string | null
} & {
  readonly links: readonly ClaimLinkModel[]
  readonly fields: readonly ClaimFieldModel[]
}

export interface AnnotationModel {
  readonly id: string
  readonly kind: string
  readonly quote: string
  /** The claim's statement when it has one, else the quote. */
  readonly label: string
  readonly tags: readonly string[]
  readonly note: string | null
  readonly createdAt: string
  readonly updatedAt: string
  readonly articleId: string
  readonly articleTitle: string
  readonly claim: ClaimModel | null
}

export interface TagGroupModel {
  readonly name: string
  readonly annotations: readonly AnnotationModel[]
}

export interface ArticleModel {
  readonly id: string
  readonly title: string
  readonly site: string | null
  readonly byline: string | null
  readonly url: string | null
  readonly publishedAt: string | null
  /** `publishedAt` for people: "24 July 2015". */
  readonly publishedDate: string | null
  readonly tags: readonly string[]
  readonly citations: readonly string[]
  readonly note: string | null
  /** In document order. */
  readonly annotations: readonly AnnotationModel[]
  readonly claims: readonly AnnotationModel[]
  readonly highlights: readonly AnnotationModel[]
  /** This article's annotations by tag. */
  readonly tagGroups: readonly TagGroupModel[]
}

export interface BriefingModel {
  readonly briefing: {
    readonly title: string
    readonly introduction: string | null
    readonly generatedAt: string
    /** The day of the export for people: "24 July 2015". */
    readonly date: string
    readonly author: {
      readonly name: string
      readonly organisation: string | null
      readonly url: string | null
    } | null
    readonly articleCount: number
    readonly annotationCount: number
    readonly claimCount: number
  }
  readonly articles: readonly ArticleModel[]
  /** Every claim of the briefing, article by article. */
  readonly claims: readonly AnnotationModel[]
  /** Every annotation by tag, tags in name order; an annotation with two tags is in both. */
  readonly tags: readonly TagGroupModel[]
  /** The annotations without a tag. */
  readonly untagged: readonly AnnotationModel[]
  /** The built-in briefing's parts, already Markdown; null when the export did not make them. */
  readonly markdown: BriefingParts | null
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const

/**
 * A date for people, the same on every machine: '24 July 2015', 'July 2015', '2015'.
 *
 * Reads the date as written at the start of an ISO string (no time zone
 * conversion); anything else comes back as it was, trimmed; null and blank are null.
 */
export function humanDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const trimmed = value.trim()
  if (trimmed.length === 0) return null
  const match = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|T|\s)/u.exec(trimmed)
  if (match === null) return trimmed
  const [, year, month, day] = match
  const monthName = month === undefined ? undefined : MONTHS[Number(month) - 1]
  if (monthName === undefined) return month === undefined ? (year ?? trimmed) : trimmed
  if (day === undefined) return `${monthName} ${year}`
  const dayNumber = Number(day)
  return dayNumber >= 1 && dayNumber <= 31 ? `${dayNumber} ${monthName} ${year}` : trimmed
}

function orNull(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null
  return text.trim().length > 0 ? text : null
}

/** Tag groups in name order (case-insensitively, code units), each annotation once per group. */
function groupByTag(annotations: readonly AnnotationModel[]): TagGroupModel[] {
  const groups = new Map<string, { name: string; annotations: AnnotationModel[] }>()
  for (const annotation of annotations) {
    for (const tag of new Set(annotation.tags)) {
      const key = nameKey(tag)
      const group = groups.get(key) ?? { name: tag, annotations: [] }
      if (!group.annotations.includes(annotation)) group.annotations.push(annotation)
      groups.set(key, group)
    }
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => group)
}

/**
 * Build what a briefing template sees from the exporters' input.
 *
 * Annotations come in document order; a link to a claim in the briefing is
 * labelled with that claim's statement (or quote) and article title, any
 * other through `resolveLink`, else with its ids.
 */
export function buildBriefingModel(input: BriefingModelInput): BriefingModel {
  const known = new Map<string, { annotation: Annotation; articleTitle: string }>()
  for (const entry of input.articles) {
    for (const annotation of entry.annotations) {
      known.set(annotation.id, { annotation, articleTitle: entry.article.title })
    }
  }

  const linkModel = (link: ClaimLink): ClaimLinkModel => {
    const inside = known.get(link.annotationId)
    const resolved = inside === undefined ? (input.resolveLink?.(link) ?? null) : null
    const insideLabel =
      inside === undefined
        ? null
        : (orNull(inside.annotation.claim?.statement.trim()) ??
          inside.annotation.target.quote.exact)
    const label =
      insideLabel ??
      orNull(resolved?.label) ??
      `article ${link.articleId}, annotation ${link.annotationId}`
    return {
      relation: link.relation,
      label,
      articleTitle: inside?.articleTitle ?? orNull(resolved?.articleTitle) ?? null,
      articleId: link.articleId,
      annotationId: link.annotationId,
      inBriefing: inside !== undefined,
    }
  }

  const claimModel = (claim: Claim): ClaimModel => {
    const links = claim.links.map(linkModel)
    const values: Record<string, string | null> = {}
    const fields: ClaimFieldModel[] = []
    for (const name of CLAIM_FIELD_NAMES) {
      const field = CLAIM_FIELDS[name]
      const text =
        name === 'links'
          ? orNull(links.map((l) => `${l.relation}: ${l.label}`).join('; '))
          : orNull(claimFieldText(claim, name).trim())
      if (name !== 'links') values[name] = text
      fields.push({
        name,
        label: field.label,
        shortLabel: field.shortLabel ?? field.label,
        text,
      })
    }
    return { ...values, links, fields } as unknown as ClaimModel
  }

  const articles: ArticleModel[] = input.articles.map((entry) => {
    const { article } = entry
    const annotations = sortInDocumentOrder(entry.annotations, (a) => a.target.position.start).map(
      (a): AnnotationModel => ({
        id: a.id,
        kind: a.kind,
        quote: a.target.quote.exact,
        label:
          a.kind === 'claim'
            ? (orNull(a.claim?.statement.trim()) ?? a.target.quote.exact)
            : a.target.quote.exact,
        tags: [...a.tags],
        note: orNull(a.note.trim()),
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
        articleId: article.id,
        articleTitle: article.title,
        claim: a.kind === 'claim' && a.claim !== null ? claimModel(a.claim) : null,
      }),
    )
    return {
      id: article.id,
      title: article.title,
      site: articleSite(article),
      byline: orNull(article.byline),
      url: orNull(article.url),
      publishedAt: orNull(article.publishedAt),
      publishedDate: humanDate(article.publishedAt),
      tags: [...article.tags],
      citations: [...article.citations],
      note: orNull(entry.articleNote?.trim()),
      annotations,
      claims: annotations.filter((a) => a.claim !== null),
      highlights: annotations.filter((a) => a.claim === null),
      tagGroups: groupByTag(annotations),
    }
  })

  const all = articles.flatMap((a) => a.annotations)
  const claims = articles.flatMap((a) => a.claims)
  const author = input.author
  return {
    briefing: {
      title: input.title,
      introduction: orNull(input.introduction?.trim()),
      generatedAt: input.generatedAt,
      date: humanDate(input.generatedAt) ?? input.generatedAt,
      author:
        author === undefined || author.name.trim().length === 0
          ? null
          : {
              name: author.name.trim(),
              organisation: orNull(author.organisation?.trim()),
              url: orNull(author.url?.trim()),
            },
      articleCount: articles.length,
      annotationCount: all.length,
      claimCount: claims.length,
    },
    articles,
    claims,
    tags: groupByTag(all),
    untagged: all.filter((a) => a.tags.length === 0),
    markdown: input.markdown ?? null,
  }
}
