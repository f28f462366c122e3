/**
 * Annotations, claims and the W3C selectors that point at their passages.
 *
 * Why both selectors: a position is exact and cheap while the text is
 * unchanged; a quote with its context survives edits. Keeping both, plus the
 * hash of the text they were made on, lets re-anchoring tell "unchanged" from
 * "drifted" from "orphaned".
 */
import { z } from 'zod'
import { composedName, nameKey } from '../search/fold'

export const textQuoteSelectorSchema = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1),
  prefix: z.string(),
  suffix: z.string(),
})
export type TextQuoteSelector = z.infer<typeof textQuoteSelectorSchema>

export const textPositionSelectorSchema = z
  .strictObject({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end > s.start, { message: 'end must be after start' })
export type TextPositionSelector = z.infer<typeof textPositionSelectorSchema>

export const annotationTargetSchema = z.strictObject({
  /** Content hash of the article text the selectors were made on. */
  contentHash: z.string().min(1),
  quote: textQuoteSelectorSchema,
  position: textPositionSelectorSchema,
})
export type AnnotationTarget = z.infer<typeof annotationTargetSchema>

export const ANNOTATION_KINDS = ['highlight', 'claim'] as const
export type AnnotationKind = (typeof ANNOTATION_KINDS)[number]

export const DEFAULT_CLAIM_STATUSES = [
  'unverified',
  'corroborated',
  'disputed',
  'false',
  'opinion',
] as const
/** The longest claim status name the codebook accepts. */
export const MAX_CLAIM_STATUS_LENGTH = 100

/**
 * Tidy a configured list of claim statuses: trim, collapse whitespace, drop
 * empties and case-insensitive duplicates (the first spelling wins).
 *
 * The first status is the one a new claim starts with.
 */
export function normaliseClaimStatuses(statuses: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of statuses) {
    const status = composedName(raw).replace(/\s+/gu, ' ').trim()
    const key = nameKey(status)
    if (status.length === 0 || seen.has(key)) continue
    seen.add(key)
    out.push(status)
  }
  return out
}

/** A claim date: a year, a month or a day, ISO 8601 (`2024`, `2024-03`, `2024-03-18`). */
export const CLAIM_DATE_PATTERN = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/

/** Whether a string is a claim date that exists on the calendar (no 30 February). */
export function isClaimDate(value: string): boolean {
  if (!CLAIM_DATE_PATTERN.test(value)) return false
  const [year, month, day] = value.split('-').map(Number)
  if (day === undefined || month === undefined || year === undefined) return true
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

export const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const
export type Confidence = (typeof CONFIDENCE_LEVELS)[number]

export const CLAIM_RELATIONS = ['supports', 'contradicts', 'same-as', 'repeats'] as const
export type ClaimRelation = (typeof CLAIM_RELATIONS)[number]

export const claimLinkSchema = z.strictObject({
  relation: z.enum(CLAIM_RELATIONS),
  articleId: z.string().min(1),
  annotationId: z.string().min(1),
})
export type ClaimLink = z.infer<typeof claimLinkSchema>

export const claimSchema = z.strictObject({
  statement: z.string(),
  claimant: z.string(),
  attributedVia: z.string(),
  claimDate: z.string().nullable(),
  status: z.string().min(1),
  confidence: z.enum(CONFIDENCE_LEVELS),
  links: z.array(claimLinkSchema),
})
export type Claim = z.infer<typeof claimSchema>

export const annotationSchema = z.strictObject({
  id: z.string().min(1),
  articleId: z.string().min(1),
  target: annotationTargetSchema,
  kind: z.enum(ANNOTATION_KINDS),
  tags: z.array(z.string().min(1)),
  note: z.string(),
  claim: claimSchema.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
})
export type Annotation = z.infer<typeof annotationSchema>

/**
 * How an annotation is named where it is shown away from its passage (link lists, pickers).
 *
 * A claim's statement when it has one, else the quoted passage.
 */
export function annotationLabel(annotation: Annotation): string {
  const statement = annotation.kind === 'claim' ? (annotation.claim?.statement.trim() ?? '') : ''
  return statement.length > 0 ? statement : annotation.target.quote.exact
}

/**
 * The one document order of annotations: by where the passage starts (a
 * passage with no place, an orphan, goes last), then by id in code-unit
 * order, so ties come out the same whatever order they were stored in. The
 * reader, the annotation pane, exports and update reports all sort with it;
 * `startOf` says which start counts (the stored position, or where the
 * passage was found in the current text).
 */
export function sortInDocumentOrder<T extends { readonly id: string }>(
  items: readonly T[],
  startOf: (item: T) => number | null,
): T[] {
  return [...items].sort((a, b) => {
    const sa = startOf(a) ?? Number.MAX_SAFE_INTEGER
    const sb = startOf(b) ?? Number.MAX_SAFE_INTEGER
    if (sa !== sb) return sa - sb
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
  })
}
