/**
 * The shapes of the files in a library folder, their versions and migrations.
 *
 * Why one module: opening a file always goes through the same steps (check
 * the version, migrate an older one, refuse a newer one, validate record by
 * record), so the rules for every file kind live side by side here and
 * `docs/storage.md` can point at one place.
 */
import { z } from 'zod'
import {
  articleMetaSchema,
  articleVersionSchema,
  blockSchema,
  metaEditsSchema,
  ARTICLE_STATUSES,
  type ArticleVersion,
  type MetaEdits,
} from '../../shared/domain/article'
import { annotationSchema, DEFAULT_CLAIM_STATUSES } from '../../shared/domain/annotation'

export const INDEX_FILE = 'library.json'
export const CODEBOOK_FILE = 'codebook.json'
export const ANNOTATIONS_DIR = 'annotations'
export const BODIES_DIR = 'bodies'
export const BACKUPS_DIR = 'backups'
export const QUARANTINE_DIR = 'quarantine'
/** The analyst's briefing templates, `<name>.liquid` (see `services/templates.ts`). */
export const TEMPLATES_DIR = 'templates'
/** The extension of a template file. */
export const TEMPLATE_EXTENSION = '.liquid'
export const LOCK_FILE = '.workbench.lock'

export const JOURNAL_FILE = '.workbench.journal.json'
export const OPEN_MARKER_FILE = '.workbench.open'
/**
 * The search index: derived data (SQLite, with its `-wal` and `-shm` files),
 * rebuilt from the article files whenever missing, stale or damaged; never
 * backed up or restored.
 */
export const SEARCH_INDEX_FILE = 'search-index.sqlite'

export const CURRENT_VERSION = {
  index: 4,
  codebook: 2,
  article: 3,
  body: 2,
} as const

export type FileKind = keyof typeof CURRENT_VERSION

/**
 * Annotation count per tag name in one article, as `[name, count]` pairs.
 *
 * Pairs, not an object keyed by tag name: a tag is user text, and a tag named
 * `constructor` or `__proto__` must be an ordinary tag (see docs/storage.md).
 */
export const tagCountsSchema = z.array(z.tuple([z.string().min(1), z.number().int().positive()]))
export type TagCounts = z.infer<typeof tagCountsSchema>

/**
 * An index entry: the article's metadata as shown (the current version's
 * extracted values with the analyst's corrections applied) plus a cache of
 * derived per-article figures. Only `id`, `importedAt` and `original` are the
 * entry's own; everything else is derived from the article file and `original`
 * (see `derivedEntry`), so a lost index loses nothing.
 */
export const indexEntrySchema = articleMetaSchema.extend({
  /** The version the article was imported as: its body's hash and the metadata extracted then. */
  original: articleVersionSchema,
  /** Every version's content hash, oldest first (the last is `contentHash`). */
  versionHashes: z.array(z.string().min(1)).min(1),
  annotationCount: z.number().int().nonnegative(),
  claimCount: z.number().int().nonnegative(),
  /** So the codebook can count, and tag operations find articles, without opening every file. */
  tagCounts: tagCountsSchema,
  /**
   * The size and modification time of the article file the figures above were
   * derived from (`none` when it had no file); null when unknown. A mismatch at
   * open means the figures may be stale, and they are derived again.
   */
  derivedStamp: z.string().nullable(),
})
export type IndexEntry = z.infer<typeof indexEntrySchema>

export interface IndexFile {
  schemaVersion: number
  articles: IndexEntry[]
}

