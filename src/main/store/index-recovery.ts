/**
 * Rebuilding index entries from the files that hold the analyst's work.
 *
 * Why: library.json is derived data. Everything an analyst made lives in the
 * article files (annotations/), and every text in its body file (bodies/),
 * which since body schema 2 also keeps the metadata as imported. When the
 * index is damaged or lost, or an article file exists whose article the index
 * does not name (its entry was quarantined, say), the entries are rebuilt
 * from those files instead of rolling anything back to a snapshot. Metadata
 * of bodies from before schema 2 is taken from the newest snapshot or
 * quarantine record that has it, and as a last resort derived from the text.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import {
  articleText,
  countWords,
  type ArticleVersion,
  type Block,
} from '../../shared/domain/article'
import { deriveTitle } from '../import/title'
import { readArticleFileQuietly, type ArticleFileRead } from './article-file'
import { currentStamp, emptyArticleFile, newIndexEntry } from './derived'
import { readJsonFile } from './durable-file'
import {
  ANNOTATIONS_DIR,
  BACKUPS_DIR,
  BODIES_DIR,
  QUARANTINE_DIR,
  bodyFileSchema,
  importedMetaSchema,
  type ArticleFile,
  type ImportedMeta,
  type IndexEntry,
} from './files'
import { listSnapshotNames } from './snapshots'

/** Where a rebuilt entry's metadata came from, counted for the message. */
export interface RecoveryReport {
  /** Entries rebuilt, in import order. */
  readonly entries: readonly IndexEntry[]
  readonly fromBody: number
  readonly fromSnapshot: number
  readonly fromQuarantine: number
  /** Entries whose metadata was lost: title derived from the text, source and byline unknown. */
  readonly derived: number
  /** Article files kept although their text is missing (shown as damaged). */
  readonly textMissing: number
}

/** The names in annotations/ and bodies/, read once per open and shared by its steps. */
export interface LibraryListing {
  readonly annotations: readonly string[]
  readonly bodies: readonly string[]
}

/** List annotations/ and bodies/ (a missing folder lists as empty). */
export async function listLibrary(dir: string): Promise<LibraryListing> {
  const [annotations, bodies] = await Promise.all(
    [ANNOTATIONS_DIR, BODIES_DIR].map((sub) => readdir(join(dir, sub)).catch(() => [] as string[])),
  )
  return { annotations: annotations ?? [], bodies: bodies ?? [] }
}

interface Candidate {
  readonly id: string
  readonly hash: string | null
}

/**
 * Build entries for articles the index does not name.
 *
 * With `everyBody`, every body file is an article (the index was lost);
 * otherwise only article files whose article is unknown are recovered (a
 * stray body alone may be an import that failed, and stays out).
 */
export async function recoverEntries(
  dir: string,
  known: ReadonlySet<string>,
  options: { readonly everyBody: boolean; readonly listing?: LibraryListing },
): Promise<RecoveryReport> {
  const listing = options.listing ?? (await listLibrary(dir))
  const bodies = bodyHashes(listing.bodies)
  const articleIds = listing.annotations
    .filter((n) => /^art-[\w-]+\.json$/.test(n))
    .map((n) => n.slice(0, -'.json'.length))
  const candidates = new Map<string, Candidate>()
  if (options.everyBody) {
    for (const [id, hash] of bodies) if (!known.has(id)) candidates.set(id, { id, hash })
  }
  for (const id of articleIds) {
    if (!known.has(id) && !candidates.has(id))
      candidates.set(id, { id, hash: bodies.get(id) ?? null })
  }
  const report = { fromBody: 0, fromSnapshot: 0, fromQuarantine: 0, derived: 0, textMissing: 0 }
  if (candidates.size === 0) return { entries: [], ...report }
  const lookup = new MetaLookup(dir)
  const entries: IndexEntry[] = []
  // Read every candidate's article file first: the versions an update added
  // have bodies of their own, which are not articles of their own.
  const reads = new Map<string, ArticleFileRead>()
  const versionHashes = new Set<string>()
  for (const candidate of candidates.values()) {
    const path = join(dir, ANNOTATIONS_DIR, `${candidate.id}.json`)
    const read = await readArticleFileQuietly(path, candidate.id)
    reads.set(candidate.id, read)
    if (read.kind === 'ok') for (const v of read.file.versions) versionHashes.add(v.contentHash)
  }
  for (const candidate of candidates.values()) {
    const path = join(dir, ANNOTATIONS_DIR, `${candidate.id}.json`)
    const read = reads.get(candidate.id)!
    if (read.kind === 'missing' && candidate.hash !== null && versionHashes.has(candidate.hash)) {
      continue
    }
    const file: ArticleFile = read.kind === 'ok' ? read.file : emptyArticleFile(candidate.id)
    const hash =
      candidate.hash ??
      file.annotations.find((a) => candidate.id === `art-${a.target.contentHash.slice(0, 16)}`)
        ?.target.contentHash ??
      null
    const blocks = candidate.hash ? await readBlocks(dir, candidate.hash) : null
    let meta = blocks?.meta ?? null
    if (meta) report.fromBody++
    if (!meta) {
      meta = await lookup.fromQuarantine(candidate.id)
      if (meta) report.fromQuarantine++
    }
    if (!meta) {
      meta = await lookup.fromSnapshots(candidate.id)
      if (meta) report.fromSnapshot++
    }
    if (!meta) {
      report.derived++
      meta = await derivedMeta(dir, candidate.id, hash, blocks?.blocks ?? null)
    }
    if (!candidate.hash) report.textMissing++
    const original: ArticleVersion = {
      contentHash: hash ?? meta.contentHash,
      addedAt: meta.importedAt,
      fileName: meta.fileName,
      title: meta.title,
      titleDerived: meta.titleDerived,
      source: meta.source,
      byline: meta.byline,
      publishedAt: meta.publishedAt,
      url: meta.url,
      language: meta.language ?? null,
      citations: meta.citations,
      wordCount: meta.wordCount,
      warning: meta.warning ?? null,
      ...(meta.extractor !== undefined ? { extractor: meta.extractor } : {}),
    }
    entries.push(
      newIndexEntry(
        candidate.id,
        original,
        file,
        read.kind === 'damaged' ? null : await currentStamp(path),
      ),
    )
  }
  entries.sort((a, b) => a.importedAt.localeCompare(b.importedAt) || a.id.localeCompare(b.id))
  return { entries, ...report }
}

