/**
 * Importing, listing and opening articles.
 *
 * Why here and not in the importer: the importer turns bytes into an
 * article and knows nothing of the library; this module gives the article
 * its identity (content hash), refuses duplicates, and commits a whole
 * batch at once so that a failed import leaves nothing half-done.
 */
import { createHash } from 'node:crypto'
import {
  articleText,
  countWords,
  type Article,
  type Block,
  type ImportedArticle,
} from '../../shared/domain/article'
import { anchorAll } from '../../shared/anchoring'
import { WorkbenchError } from '../../shared/ipc/result'
import type {
  AnchoredAnnotation,
  ArticleSummary,
  ArticleWithAnnotations,
  ImportOutcome,
  ImportReport,
} from '../../shared/ipc/contract'
import { parseArticleFile, type ImportOptions } from '../import'
import type { IndexEntry } from '../store/files'
import type { LibraryStore } from '../store/library-store'
import { linksOfArticle } from './links'

export interface ImportFile {
  readonly name: string
  readonly data: Uint8Array
}

export interface ImportProgress {
  readonly done: number
  readonly total: number
  readonly name: string
}

export interface ImportDeps {
  readonly store: LibraryStore
  readonly now: () => Date
  readonly options?: ImportOptions
  readonly onProgress?: (progress: ImportProgress) => void
}

/** Content hash of an article's normalised text. */
export function contentHashOf(blocks: readonly Block[]): string {
  return createHash('sha256').update(articleText(blocks), 'utf8').digest('hex')
}

/** Stable article id derived from its content hash. */
export function articleIdOf(contentHash: string): string {
  return `art-${contentHash.slice(0, 16)}`
}

/**
 * Import many files in one batch.
 *
 * Every file gets an outcome. Files that parse are committed together at
 * the end; if that commit fails they are all reported rejected with the
 * reason, and the library is unchanged.
 */
export async function importFiles(
  files: readonly ImportFile[],
  deps: ImportDeps,
): Promise<ImportReport> {
  const outcomes: ImportOutcome[] = []
  const pending: { entry: IndexEntry; blocks: readonly Block[]; outcome: number }[] = []
  const batchHashes = new Map<string, IndexEntry>()
  for (const [i, file] of files.entries()) {
    const parsed = parseArticleFile(file.name, file.data, deps.options)
    if (!parsed.ok) {
      outcomes.push({ status: 'rejected', name: file.name, reason: parsed.reason })
    } else {
      const entry = entryFor(parsed.article, file.name, deps.now())
      const existing =
        deps.store.findByContentHash(entry.contentHash) ?? batchHashes.get(entry.contentHash)
      if (existing) {
        outcomes.push({
          status: 'duplicate',
          name: file.name,
          id: existing.id,
          title: existing.title,
        })
      } else {
        batchHashes.set(entry.contentHash, entry)
        pending.push({ entry, blocks: parsed.article.blocks, outcome: outcomes.length })
        outcomes.push({ status: 'imported', name: file.name, id: entry.id, title: entry.title })
      }
    }
    deps.onProgress?.({ done: i + 1, total: files.length, name: file.name })
  }
  if (pending.length > 0) {
    try {
      await deps.store.addArticles(pending)
    } catch (error) {
      const reason = `not saved: ${(error as Error).message}`
      for (const p of pending) {
        outcomes[p.outcome] = {
          status: 'rejected',
          name: p.entry.fileName ?? p.entry.title,
          reason,
        }
      }
    }
  }
  return { outcomes }
}

function entryFor(article: ImportedArticle, fileName: string | null, now: Date): IndexEntry {
  const contentHash = contentHashOf(article.blocks)
  return {
    id: articleIdOf(contentHash),
    title: article.title,
    titleDerived: article.titleDerived,
    source: article.source,
    byline: article.byline,
    publishedAt: article.publishedAt,
    url: article.url,
    citations: [...article.citations],
    fileName,
    importedAt: now.toISOString(),
    contentHash,
    wordCount: countWords(articleText(article.blocks)),
    status: 'unread',
    tags: [],
    annotationCount: 0,
    claimCount: 0,
    tagCounts: {},
  }
}

/** Every article with its counts, in import order. */
export function listArticles(store: LibraryStore): ArticleSummary[] {
  return store.listArticles().map(({ tagCounts: _tagCounts, ...summary }) => summary)
}

/**
 * Open one article: its text, and its annotations anchored on that text.
 *
 * Annotations come back in document order; orphans (no span) go last so the
 * reader can list them for re-attachment. Claim links come with both ends
 * resolved: the links each claim makes, and the links made to each annotation
 * from anywhere in the library.
 */
export async function getArticle(store: LibraryStore, id: string): Promise<ArticleWithAnnotations> {
  const entry = store.getArticle(id)
  if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
  const [blocks, state] = await Promise.all([store.readBody(entry), store.readArticle(id)])
  const text = articleText(blocks)
  const anchors = anchorAll(
    text,
    entry.contentHash,
    state.annotations.map((a) => a.target),
  )
  const annotations: AnchoredAnnotation[] = state.annotations.map((a, i) => {
    const anchor = anchors[i] ?? { status: 'orphaned' as const, start: null, end: null, score: 0 }
    return { ...a, anchor }
  })
  annotations.sort(
    (a, b) =>
      (a.anchor.start ?? Number.MAX_SAFE_INTEGER) - (b.anchor.start ?? Number.MAX_SAFE_INTEGER) ||
      a.id.localeCompare(b.id),
  )
  const { tagCounts: _t, annotationCount: _a, claimCount: _c, ...meta } = entry
  const article: Article = { ...meta, status: state.status, tags: state.tags, blocks }
  const links = await linksOfArticle(store, id, state.annotations)
  return { article, note: state.note, annotations, links }
}
