/**
 * The one IPC contract: channel -> input schema and output type.
 *
 * Why: main, preload and renderer all derive their view of IPC from this
 * file, so they cannot drift apart. Inputs are checked at runtime in main
 * (the renderer is not trusted to send well-formed data); outputs are typed
 * at compile time because main produces them.
 */
import { z } from 'zod'
import type { Article, ArticleMeta } from '../domain/article'
import type { Annotation } from '../domain/annotation'
import type { AnchorStatus } from '../anchoring/types'
import type { Channel, EventName } from './channels'
import type { Result } from './result'

const id = z.string().min(1).max(200)
const tagName = z.string().min(1).max(200)
const noteText = z.string().max(200_000)

/** Upper bound on one imported file; the importer applies the (smaller) configured limit. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024

const importFile = z.strictObject({
  name: z.string().min(1).max(1000),
  data: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes').refine((d) => d.byteLength <= MAX_IMPORT_BYTES, {
    message: `file is larger than ${MAX_IMPORT_BYTES} bytes`,
  }),
})

const empty = z.strictObject({})

export const EXPORT_FORMATS = ['md'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const channelSchemas = {
  'library:info': empty,
  'library:openSamples': empty,
  'article:list': empty,
  'article:get': z.strictObject({ id }),
  'import:files': z.strictObject({ files: z.array(importFile).min(1).max(1000) }),
  'import:pick': empty,
  'annotation:create': z
    .strictObject({
      articleId: id,
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      kind: z.enum(['highlight', 'claim']),
      tags: z.array(tagName).max(100),
      note: noteText,
    })
    .refine((v) => v.end > v.start, { message: 'end must be after start' }),
  'annotation:update': z.strictObject({
    articleId: id,
    annotationId: id,
    patch: z.strictObject({
      kind: z.enum(['highlight', 'claim']).optional(),
      tags: z.array(tagName).max(100).optional(),
      note: noteText.optional(),
    }),
  }),
  'annotation:delete': z.strictObject({ articleId: id, annotationId: id }),
  'codebook:list': empty,
  'export:preview': z.strictObject({
    articleIds: z.array(id).min(1).max(10_000),
    format: z.enum(EXPORT_FORMATS),
  }),
  'export:save': z.strictObject({
    articleIds: z.array(id).min(1).max(10_000),
    format: z.enum(EXPORT_FORMATS),
    /** Save even though the existing file was edited outside its keep regions. */
    overwrite: z.boolean().optional(),
  }),
} as const satisfies Record<Channel, z.ZodType>

export interface LibraryInfo {
  readonly path: string
  readonly articleCount: number
  /** Why the library is read-only, or null when it can be written. */
  readonly readOnly: string | null
  /** Records moved aside on open because they failed validation. */
  readonly quarantined: { readonly count: number; readonly dir: string } | null
}

export interface ArticleSummary extends ArticleMeta {
  readonly annotationCount: number
  readonly claimCount: number
}

export interface AnnotationAnchor {
  readonly status: AnchorStatus
  /** Span in the current article text; null when orphaned. */
  readonly start: number | null
  readonly end: number | null
  readonly score: number
}

export interface AnchoredAnnotation extends Annotation {
  readonly anchor: AnnotationAnchor
}

export interface ArticleWithAnnotations {
  readonly article: Article
  readonly annotations: readonly AnchoredAnnotation[]
}

export type ImportOutcome =
  | {
      readonly status: 'imported'
      readonly name: string
      readonly id: string
      readonly title: string
    }
  | {
      readonly status: 'duplicate'
      readonly name: string
      readonly id: string
      readonly title: string
    }
  | { readonly status: 'rejected'; readonly name: string; readonly reason: string }

export interface ImportReport {
  readonly outcomes: readonly ImportOutcome[]
}

export interface CodebookTag {
  readonly name: string
  readonly color: string
  readonly annotationCount: number
}

export interface ChannelOutputs {
  'library:info': LibraryInfo
  'library:openSamples': ImportReport
  'article:list': readonly ArticleSummary[]
  'article:get': ArticleWithAnnotations
  'import:files': ImportReport
  'import:pick': ImportReport
  'annotation:create': Annotation
  'annotation:update': Annotation
  'annotation:delete': { readonly annotationId: string }
  'codebook:list': readonly CodebookTag[]
  'export:preview': { readonly text: string }
  'export:save': { readonly path: string }
}

export type MenuCommand = 'import' | 'export' | 'about'

export interface EventPayloads {
  'menu:command': { readonly command: MenuCommand }
  'import:progress': { readonly done: number; readonly total: number; readonly name: string }
}

/** The input a caller passes to a channel (before defaults are applied). */
export type ChannelInput<C extends Channel> = z.input<(typeof channelSchemas)[C]>
/** The input a handler receives (after validation). */
export type ChannelParsedInput<C extends Channel> = z.output<(typeof channelSchemas)[C]>
export type ChannelResult<C extends Channel> = Result<ChannelOutputs[C]>

// Compile-time check that every event named in channels.ts has a payload type and no more.
type AssertSame<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never
export const eventsMatch: AssertSame<keyof EventPayloads, EventName> = true
