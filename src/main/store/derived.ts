/**
 * The index's derived figures: what they are computed from, and how to tell they are stale.
 *
 * Why: the index caches per-article figures (counts, tags, status) so that
 * the list and the codebook need not open every article file, and tag
 * operations find the files they must rewrite. A cache that is wrong is
 * worse than none: a rename that trusted stale counts missed articles. So
 * each entry records a stamp (size and modification time) of the article
 * file it was derived from; at open, any entry whose file no longer matches
 * its stamp is derived again from the file.
 */
import { statSync, type Stats } from 'node:fs'
import { stat } from 'node:fs/promises'
import { EDITABLE_META_KEYS, type ArticleVersion } from '../../shared/domain/article'
import { CURRENT_VERSION, type ArticleFile, type IndexEntry, type TagCounts } from './files'

/** The stamp of an article file that does not exist. */
export const NO_FILE_STAMP = 'none'

/** A stamp for an article file's current state. */
export function stampOf(stats: Pick<Stats, 'size' | 'mtimeMs' | 'ino'> | null): string {
  return stats === null ? NO_FILE_STAMP : `${stats.size}:${stats.mtimeMs}:${stats.ino}`
}

/** The stamp of the file at `path` now. */
export async function currentStamp(path: string): Promise<string> {
  try {
    return stampOf(await stat(path))
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return NO_FILE_STAMP
    throw error
  }
}

/** Files stat'ed per turn of the event loop by `currentStamps`. */
const STAMPS_PER_TURN = 64

/**
 * The stamps of many files at once (null where a file cannot be stat'ed for
 * another reason than not existing).
 *
 * A synchronous `stat` per file, a few hundred per turn of the event loop:
 * for ten thousand files this is several times faster than as many
 * promises, and no turn takes more than a few milliseconds.
 */
export async function currentStamps(paths: readonly string[]): Promise<(string | null)[]> {
  const out: (string | null)[] = []
  for (let i = 0; i < paths.length; i += STAMPS_PER_TURN) {
    if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve))
    for (const path of paths.slice(i, i + STAMPS_PER_TURN)) {
      try {
        const stats = statSync(path, { throwIfNoEntry: false })
        out.push(stats === undefined ? NO_FILE_STAMP : stampOf(stats))
      } catch {
        out.push(null)
      }
    }
  }
  return out
}

/** Annotation count per tag, in first-seen order; a `Map`, so any tag name is just a name. */
export function countTags(file: Pick<ArticleFile, 'annotations'>): TagCounts {
  const counts = new Map<string, number>()
  for (const a of file.annotations) for (const t of a.tags) counts.set(t, (counts.get(t) ?? 0) + 1)
  return [...counts]
}

/**
 * An index entry with everything but its identity derived again from the
 * article's file: the current version (the newest update, else the
 * original), the analyst's metadata corrections over that version's
 * extracted values, the trash mark, status, tags and counts.
 */
export function derivedEntry(
  entry: IndexEntry,
  file: ArticleFile,
  stamp: string | null,
): IndexEntry {
  const version = file.versions.at(-1) ?? entry.original
  const edits = file.meta
  const edited = EDITABLE_META_KEYS.filter((key) => edits[key] !== undefined)
  return {
    ...entry,
    title: edits.title ?? version.title,
    titleDerived: edits.title === undefined ? version.titleDerived : false,
    source: edits.source !== undefined ? edits.source : version.source,
    byline: edits.byline !== undefined ? edits.byline : version.byline,
    publishedAt: edits.publishedAt !== undefined ? edits.publishedAt : version.publishedAt,
    url: edits.url !== undefined ? edits.url : version.url,
    language: edits.language !== undefined ? edits.language : version.language,
    citations: version.citations,
    fileName: version.fileName,
    contentHash: version.contentHash,
    wordCount: version.wordCount,
    edited,
    trashedAt: file.trashedAt,
    versionCount: 1 + file.versions.length,
    importWarning: file.importChecked === true ? null : (version.warning ?? null),
    // Set from the current version every time, so an older version's extractor never lingers.
    extractor: version.extractor,
    versionHashes: [entry.original.contentHash, ...file.versions.map((v) => v.contentHash)],
    status: file.status,
    tags: file.tags,
    annotationCount: file.annotations.length,
    claimCount: file.annotations.filter((a) => a.kind === 'claim').length,
    tagCounts: countTags(file),
    derivedStamp: stamp,
  }
}

/**
 * The index entry of a newly imported (or rebuilt) article: its identity and
 * original version, with everything else derived from `file` (an article
 * without a file yet derives from an empty one).
 */
export function newIndexEntry(
  id: string,
  original: ArticleVersion,
  file: ArticleFile = emptyArticleFile(id),
  stamp: string | null = NO_FILE_STAMP,
): IndexEntry {
  const blank: IndexEntry = {
    id,
    importedAt: original.addedAt,
    original,
    title: original.title,
    titleDerived: original.titleDerived,
    source: null,
    byline: null,
    publishedAt: null,
    url: null,
    language: null,
    citations: [],
    fileName: null,
    contentHash: original.contentHash,
    wordCount: 0,
    status: 'unread',
    tags: [],
    edited: [],
    trashedAt: null,
    versionCount: 1,
    importWarning: null,
    versionHashes: [original.contentHash],
    annotationCount: 0,
    claimCount: 0,
    tagCounts: [],
    derivedStamp: null,
  }
  return derivedEntry(blank, file, stamp)
}

/** The state of an article nobody has touched: what a missing article file means. */
export function emptyArticleFile(articleId: string): ArticleFile {
  return {
    schemaVersion: CURRENT_VERSION.article,
    articleId,
    status: 'unread',
    tags: [],
    note: '',
    annotations: [],
    meta: {},
    trashedAt: null,
    versions: [],
  }
}

/** Whether two entries have the same derived figures (the metadata is compared too). */
export function sameEntry(a: IndexEntry, b: IndexEntry): boolean {
  return JSON.stringify(a) === JSON.stringify(b)
}
