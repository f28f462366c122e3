/**
 * The one IPC contract: channel -> input schema and output type.
 *
 * Why: main, preload and renderer all derive their view of IPC from this
 * file, so they cannot drift apart. Inputs are checked at runtime in main
 * (the renderer is not trusted to send well-formed data); outputs are typed
 * at compile time because main produces them.
 */
import { z } from 'zod'
import { profilePatchSchema, type AnalystProfile } from '../domain/profile'
import {
  ARTICLE_STATUSES,
  EDITABLE_META_FIELDS,
  EDITABLE_META_KEYS,
  metaFieldProblem,
  type Article,
  type ArticleMeta,
  type ArticleStatus,
  type ArticleVersion,
  type Block,
  type EditableMetaField,
} from '../domain/article'
import {
  ANNOTATION_KINDS,
  CLAIM_RELATIONS,
  MAX_CLAIM_STATUS_LENGTH,
  type Annotation,
  type AnnotationKind,
  type ClaimRelation,
} from '../domain/annotation'
import type { AnchorStatus } from '../anchoring/types'
import { claimPatchSchema } from '../domain/claim-fields'
import { EXTRACTOR_NAMES, type ExtractorName } from '../import/extractors'
import {
  MAX_HITS_LIMIT,
  MAX_QUERY_LENGTH,
  MAX_SEARCH_LIMIT,
  type SearchHitsPage,
  type SearchResults,
} from '../search/types'
import type { TemplateError } from '../export/template'
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

/** Upper bound on a text pasted as an article's new version, in UTF-16 code units. */
export const MAX_PASTED_TEXT_CHARS = 200_000

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

/**
 * `article:edit`'s patch, derived from the one table of editable fields: a
 * string sets the field (trimmed), null clears a field that may be empty.
 */
const metaPatch = z
  .strictObject(
    Object.fromEntries(
      EDITABLE_META_FIELDS.map((f) => [
        f.key,
        (f.nullable
          ? z.string().max(f.maxLength).nullable()
          : z.string().max(f.maxLength)
        ).optional(),
      ]),
    ) as unknown as Record<EditableMetaField, z.ZodOptional<z.ZodType<string | null>>>,
  )
  .superRefine((patch, ctx) => {
    for (const key of EDITABLE_META_KEYS) {
      const value = patch[key]
      if (value === undefined) continue
      const problem = metaFieldProblem(key, value === null ? null : value.trim())
      if (problem) ctx.addIssue({ code: 'custom', path: [key], message: problem })
    }
  })

/** `article:edit`'s patch: a value per field to change; null clears a field that may be empty. */
export type MetaPatch = { readonly [K in EditableMetaField]?: string | null }

/** What to do with an imported file that looks like a new version of an article already here. */
export const IMPORT_MATCH_CHOICES = ['update', 'separate', 'skip'] as const
export type ImportMatchChoice = (typeof IMPORT_MATCH_CHOICES)[number]

/** The most annotations one `annotation:find` returns. */
export const MAX_FIND_LIMIT = 200

