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
  type ArticleMeta,
  type ArticleVersion,
  type Block,
  type ImportedArticle,
} from '../../shared/domain/article'
import { anchorAll } from '../../shared/anchoring'
import { sortInDocumentOrder, type Annotation } from '../../shared/domain/annotation'
import { WorkbenchError } from '../../shared/ipc/result'
import type {
  AnchoredAnnotation,
  ArticleDamage,
  ArticleSummary,
  ArticleWithAnnotations,
  ImportOutcome,
  ImportReport,
} from '../../shared/ipc/contract'
import type { ImportOptions } from '../import'
import { CANCELLED_REASON, inProcessParser, type ArticleParser } from '../import/article-parser'
import { newIndexEntry } from '../store/derived'
import type { IndexEntry } from '../store/files'
import type { LibraryStore } from '../store/library-store'
import { withExtractionCheck } from '../import/extraction-check'
import { updateToVersion } from './article-versions'
import { findMatchingArticle, pendingImportsFor } from './import-matches'
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
  /**
   * A file that looks like a new version of an article here: `ask` holds it
   * back (outcome `matches`), `update` makes it that article's new version,
   * `separate` (the default) imports it as an article of its own.
   */
  readonly onMatch?: 'ask' | 'update' | 'separate'
  /** Where files are parsed; this thread when absent (the app passes its import worker). */
  readonly parser?: ArticleParser
  /** Stops the import: files not yet parsed are reported `cancelled`; those parsed are kept. */
  readonly signal?: AbortSignal
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
 * reason, and the library is unchanged. A cancelled import commits what was
 * parsed before the cancel and reports the rest `cancelled`.
 */
