/**
 * The shapes of the files in a library folder, their versions and migrations.
 *
 * Why one module: opening a file always goes through the same steps (check
 * the version, migrate an older one, refuse a newer one, validate record by
 * record), so the rules for every file kind live side by side here and
 * `docs/storage.md` can point at one place.
 */
import { z } from 'zod'
import { articleMetaSchema, blockSchema, ARTICLE_STATUSES } from '../../shared/domain/article'
import { annotationSchema, DEFAULT_CLAIM_STATUSES } from '../../shared/domain/annotation'

export const INDEX_FILE = 'library.json'
export const CODEBOOK_FILE = 'codebook.json'
export const ANNOTATIONS_DIR = 'annotations'
export const BODIES_DIR = 'bodies'
export const BACKUPS_DIR = 'backups'
export const QUARANTINE_DIR = 'quarantine'
export const LOCK_FILE = '.workbench.lock'

export const CURRENT_VERSION = {
  index: 2,
  codebook: 2,
  article: 1,
  body: 1,
} as const

export type FileKind = keyof typeof CURRENT_VERSION

/** An index entry: immutable article metadata plus a cache of derived per-article figures. */
export const indexEntrySchema = articleMetaSchema.extend({
  annotationCount: z.number().int().nonnegative(),
  claimCount: z.number().int().nonnegative(),
  /** Annotation count per tag name in this article, so the codebook can count without opening every file. */
  tagCounts: z.record(z.string(), z.number().int().nonnegative()),
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
}

export const bodyFileSchema = z.strictObject({
  schemaVersion: z.literal(CURRENT_VERSION.body),
  contentHash: z.string().min(1),
  blocks: z.array(blockSchema).min(1),
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
 * no citations, no status or tags and no cached counts. Codebook v1 had no
 * configurable claim statuses; v2 starts from the five default ones.
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
  },
  codebook: {
    1: (data) => ({ claimStatuses: [...DEFAULT_CLAIM_STATUSES], ...data, schemaVersion: 2 }),
  },
  article: {},
  body: {},
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