export const EXPORT_FORMATS = ['md', 'csv', 'w3c', 'claimreview'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** How a Markdown briefing groups its annotations: by article (the default), tag or claim status. */
export const BRIEFING_GROUPINGS = ['article', 'tag', 'status'] as const
export type BriefingGrouping = (typeof BRIEFING_GROUPINGS)[number]

/** The longest briefing title and introduction the analyst may write. */
export const MAX_BRIEFING_TITLE_LENGTH = 300
export const MAX_BRIEFING_INTRODUCTION_LENGTH = 50_000

/**
 * What the analyst chooses for a Markdown briefing; other formats ignore it.
 * Each option left out takes the exporter's default (see `BriefingInput`).
 */
const briefingOptions = z.strictObject({
  /** The briefing's title; blank or absent: the article's title, or "Briefing: N articles". */
  title: z.string().max(MAX_BRIEFING_TITLE_LENGTH).optional(),
  /** Markdown shown under the title, neutralised like a note. */
  introduction: z.string().max(MAX_BRIEFING_INTRODUCTION_LENGTH).optional(),
  /** Leave out articles without annotations (they are named in one line instead). */
  skipEmpty: z.boolean().optional(),
  groupBy: z.enum(BRIEFING_GROUPINGS).optional(),
  /** Obsidian `^id` block ids and `#^id` links; false: HTML anchors that GitHub and most viewers follow. */
  obsidianBlockIds: z.boolean().optional(),
})
export type BriefingOptions = z.output<typeof briefingOptions>

/** The articles an export names, in order. */
const exportIds = z.array(id).min(1).max(10_000)
/** A search whose every matching article an export covers. */
const exportQuery = z.string().trim().min(1).max(MAX_QUERY_LENGTH)

/** An export covers either the articles named or those matching a query: exactly one of the two. */
function exportScope<T extends z.ZodType<{ articleIds?: unknown; query?: unknown }>>(schema: T): T {
  return schema.refine((v) => (v.articleIds === undefined) !== (v.query === undefined), {
    message: 'expected either articleIds or query, not both',
  }) as unknown as T
}

/** The longest briefing template, in characters (also the renderer's parse limit). */
export const MAX_TEMPLATE_SOURCE_CHARS = 200_000
/** A template's name, or the built-in template's id; the service checks the spelling. */
const templateName = z.string().min(1).max(200)
const templateSource = z.string().max(MAX_TEMPLATE_SOURCE_CHARS)

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
      /** The analyst looked at a "check this import" article and its text is right: the mark goes. */
      importChecked: z.boolean().optional(),
    }),
  }),
  /** Put back the newest readable backup of a damaged article's annotation file. */
  'article:restoreBackup': z.strictObject({ id }),
  /** Correct metadata (`patch`), or put back extracted values (`restore` names the fields). Undoable. */
  'article:edit': z
    .strictObject({
      id,
      patch: metaPatch.optional(),
      restore: z.array(z.enum(EDITABLE_META_KEYS)).max(EDITABLE_META_KEYS.length).optional(),
    })
    .refine((v) => v.patch !== undefined || v.restore !== undefined, {
      message: 'expected a patch or fields to restore',
    }),
  /** Move articles to the trash. Undoable; restorable from the trash until it is emptied. */
  'article:trash': z.strictObject({ ids: z.array(id).min(1).max(10_000) }),
  /** Make a file the article's new version; every annotation is carried across. Undoable. */
  'article:replaceText': z.strictObject({ id, file: importFile }),
  /**
   * Read the article's page again with `extractor` and make the text its new
   * version (undoable). Main asks for the saved page (a cancelled dialog
   * answers `cancelled`): the window never names a path for main to read.
   */
  'article:reextract': z.strictObject({ id, extractor: z.enum(EXTRACTOR_NAMES) }),
  /** Make a pasted text the article's new version; every annotation is carried across. Undoable. */
  'article:pasteText': z.strictObject({ id, text: z.string().min(1).max(MAX_PASTED_TEXT_CHARS) }),
  /** One version's text, and which of its blocks differ from the current version. */
  'article:version': z.strictObject({ id, contentHash: z.string().min(1).max(200) }),
  'trash:list': empty,
  'trash:restore': z.strictObject({ ids: z.array(id).min(1).max(10_000) }),
  /** Remove articles in the trash for good (all of it when `ids` is absent). Not undoable. */
  'trash:empty': z.strictObject({ ids: z.array(id).min(1).max(10_000).optional() }),
  'import:files': z.strictObject({
    files: z.array(importFile).min(1).max(1000),
    /**
     * A file that looks like a new version of an article here (same URL, or
     * same title and source): `ask` (the default) holds it back with outcome
     * `matches`; `update` makes it the article's new version; `separate`
     * imports it as an article of its own.
     */
    onMatch: z.enum(['ask', 'update', 'separate']).optional(),
  }),
  'import:pick': empty,
  /** Stop the imports under way: files already read are kept, the rest reported `cancelled`. */
  'import:cancel': empty,
  /** Decide about a file held back as `matches`. */
  'import:resolve': z.strictObject({
    pendingId: id,
    choice: z.enum(IMPORT_MATCH_CHOICES),
  }),
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
    /** Words that must each begin a word of the quote, claim, claimant, source, tags or note, folded as search folds; empty lists the latest. */
    query: z.string().max(500),
    limit: z.number().int().min(1).max(MAX_FIND_LIMIT).optional(),
    kind: z.enum(ANNOTATION_KINDS).optional(),
  }),
  'claim:update': z.strictObject({
    articleId: id,
    annotationId: id,
    /** Any claim fields; each is checked by its declaration in `domain/claim-fields.ts`. */
    patch: claimPatchSchema,
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
      /** The analyst's profile (kept per app, not per library); each field checked, '' clears it. */
      profile: profilePatchSchema.optional(),
    }),
  }),
  /** The text an export would save: of the articles named, or of every article matching `query`. */
  'export:preview': exportScope(
    z.strictObject({
      articleIds: exportIds.optional(),
      query: exportQuery.optional(),
      format: z.enum(EXPORT_FORMATS),
      /** Markdown only: title, introduction, grouping and the like. */
      briefing: briefingOptions.optional(),
      /** Markdown only: render this stored template (a `template:list` name) instead of the built-in briefing. */
      template: templateName.optional(),
    }),
  ),
  'export:save': exportScope(
    z.strictObject({
      articleIds: exportIds.optional(),
      query: exportQuery.optional(),
      format: z.enum(EXPORT_FORMATS),
      /** Save even though the existing file was edited outside its keep regions. */
      overwrite: z.boolean().optional(),
      /** CSV only: start the file with a UTF-8 byte order mark, for spreadsheet tools. */
      bom: z.boolean().optional(),
      /** Markdown only: title, introduction, grouping and the like. */
      briefing: briefingOptions.optional(),
      /** CSV only: written for Excel and LibreOffice (a BOM, and coercible values kept as text). */
      spreadsheet: z.boolean().optional(),
      /** Markdown only: render this stored template (a `template:list` name) instead of the built-in briefing. */
      template: templateName.optional(),
    }),
  ),
  /** The built-in template first, then the library's templates by name. */
  'template:list': empty,
  'template:get': z.strictObject({ name: templateName }),
  /** Save a template as `<library>/templates/<name>.liquid`; an existing one only with `overwrite`. */
  'template:save': z.strictObject({
    name: templateName,
    source: templateSource,
    overwrite: z.boolean().optional(),
  }),
  'template:delete': z.strictObject({ name: templateName }),
  /** Render a template source over the articles named or matching `query`; a template error is a value. */
  'template:preview': exportScope(
    z.strictObject({
      source: templateSource,
      articleIds: exportIds.optional(),
      query: exportQuery.optional(),
    }),
  ),
  /** A W3C Web Annotation JSON-LD document (as exported with format `w3c`). */
  'annotation:importW3c': z.strictObject({ data: z.string().min(1).max(MAX_W3C_IMPORT_CHARS) }),
  /** Full-text search in the query language of `shared/search/query.ts`. */
  'search:query': z.strictObject({
    query: z.string().max(MAX_QUERY_LENGTH),
    /** The rank of the first article group wanted (0, the best, by default). */
    offset: z.number().int().min(0).optional(),
    /** The page size: how many article groups from `offset`. */
    limit: z.number().int().min(1).max(MAX_SEARCH_LIMIT).optional(),
  }),
  /** One page of one article's hits for a query, for a group's "and N more". */
  'search:hits': z.strictObject({
    query: z.string().max(MAX_QUERY_LENGTH),
    articleId: id,
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(MAX_HITS_LIMIT).optional(),
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
  /** How many articles the text covers (for a query: every match, less those in `skipped`). */
  readonly articleCount: number
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
  /** Whether the article at this end is in the trash. */
  readonly articleTrashed: boolean
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
      /** Why the extracted text needs a look ("check this import"), when it does. */
      readonly warning?: string
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
  | {
      /** The article's new version: its annotations were carried across. */
      readonly status: 'updated'
      readonly name: string
      readonly id: string
      readonly title: string
      readonly update: UpdateReport
    }
  | {
      /**
       * Looks like a new version of an article already here (same URL, or same
       * title and source): held back until `import:resolve` says what to do.
       */
      readonly status: 'matches'
      readonly name: string
      readonly pendingId: string
      readonly id: string
      readonly title: string
      readonly annotationCount: number
      /** `url` or `title and source`. */
      readonly matchedBy: string
    }
  | { readonly status: 'rejected'; readonly name: string; readonly reason: string }
  | {
      /** Not imported: the analyst cancelled the import before this file was read. */
      readonly status: 'cancelled'
      readonly name: string
    }

/** What happened to an article's annotations when its text was replaced by a new version. */
export interface UpdateReport {
  readonly id: string
  /** Versions kept, this one included. */
  readonly versionCount: number
  /** Found with their own words unchanged. */
  readonly anchored: number
  /** Found, but their wording changed: kept with the old wording, to review. */
  readonly drifted: number
  /** Not found in the new text: kept with their notes, tags and claims, to re-attach or delete. */
  readonly orphaned: number
  /** The annotations to review (drifted, then orphaned), in document order. */
  readonly review: readonly string[]
}

/** What reading an article's page again with an extractor did. */
export interface ReextractReport {
  /** The extractor that read the page. */
  readonly extractor: ExtractorName
  /** The new version's report; null when the extractor found the current text again. */
  readonly update: UpdateReport | null
}

/** One version of an article's text, as `article:version` shows it. */
export interface ArticleVersionView {
  readonly id: string
  readonly version: ArticleVersion
  /** 1 for the import, counting up. */
  readonly number: number
  readonly current: boolean
  readonly blocks: readonly Block[]
  /** Indexes of this version's blocks that are not in the current version, unchanged. */
  readonly changed: readonly number[]
  /** Blocks of the current version that this version does not have. */
  readonly added: number
  /** Every version, oldest first, for a picker. */
  readonly versions: readonly ArticleVersion[]
}

/** What moving articles to the trash did. */
export interface TrashOutcome {
  readonly ids: readonly string[]
  /** Links from claims in other articles to the trashed articles' annotations: kept, shown as links to a trashed article. */
  readonly linksToTrashed: number
}

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

/**
 * What became of one annotation of an imported W3C document.
 *
 * - `placed`: its passage is in the article as written; stored with selectors for this text.
 * - `drifted`: the passage is there in other words; stored with its own quote, so the
 *   reader marks it drifted and offers the new wording.
 * - `orphaned`: the article is known but the passage is not in it (removed or rewritten);
 *   kept on it with its quote, note, tags and claim, for re-attachment.
 * - `refused`: no article in the library could be told to be its article; not stored.
 * - `duplicate`: the article already has it; skipped.
 * - `invalid`: not an annotation this app can use (its passage given only by
 *   markup selectors, a reply, a bad shape, too large); not stored, counted in `invalid`.
 *
 * A page note (no passage: a note on the whole page) found its article is
 * `placed`: its note is added to the article's note.
 */
export type W3cImportOutcome =
  'placed' | 'drifted' | 'orphaned' | 'refused' | 'duplicate' | 'invalid'

export interface W3cImportItem {
  /**
   * Where the annotation is in the document's list of annotations, from 0;
   * an annotation with several targets has one entry per target, all with its index.
   */
  readonly index: number
  readonly outcome: W3cImportOutcome
  /** The article it was stored on (or already on); null when refused. */
  readonly articleId: string | null
  readonly articleTitle: string | null
  /** The start of the annotation's quote as the document gives it ('' when it has none). */
  readonly quote: string
  /** How its article was told and what was found, in words for the analyst. */
  readonly reason: string
}

/** What importing a W3C annotation document did. */
export interface W3cImportReport {
  /** Passages in the document (one per target of an annotation): every outcome below plus `invalid`. */
  readonly total: number
  /** Annotations added to the library: placed + drifted + orphaned. */
  readonly imported: number
  readonly placed: number
  readonly drifted: number
  readonly orphaned: number
  readonly refused: number
  /** Annotations the library already had (same passage and content); skipped. */
  readonly duplicates: number
  /**
   * Items (or targets of them) that are not usable annotations (passage given only by
   * markup selectors, a reply, bad shape, too large); each is in `items` as `invalid`, with why.
   */
  readonly invalid: number
  /**
   * One entry per annotation (per target), the ones that need a look first
   * (invalid and refused, orphaned, drifted, duplicate, then placed), each
   * group in document order, each with why;
   * at most {@link MAX_W3C_IMPORT_ITEMS}.
   */
  readonly items: readonly W3cImportItem[]
  /** Entries left out of `items` to keep the report small. */
  readonly itemsLeftOff: number
  /** Articles that gained annotations; reload them if open. */
  readonly articleIds: readonly string[]
}

/** The most entries a W3C import report lists. */
export const MAX_W3C_IMPORT_ITEMS = 200

export interface Settings {
  /** The claim statuses to choose from, in order; a new claim starts with the first. */
  readonly claimStatuses: readonly string[]
  /** The analyst's profile: the author and publishing address of exports. */
  readonly profile: AnalystProfile
}

/** A template in `template:list`. */
export interface TemplateSummary {
  /** What `template:get` and `export:*`'s `template` take: the file's name, or the built-in id. */
  readonly name: string
  readonly label: string
  /** The built-in template: read-only. */
  readonly builtIn: boolean
  /** When the file was last saved; null for the built-in one. */
  readonly updatedAt: string | null
}

export interface TemplateFile extends TemplateSummary {
  readonly source: string
}

/** A template preview: the text, or where the template went wrong (never both). */
export interface TemplatePreview {
  readonly text: string | null
  readonly error: TemplateError | null
  readonly articleCount: number
  readonly skipped: readonly ExportSkip[]
}

export interface ChannelOutputs {
  'library:info': LibraryInfo
  'library:openSamples': ImportReport
  'article:list': readonly ArticleSummary[]
  'article:get': ArticleWithAnnotations
  'article:update': ArticleState
  'article:restoreBackup': ArticleBackupRestore
  'article:edit': ArticleSummary
  'article:trash': TrashOutcome
  'article:replaceText': UpdateReport
  'article:reextract': ReextractReport
  'article:pasteText': UpdateReport
  'article:version': ArticleVersionView
  'trash:list': readonly ArticleSummary[]
  'trash:restore': { readonly ids: readonly string[] }
  'trash:empty': { readonly removed: readonly string[] }
  'import:files': ImportReport
  'import:pick': ImportReport
  'import:resolve': ImportOutcome
  'import:cancel': { readonly cancelled: number }
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
  'export:save': {
    readonly path: string
    readonly articleCount: number
    readonly skipped: readonly ExportSkip[]
  }
  'template:list': readonly TemplateSummary[]
  'template:get': TemplateFile
  'template:save': TemplateSummary
  'template:delete': { readonly name: string }
  'template:preview': TemplatePreview
  'annotation:importW3c': W3cImportReport
  'search:query': SearchResults
  'search:hits': SearchHitsPage
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
