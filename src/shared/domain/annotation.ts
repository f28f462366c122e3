/**
 * Annotations, claims and the W3C selectors that point at their passages.
 *
 * Why both selectors: a position is exact and cheap while the text is
 * unchanged; a quote with its context survives edits. Keeping both, plus the
 * hash of the text they were made on, lets re-anchoring tell "unchanged" from
 * "drifted" from "orphaned".
 */
import { z } from 'zod'

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
