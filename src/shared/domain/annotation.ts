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
import { claimSchema } from './claim-fields'

export {
  CLAIM_DATE_PATTERN,
  CLAIM_RELATIONS,
  CLAIMANT_TYPES,
  CONFIDENCE_LEVELS,
  MAX_CLAIM_STATUS_LENGTH,
  claimLinkSchema,
  claimSchema,
  isClaimDate,
  newClaim,
  type Claim,
  type ClaimantType,
  type ClaimLink,
  type ClaimRelation,
  type Confidence,
} from './claim-fields'

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
