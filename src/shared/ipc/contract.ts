/**
 * The one IPC contract: channel -> input schema and output type.
 *
 * Why: main, preload and renderer all derive their view of IPC from this
 * file, so they cannot drift apart. Inputs are checked at runtime in main
 * (the renderer is not trusted to send well-formed data); outputs are typed
 * at compile time because main produces them.
 */
import { z } from 'zod'
import {
  ARTICLE_STATUSES,
  type Article,
  type ArticleMeta,
  type ArticleStatus,
} from '../domain/article'
import {
  ANNOTATION_KINDS,
  CLAIM_RELATIONS,
  CONFIDENCE_LEVELS,
  isClaimDate,
  MAX_CLAIM_STATUS_LENGTH,
  type Annotation,
  type AnnotationKind,
  type ClaimRelation,
} from '../domain/annotation'
import type { AnchorStatus } from '../anchoring/types'
import { MAX_QUERY_LENGTH, MAX_SEARCH_LIMIT, type SearchResults } from '../search/types'
import type { Channel, EventName } from './channels'
import type { Result } from './result'

const id = z.string().min(1).max(200)
const tagName = z.string().min(1).max(200)
const noteText = z.string().max(200_000)
const tagList = z.array(tagName).max(100)
const offset = z.number().int().nonnegative()
const annotationRef = z.strictObject({ articleId: id, annotationId: id })
const tagColor = z.string().regex(/^#[0-9a-f]{6}$/i, 'expected a colour like #1f6feb')
const tagDescription = z.string().max(5_000)
const claimStatus = z.string().min(1).max(MAX_CLAIM_STATUS_LENGTH)
const shortText = z.string().max(2_000)

/** Upper bound on one imported file; the importer applies the (smaller) configured limit. */
export const MAX_IMPORT_BYTES = 50 * 1024 * 1024
/** Upper bound on a W3C annotation document to import, in UTF-16 code units. */
export const MAX_W3C_IMPORT_CHARS = 50 * 1024 * 1024

const importFile = z.strictObject({
  name: z.string().min(1).max(1000),
  data: z
    .custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected bytes')
    .refine((d) => d.byteLength <= MAX_IMPORT_BYTES, {
      message: `file is larger than ${MAX_IMPORT_BYTES} bytes`,
    }),
})

const empty = z.strictObject({})

/** The most annotations one `annotation:find` returns. */
export const MAX_FIND_LIMIT = 200

export const EXPORT_FORMATS = ['md', 'csv', 'w3c', 'claimreview'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export const channelSchemas = {
  'library:info': empty,
  'library:openSamples': empty,
  'article:list': empty,
  'article:get': z.strictObject({ id }),
  'article:update': z.strictObject({
    id,
    patch: z.strictObject({
      status: z.enum(ARTICLE_STATUSES).optional(),
      tags: tagList.optional(),
      note: noteText.optional(),
    }),
  }),
  /** Put back the newest readable backup of a damaged article's annotation file. */
  'article:restoreBackup': z.strictObject({ id }),
  'import:files': z.strictObject({ files: z.array(importFile).min(1).max(1000) }),
  'import:pick': empty,
  'annotation:create': z
    .strictObject({
      articleId: id,
      start: z.number().int().nonnegative(),
      end: z.number().int().positive(),
      kind: z.enum(['highlight', 'claim']),
      tags: tagList,
      note: noteText,
    })
    .refine((v) => v.end > v.start, { message: 'end must be after start' }),
  'annotation:update': z.strictObject({
    articleId: id,
    annotationId: id,
    patch: z.strictObject({
      kind: z.enum(['highlight', 'claim']).optional(),
      tags: tagList.optional(),
      note: noteText.optional(),
    }),
  }),
  'annotation:delete': z.strictObject({ articleId: id, annotationId: id }),
  'annotation:reattach': z
    .strictObject({ articleId: id, annotationId: id, start: offset, end: offset })
    .refine((v) => v.end > v.start, { message: 'end must be after start' }),
  'annotation:find': z.strictObject({
    /** Words that must all appear in the quote, claim, claimant, source, tags or note; empty lists the latest. */
    query: z.string().max(500),
    limit: z.number().int().min(1).max(MAX_FIND_LIMIT).optional(),
    kind: z.enum(ANNOTATION_KINDS).optional(),
  }),
  'claim:update': z.strictObject({
    articleId: id,
    annotationId: id,
    patch: z.strictObject({
      statement: z.string().max(10_000).optional(),
      claimant: shortText.optional(),
      attributedVia: shortText.optional(),
      claimDate: z
        .string()
        .refine(isClaimDate, 'expected a date like 2024, 2024-03 or 2024-03-18')
        .nullable()
        .optional(),
      status: claimStatus.optional(),
      confidence: z.enum(CONFIDENCE_LEVELS).optional(),
    }),
  }),
  'claim:link': z.strictObject({
    from: annotationRef,
    to: annotationRef,
    relation: z.enum(CLAIM_RELATIONS),
  }),
  'claim:unlink': z.strictObject({ from: annotationRef, to: annotationRef }),
  'codebook:list': empty,
  'codebook:create': z.strictObject({
    name: tagName,
    color: tagColor.optional(),
    description: tagDescription.optional(),
  }),
  'codebook:update': z.strictObject({
    name: tagName,
    patch: z.strictObject({
      color: tagColor.optional(),
      description: tagDescription.optional(),
      /** Keyboard slot 1-9; null frees it. A slot held by another tag moves to this one. */
      slot: z.number().int().min(1).max(9).nullable().optional(),
    }),
  }),
  'codebook:rename': z.strictObject({ from: tagName, to: tagName }),
  'codebook:merge': z.strictObject({ from: tagName, into: tagName }),
  /** `parent: null` moves the tag to the top level. */
  'codebook:move': z.strictObject({ name: tagName, parent: tagName.nullable() }),
  'codebook:delete': z.strictObject({ name: tagName }),
  'history:undo': empty,
  'history:redo': empty,
  'history:state': empty,
  'settings:get': empty,
  'settings:update': z.strictObject({
    patch: z.strictObject({
      claimStatuses: z.array(claimStatus).min(1).max(50).optional(),
    }),
  }),
  'export:preview': z.strictObject({
    articleIds: z.array(id).min(1).max(10_000),
    format: z.enum(EXPORT_FORMATS),
  }),
  'export:save': z.strictObject({
    articleIds: z.array(id).min(1).max(10_000),
    format: z.enum(EXPORT_FORMATS),
    /** Save even though the existing file was edited outside its keep regions. */
    overwrite: z.boolean().optional(),
    /** CSV only: start the file with a UTF-8 byte order mark, for spreadsheet tools. */
    bom: z.boolean().optional(),
  }),
  /** A W3C Web Annotation JSON-LD document (as exported with format `w3c`). */
  'annotation:importW3c': z.strictObject({ data: z.string().min(1).max(MAX_W3C_IMPORT_CHARS) }),
  /** Full-text search in the query language of `shared/search/query.ts`. */
  'search:query': z.strictObject({
    query: z.string().max(MAX_QUERY_LENGTH),
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
  }),
} as const satisfies Record<Channel, z.ZodType>

export interface LibraryInfo {
  readonly path: string
  readonly articleCount: number
  /** Why the library is read-only, or null when it can be written. */
  readonly readOnly: string | null
  /** Records moved aside on open because they failed validation. */
  readonly quarantined: { readonly count: number; readonly dir: string } | null
  /** What the analyst should know about this session: an index rebuilt, a change completed, a backup skipped. */
  readonly notices: readonly string[]
}

export interface ArticleSummary extends ArticleMeta {
  readonly annotationCount: number
  readonly claimCount: number
  /**
   * What of the article cannot be read, and why, or null. A damaged article
   * is listed and marked, never shown as one without annotations.
   */
  readonly damaged: ArticleSummaryDamage | null
}

/** The damage an article summary carries: which part, and why. */
export interface ArticleSummaryDamage {
  /** `annotations`: its annotation file is damaged (the counts are unknown); `text`: its text is. */
  readonly part: 'annotations' | 'text'
  readonly reason: string
}

/** The newest backup of a damaged article's annotation file that can be read. */
export interface ArticleBackup {
  /** The snapshot's name, e.g. `2026-12-06` or `2026-12-07T14-00`. */
  readonly name: string
  readonly path: string
  readonly annotationCount: number
}

/** Why an article cannot be shown whole, and what can be done. */
export interface ArticleDamage {
  /** `annotations`: its annotation file is damaged (the annotations are not shown); `text`: its text is. */
  readonly part: 'annotations' | 'text'
  readonly reason: string
  /** For a damaged annotation file: the backup `article:restoreBackup` would put back, if any. */
  readonly backup: ArticleBackup | null
}

/** What `article:restoreBackup` did. */
export interface ArticleBackupRestore {
  readonly id: string
  readonly restoredFrom: string
  /** Where the damaged file was moved to; it is never deleted. */
  readonly damagedKeptAs: string
  readonly annotationCount: number
}

/** An article an export left out, and why. */
export interface ExportSkip {
  readonly id: string
  readonly title: string
  readonly reason: string
}

/** An export's text and the articles it could not include. */
export interface ExportPreview {
  readonly text: string
  readonly skipped: readonly ExportSkip[]
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

/** One end of a claim link, as seen from the other end. */
export interface LinkEnd {
  readonly relation: ClaimRelation
  readonly articleId: string
  readonly annotationId: string
  /** Title of the article at this end; null when the article is not in the library. */
  readonly articleTitle: string | null
  /** The claim's statement or the passage's quote; null when the annotation no longer exists. */
  readonly label: string | null
  readonly kind: AnnotationKind | null
}

/** The links of one annotation: those it makes (a claim's own) and those made to it. */
export interface AnnotationLinks {
  /** This claim's links, in the claim's order, "this claim <relation> that one". */
  readonly outgoing: readonly LinkEnd[]
  /** Claims elsewhere that link here, "that claim <relation> this one". */
  readonly incoming: readonly LinkEnd[]
}

export interface ArticleWithAnnotations {
  readonly article: Article
  /** Set when the article's annotation file cannot be read: the annotations below are then not the article's. */
  readonly damage: ArticleDamage | null
  /** The analyst's note on the whole article (Markdown). */
  readonly note: string
  readonly annotations: readonly AnchoredAnnotation[]
  /** Links touching this article's annotations, keyed by annotation id; absent when it has none. */
  readonly links: Readonly<Record<string, AnnotationLinks>>
}

/**
 * The links of one annotation of an opened article, if it has any.
 *
 * An own-property lookup: annotation ids come from colleagues' files too,
 * and an id such as `constructor` must not find Object's.
 */
export function linksOf(
  opened: Pick<ArticleWithAnnotations, 'links'>,
  annotationId: string,
): AnnotationLinks | undefined {
  return Object.hasOwn(opened.links, annotationId) ? opened.links[annotationId] : undefined
}

/** An article's own state: what `article:update` changes. */
export interface ArticleState {
  readonly id: string
  readonly status: ArticleStatus
  readonly tags: readonly string[]
  /** The analyst's note on the whole article (Markdown). */
  readonly note: string
}

/** An annotation found by `annotation:find`, with enough to show it in a picker. */
export interface AnnotationHit {
  readonly articleId: string
  readonly articleTitle: string
  readonly annotationId: string
  readonly kind: AnnotationKind
  readonly quote: string
  /** A claim's statement; null for a highlight. */
  readonly statement: string | null
  readonly claimant: string | null
  readonly status: string | null
  readonly tags: readonly string[]
  /** The start of the note, at most 200 characters. */
  readonly note: string
  readonly updatedAt: string
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
  | {
      /** Already in the library with its text missing or damaged: the text was restored from this file. */
      readonly status: 'repaired'
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
  readonly description: string
  /** Keyboard slot 1-9, or null. */
  readonly slot: number | null
  readonly createdAt: string
  /** Annotations carrying exactly this tag (not its children); derived, never stored. */
  readonly annotationCount: number
  /** Articles using exactly this tag, on an annotation or as an article tag; derived, never stored. */
  readonly articleCount: number
}

/** What a rename, merge, move or delete did: the codebook after it, and the articles it changed. */
export interface TagOperationResult {
  readonly tags: readonly CodebookTag[]
  /** Articles whose annotations or article tags were rewritten; reload them if open. */
  readonly articleIds: readonly string[]
}

/** What an undo or redo did, so the window can say so and reload what changed. */
export interface HistoryStep {
  /** E.g. 'Merge tag "BMW AG" into "BMW"'. */
  readonly label: string
  readonly articleIds: readonly string[]
  /** Whether the codebook (tags or claim statuses) changed. */
  readonly codebook: boolean
}

/** What undo and redo would do next, for menu labels; null when there is nothing. */
export interface HistoryState {
  readonly undo: string | null
  readonly redo: string | null
}

/** What importing a W3C annotation document did. */
export interface W3cImportReport {
  /** Annotations added to the library. */
  readonly imported: number
  /** Annotations whose article is not in the library, or whose passage was not found in it. */
  readonly unmatched: number
  /** Annotations the library already had (same passage and content); skipped. */
  readonly duplicates: number
  /** Items that are not usable annotations (no text selector, bad shape, too large). */
  readonly invalid: number
  /** Articles that gained annotations; reload them if open. */
  readonly articleIds: readonly string[]
}

export interface Settings {
  /** The claim statuses to choose from, in order; a new claim starts with the first. */
  readonly claimStatuses: readonly string[]
}

export interface ChannelOutputs {
  'library:info': LibraryInfo
  'library:openSamples': ImportReport
  'article:list': readonly ArticleSummary[]
  'article:get': ArticleWithAnnotations
  'article:update': ArticleState
  'article:restoreBackup': ArticleBackupRestore
  'import:files': ImportReport
  'import:pick': ImportReport
  'annotation:create': Annotation
  'annotation:update': Annotation
  'annotation:delete': { readonly annotationId: string }
  'annotation:reattach': Annotation
  'annotation:find': readonly AnnotationHit[]
  'claim:update': Annotation
  /** The linking claim, with its links. */
  'claim:link': Annotation
  'claim:unlink': Annotation
  'codebook:list': readonly CodebookTag[]
  'codebook:create': CodebookTag
  'codebook:update': CodebookTag
  'codebook:rename': TagOperationResult
  'codebook:merge': TagOperationResult
  'codebook:move': TagOperationResult
  'codebook:delete': TagOperationResult
  'history:undo': HistoryStep
  'history:redo': HistoryStep
  'history:state': HistoryState
  'settings:get': Settings
  'settings:update': Settings
  'export:preview': ExportPreview
  'export:save': { readonly path: string; readonly skipped: readonly ExportSkip[] }
  'annotation:importW3c': W3cImportReport
  'search:query': SearchResults
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