export async function importFiles(
  files: readonly ImportFile[],
  deps: ImportDeps,
): Promise<ImportReport> {
  const outcomes: ImportOutcome[] = []
  const pending: { entry: IndexEntry; blocks: readonly Block[]; outcome: number }[] = []
  const batchHashes = new Map<string, IndexEntry>()
  const parser = deps.parser ?? inProcessParser
  const stopParsing = (): void => parser.cancel()
  deps.signal?.addEventListener('abort', stopParsing)
  try {
    for (const [i, file] of files.entries()) {
      if (deps.signal?.aborted) {
        outcomes.push({ status: 'cancelled', name: file.name })
        continue
      }
      await importOne(file, i)
    }
  } finally {
    deps.signal?.removeEventListener('abort', stopParsing)
  }
  async function importOne(file: ImportFile, i: number): Promise<void> {
    const parsed = await parser.parse(file.name, file.data, deps.options)
    if (!parsed.ok && parsed.reason === CANCELLED_REASON) {
      outcomes.push({ status: 'cancelled', name: file.name })
      return
    }
    if (!parsed.ok) {
      outcomes.push({ status: 'rejected', name: file.name, reason: parsed.reason })
    } else {
      const checked = withExtractionCheck(parsed.article, file)
      const entry = entryFor(checked, file.name, deps.now())
      const known =
        deps.store.findByContentHash(entry.contentHash) ?? deps.store.getArticle(entry.id)
      if (known && (await deps.store.bodyHealth(known)) !== 'ok') {
        // The article is in the library but its text is missing or damaged: this file repairs it.
        try {
          await deps.store.repairBody(known.id, entry.contentHash, parsed.article.blocks)
          outcomes.push({ status: 'repaired', name: file.name, id: known.id, title: known.title })
        } catch (error) {
          outcomes.push({
            status: 'rejected',
            name: file.name,
            reason: `not saved: ${(error as Error).message}`,
          })
        }
        deps.onProgress?.({ done: i + 1, total: files.length, name: file.name })
        return
      }
      const existing = known ?? batchHashes.get(entry.contentHash)
      const match =
        existing || (deps.onMatch ?? 'separate') === 'separate'
          ? null
          : findMatchingArticle(deps.store, entry)
      if (match && deps.onMatch === 'ask') {
        outcomes.push(pendingImportsFor(deps.store).hold(file, match))
      } else if (match) {
        try {
          const update = await updateToVersion(
            match.entry,
            entry.original,
            parsed.article.blocks,
            deps,
          )
          outcomes.push({
            status: 'updated',
            name: file.name,
            id: match.entry.id,
            title: deps.store.getArticle(match.entry.id)?.title ?? match.entry.title,
            update,
          })
        } catch (error) {
          outcomes.push({
            status: 'rejected',
            name: file.name,
            reason: `not saved: ${(error as Error).message}`,
          })
        }
      } else if (existing?.trashedAt) {
        // Reported, not restored behind the analyst's back: the trash was their choice.
        outcomes.push({
          status: 'rejected',
          name: file.name,
          reason: `already in the library as "${existing.title}", in the Trash: restore it from there`,
        })
      } else if (existing) {
        outcomes.push({
          status: 'duplicate',
          name: file.name,
          id: existing.id,
          title: existing.title,
        })
      } else {
        batchHashes.set(entry.contentHash, entry)
        pending.push({ entry, blocks: parsed.article.blocks, outcome: outcomes.length })
        outcomes.push({
          status: 'imported',
          name: file.name,
          id: entry.id,
          title: entry.title,
          ...(entry.importWarning !== null ? { warning: entry.importWarning } : {}),
        })
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
  const version = versionOf(article, fileName, now)
  return newIndexEntry(articleIdOf(version.contentHash), version)
}

/** One version of an article as the importer extracted it. */
export function versionOf(
  article: ImportedArticle,
  fileName: string | null,
  now: Date,
): ArticleVersion {
  return {
    contentHash: contentHashOf(article.blocks),
    addedAt: now.toISOString(),
    fileName,
    title: article.title,
    titleDerived: article.titleDerived,
    source: article.source,
    byline: article.byline,
    publishedAt: article.publishedAt,
    url: article.url,
    language: article.language ?? null,
    citations: [...article.citations],
    wordCount: countWords(articleText(article.blocks)),
    warning: article.warning ?? null,
    ...(article.extractor !== undefined ? { extractor: article.extractor } : {}),
  }
}

/** An index entry's article metadata: what the reader, exports and search show of it. */
export function articleMetaOf(entry: IndexEntry): ArticleMeta {
  const {
    annotationCount: _a,
    claimCount: _c,
    tagCounts: _t,
    derivedStamp: _d,
    original: _o,
    versionHashes: _v,
    ...meta
  } = entry
  return meta
}

/** One article as the library list shows it. */
export function articleSummaryOf(store: LibraryStore, entry: IndexEntry): ArticleSummary {
  return {
    ...articleMetaOf(entry),
    annotationCount: entry.annotationCount,
    claimCount: entry.claimCount,
    damaged: store.damageOf(entry.id),
  }
}

/** Every article with its counts, in import order. */
export function listArticles(store: LibraryStore): ArticleSummary[] {
  return store.listArticles().map((entry) => articleSummaryOf(store, entry))
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
  const read = await readArticleModel(store, id)
  const { entry, article } = read
  let damage: ArticleDamage | null = null
  if (read.damage?.part === 'annotations') {
    damage = { ...read.damage, backup: await store.newestArticleBackup(id) }
  } else if (read.damage) {
    // The annotations are still shown (as orphans, with their quotes and notes), with the repair advice.
    damage = { ...read.damage, backup: null }
  }
  const text = articleText(article.blocks)
  const anchors = anchorAll(
    text,
    entry.contentHash,
    read.annotations.map((a) => a.target),
  )
  const annotations: AnchoredAnnotation[] = sortInDocumentOrder(
    read.annotations.map((a, i) => {
      const anchor = anchors[i] ?? { status: 'orphaned' as const, start: null, end: null, score: 0 }
      return { ...a, anchor }
    }),
    (a) => a.anchor.start,
  )
  const links = await linksOfArticle(store, id, read.annotations)
  return { article, damage, note: read.note, annotations, links }
}

/** One article as every reader of it sees it: metadata as shown, current text, own state. */
export interface ArticleRead {
  readonly entry: IndexEntry
  /** The metadata as shown (corrections applied), the article's status and tags, the current version's blocks. */
  readonly article: Article
  readonly note: string
  readonly annotations: readonly Annotation[]
  /**
   * What could not be read, or null: `annotations` (its annotation file is
   * damaged; the annotations here are then not the article's) or `text`
   * (its body is missing or damaged; `article.blocks` is empty).
   */
  readonly damage: { readonly part: 'annotations' | 'text'; readonly reason: string } | null
}

/**
 * Read one article: the one read model that opening, exports, W3C import
 * and the command line share. Throws `not-found` for an unknown id.
 */
export async function readArticleModel(store: LibraryStore, id: string): Promise<ArticleRead> {
  const entry = store.getArticle(id)
  if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
  const state = await store.readArticle(id)
  let damage: ArticleRead['damage'] =
    state.readOnlyReason !== null ? { part: 'annotations', reason: state.readOnlyReason } : null
  let blocks: Block[] = []
  try {
    blocks = await store.readBody(entry)
  } catch (error) {
    if (!(error instanceof WorkbenchError)) throw error
    damage ??= { part: 'text', reason: error.message }
  }
  const article: Article = {
    ...articleMetaOf(entry),
    status: state.status,
    tags: state.tags,
    blocks,
  }
  return { entry, article, note: state.note, annotations: state.annotations, damage }
}