/** Article id -> full content hash, for every body file. */
function bodyHashes(names: readonly string[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const name of names) {
    const match = /^([0-9a-f]{16,})\.json$/.exec(name)
    if (match?.[1]) map.set(`art-${match[1].slice(0, 16)}`, match[1])
  }
  return map
}

async function readBlocks(
  dir: string,
  hash: string,
): Promise<{ blocks: Block[]; meta: ImportedMeta | null } | null> {
  try {
    const parsed = bodyFileSchema.safeParse(
      await readJsonFile(join(dir, BODIES_DIR, `${hash}.json`)),
    )
    if (!parsed.success) return null
    return { blocks: parsed.data.blocks, meta: parsed.data.meta ?? null }
  } catch {
    return null
  }
}

/** Metadata when no record of it survives: a title from the text, the file's time as import time. */
async function derivedMeta(
  dir: string,
  id: string,
  hash: string | null,
  blocks: readonly Block[] | null,
): Promise<ImportedMeta> {
  const text = blocks ? articleText(blocks) : ''
  const bodyTime = hash
    ? await stat(join(dir, BODIES_DIR, `${hash}.json`)).then(
        (s) => s.mtime.toISOString(),
        () => null,
      )
    : null
  return {
    id,
    title: text ? deriveTitle(text) : `Article ${id} (text missing)`,
    titleDerived: true,
    source: null,
    byline: null,
    publishedAt: null,
    url: null,
    citations: [],
    fileName: null,
    importedAt: bodyTime ?? new Date(0).toISOString(),
    contentHash: hash ?? `missing-${id}`,
    wordCount: countWords(text),
  }
}

/** Finds an article's metadata in quarantine records and snapshot indexes, reading each file once. */
class MetaLookup {
  private quarantine: Map<string, ImportedMeta> | null = null
  private snapshots: Map<string, ImportedMeta> | null = null

  constructor(private readonly dir: string) {}

  async fromQuarantine(id: string): Promise<ImportedMeta | null> {
    if (!this.quarantine) {
      this.quarantine = new Map()
      const folder = join(this.dir, QUARANTINE_DIR)
      for (const name of await readdir(folder).catch(() => [] as string[])) {
        if (!name.includes('library.json-articles')) continue
        const record = await readFile(join(folder, name), 'utf8')
          .then((t) => (JSON.parse(t) as { record?: unknown }).record)
          .catch(() => null)
        const meta = metaOf(record)
        if (meta && !this.quarantine.has(meta.id)) this.quarantine.set(meta.id, meta)
      }
    }
    return this.quarantine.get(id) ?? null
  }

  async fromSnapshots(id: string): Promise<ImportedMeta | null> {
    if (!this.snapshots) {
      this.snapshots = new Map()
      for (const name of await listSnapshotNames(this.dir)) {
        const index = await readJsonFile(join(this.dir, BACKUPS_DIR, name, 'library.json')).catch(
          () => null,
        )
        const articles = (index as { articles?: unknown } | null)?.articles
        if (!Array.isArray(articles)) continue
        for (const record of articles) {
          const meta = metaOf(record)
          if (meta && !this.snapshots.has(meta.id)) this.snapshots.set(meta.id, meta)
        }
      }
    }
    return this.snapshots.get(id) ?? null
  }
}

/** The imported metadata of a stored index entry of any version, or null if it has none. */
function metaOf(record: unknown): ImportedMeta | null {
  if (typeof record !== 'object' || record === null) return null
  const candidate = { titleDerived: false, citations: [], ...(record as Record<string, unknown>) }
  const keys = Object.keys(importedMetaSchema.shape) as (keyof ImportedMeta)[]
  const picked: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  for (const key of keys) picked[key] = (candidate as Record<string, unknown>)[key]
  const parsed = importedMetaSchema.safeParse({ ...picked })
  return parsed.success ? parsed.data : null
}