export const tagRecordSchema = z.strictObject({
  name: z.string().min(1),
  color: z.string().regex(/^#[0-9a-f]{6}$/i),
  description: z.string(),
  slot: z.number().int().min(1).max(9).nullable(),
  createdAt: z.string(),
})
export type TagRecord = z.infer<typeof tagRecordSchema>

export interface CodebookFile {
  schemaVersion: number
  tags: TagRecord[]
  /** The claim statuses the analyst can choose from, in order; the first is a new claim's status. */
  claimStatuses: string[]
}

export interface ArticleFile {
  schemaVersion: number
  articleId: string
  status: (typeof ARTICLE_STATUSES)[number]
  tags: string[]
  note: string
  annotations: z.infer<typeof annotationSchema>[]
  /** The analyst's corrections of the metadata; a field present overrides the extracted value. */
  meta: MetaEdits
  /** When the analyst moved the article to the trash, or null. */
  trashedAt: string | null
  /** Versions added after the import ("update"), oldest first; the last is the current text. */
  versions: ArticleVersion[]
  /** The analyst confirmed that the current version's text is right despite its "check this import" mark. */
  importChecked?: boolean
}

/**
 * The metadata an article had when it was imported, kept in its body file.
 *
 * Bodies never change, so this is the "as extracted" record, and with the
 * article files it is enough to rebuild the index when library.json is lost.
 */
export const importedMetaSchema = articleMetaSchema
  .omit({
    status: true,
    tags: true,
    edited: true,
    trashedAt: true,
    versionCount: true,
    importWarning: true,
  })
  .extend({
    language: z.string().nullable().optional(),
    warning: z.string().nullable().optional(),
  })
export type ImportedMeta = z.infer<typeof importedMetaSchema>

/** A body file. Version 1 had no `meta`; bodies are never rewritten, so both versions are read. */
export const bodyFileSchema = z.strictObject({
  schemaVersion: z.union([z.literal(1), z.literal(CURRENT_VERSION.body)]),
  contentHash: z.string().min(1),
  blocks: z.array(blockSchema).min(1),
  meta: importedMetaSchema.optional(),
})
export type BodyFile = z.infer<typeof bodyFileSchema>

/** What a file's top level must look like once migrated; records are checked one by one after this. */
const indexShape = z.looseObject({ schemaVersion: z.number(), articles: z.array(z.unknown()) })
const codebookShape = z.looseObject({
  schemaVersion: z.number(),
  tags: z.array(z.unknown()),
  claimStatuses: z.array(z.string().min(1)).min(1),
})
const articleShape = z.looseObject({
  schemaVersion: z.number(),
  articleId: z.string(),
  status: z.enum(ARTICLE_STATUSES),
  tags: z.array(z.string()),
  note: z.string(),
  annotations: z.array(z.unknown()),
  meta: metaEditsSchema,
  trashedAt: z.string().nullable(),
  versions: z.array(articleVersionSchema),
  importChecked: z.boolean().optional(),
})

export const shapes = { index: indexShape, codebook: codebookShape, article: articleShape } as const
export const recordSchemas = {
  index: indexEntrySchema,
  codebook: tagRecordSchema,
  article: annotationSchema,
} as const

type Migration = (data: Record<string, unknown>) => Record<string, unknown>

/**
 * Migrations per file kind, keyed by the version they upgrade *from*.
 *
 * Index v1 (the first slice) stored bare metadata: no derived title flag,
 * no citations, no status or tags and no cached counts. Index v2 kept tag
 * counts in an object keyed by tag name, which a tag named `constructor`
 * corrupted; v3 keeps pairs and a stamp of what the figures were derived
 * from. The migration carries the numeric counts over but leaves the stamp
 * unknown, so every article's figures are derived again on the first open.
 * Index v4 separates the original version's extracted metadata (`original`)
 * from what is shown (corrections and updates applied). Article v2 holds the
 * analyst's metadata corrections, the trash mark and the versions added by
 * updates.
 * Article v3 says whether a claim's claimant is a person or an organisation
 * (`claimantType`, unknown for every older claim).
 * Codebook v1 had no configurable claim statuses; v2 starts from the five
 * default ones.
 */
export const migrations: { readonly [K in FileKind]: Readonly<Record<number, Migration>> } = {
  index: {
    1: (data) => ({
      ...data,
      schemaVersion: 2,
      articles: Array.isArray(data.articles)
        ? data.articles.map((entry: unknown) =>
            isRecord(entry)
              ? {
                  titleDerived: false,
                  citations: [],
                  status: 'unread',
                  tags: [],
                  annotationCount: 0,
                  claimCount: 0,
                  tagCounts: {},
                  ...entry,
                }
              : entry,
          )
        : data.articles,
    }),
    2: (data) => ({
      ...data,
      schemaVersion: 3,
      articles: Array.isArray(data.articles)
        ? data.articles.map((entry: unknown) =>
            isRecord(entry)
              ? { ...entry, tagCounts: countPairs(entry.tagCounts), derivedStamp: null }
              : entry,
          )
        : data.articles,
    }),
    3: (data) => ({
      ...data,
      schemaVersion: 4,
      articles: Array.isArray(data.articles)
        ? data.articles.map((entry: unknown) => (isRecord(entry) ? entryV4(entry) : entry))
        : data.articles,
    }),
  },
  codebook: {
    1: (data) => ({ claimStatuses: [...DEFAULT_CLAIM_STATUSES], ...data, schemaVersion: 2 }),
  },
  article: {
    1: (data) => ({ meta: {}, trashedAt: null, versions: [], ...data, schemaVersion: 2 }),
    2: (data) => ({
      ...data,
      schemaVersion: 3,
      annotations: Array.isArray(data.annotations)
        ? data.annotations.map(withClaimantType)
        : data.annotations,
    }),
  },
  body: {
    1: (data) => ({ ...data, schemaVersion: 2 }),
  },
}

/** An article v2 annotation as v3: its claim, if any, gains an unknown claimant type. */
function withClaimantType(annotation: unknown): unknown {
  if (typeof annotation !== 'object' || annotation === null) return annotation
  const claim = (annotation as Record<string, unknown>).claim
  if (typeof claim !== 'object' || claim === null || 'claimantType' in claim) return annotation
  return { ...annotation, claim: { ...claim, claimantType: null } }
}

/**
 * A v3 entry as v4: its metadata becomes the original version's, nothing is
 * edited, trashed or updated yet; the stamp is left unknown so the figures
 * are derived again from the article file at the first open.
 */
function entryV4(entry: Record<string, unknown>): Record<string, unknown> {
  const language = typeof entry.language === 'string' ? entry.language : null
  return {
    ...entry,
    language,
    edited: [],
    trashedAt: null,
    versionCount: 1,
    importWarning: null,
    versionHashes: [entry.contentHash],
    original: {
      contentHash: entry.contentHash,
      addedAt: entry.importedAt,
      fileName: entry.fileName,
      title: entry.title,
      titleDerived: entry.titleDerived,
      source: entry.source,
      byline: entry.byline,
      publishedAt: entry.publishedAt,
      url: entry.url,
      language,
      citations: entry.citations,
      wordCount: entry.wordCount,
    },
    derivedStamp: null,
  }
}

/** v2 tag counts (an object) as v3 pairs; values that are not counts (a `constructor` tag's) are dropped. */
function countPairs(value: unknown): [string, number][] {
  if (!isRecord(value)) return []
  const pairs: [string, number][] = []
  // JSON.parse makes `__proto__` an own property, so every name is seen here.
  for (const name of Object.keys(value)) {
    const count = value[name]
    if (typeof count === 'number' && Number.isInteger(count) && count > 0) pairs.push([name, count])
  }
  return pairs
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export type VersionCheck =
  | { readonly kind: 'current'; readonly data: Record<string, unknown> }
  | { readonly kind: 'migrated'; readonly data: Record<string, unknown>; readonly from: number }
  | { readonly kind: 'newer'; readonly version: number }
  | { readonly kind: 'invalid'; readonly reason: string }

/** Check a parsed file's version and migrate it to the current one when it is older. */
export function upgradeFile(kind: FileKind, raw: unknown): VersionCheck {
  if (!isRecord(raw)) return { kind: 'invalid', reason: 'the top level is not an object' }
  const version = raw.schemaVersion
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { kind: 'invalid', reason: 'schemaVersion is missing or not a positive integer' }
  }
  const current = CURRENT_VERSION[kind]
  if (version > current) return { kind: 'newer', version }
  let data = raw
  for (let v = version; v < current; v++) {
    const step = migrations[kind][v]
    if (!step) return { kind: 'invalid', reason: `no migration from schema version ${v}` }
    data = step(data)
  }
  return version === current ? { kind: 'current', data } : { kind: 'migrated', data, from: version }
}
