/**
 * Export of briefings from the library.
 *
 * Why: the exporters are pure functions of data; this module gathers that
 * data from the store, and is the only place that writes an export file,
 * always to a path the user chose, merging what they wrote by hand.
 */
import { lstat, readFile, realpath } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import { exportClaimReviews } from '../../shared/export/claim-review'
import { exportCsv } from '../../shared/export/csv'
import { EXPORT_FORMAT_INFO } from '../../shared/export/formats'
import { exportMarkdownBriefing, type BriefingArticle } from '../../shared/export/markdown'
import type { ClaimLink } from '../../shared/domain/claim-fields'
import { exportW3cAnnotations } from '../../shared/export/w3c'
import { mergeKeepRegions } from '../../shared/export/keep-regions'
import { WorkbenchError } from '../../shared/ipc/result'
import type { ExportFormat, ExportSkip } from '../../shared/ipc/contract'
import { writeFileDurable } from '../store/durable-file'
import { describeFsError } from '../store/fs-errors'
import { readArticleModel } from './articles'
import type { LibraryStore } from '../store/library-store'

export interface ExportDeps {
  readonly store: LibraryStore
  readonly now: () => Date
}

/** The save dialog's file filter for a format. */
export interface ExportFileFilter {
  readonly name: string
  readonly extensions: readonly string[]
}

/** Ask the user where to save; null means they cancelled. */
export type ChooseExportPath = (
  defaultName: string,
  filter: ExportFileFilter,
) => Promise<string | null>

/** Options some formats take. */
export interface ExportOptions {
  /** CSV: start with a UTF-8 byte order mark. */
  readonly bom?: boolean
  /** CSV: written for spreadsheets (see `CsvOptions.spreadsheet`). */
  readonly spreadsheet?: boolean
}

/** An export's text and the articles it left out. */
export interface BuiltExport {
  readonly text: string
  /** How many articles the text covers. */
  readonly articleCount: number
  readonly skipped: readonly ExportSkip[]
}

/**
 * Build the export text for the given articles, in the given order.
 *
 * An article whose text or annotation file cannot be read is left out and
 * named in `skipped` with the reason, never exported as an article without
 * annotations; the rest is exported. When nothing can be exported, fails
 * with every reason.
 */
export async function buildExport(
  articleIds: readonly string[],
  format: ExportFormat,
  deps: ExportDeps,
  options: ExportOptions = {},
): Promise<BuiltExport> {
  const { store } = deps
  const articles = []
  const skipped: ExportSkip[] = []
  for (const id of articleIds) {
    if (!store.getArticle(id)) {
      skipped.push({ id, title: id, reason: `No article with id ${id}` })
      continue
    }
    const read = await readArticleModel(store, id)
    if (read.damage) {
      skipped.push({ id, title: read.entry.title, reason: read.damage.reason })
      continue
    }
    articles.push({
      article: read.article,
      articleNote: read.note,
      annotations: read.annotations,
    })
  }
  if (articles.length === 0) {
    throw new WorkbenchError(
      articleIds.length === 1 && skipped[0]?.reason.startsWith('No article')
        ? 'not-found'
        : 'io-error',
      `Nothing could be exported: ${skipped.map((s) => `"${s.title}": ${s.reason}`).join(' ')}`,
    )
  }
  const first = articles[0]?.article.title ?? 'Briefing'
  const title = articles.length === 1 ? first : `Briefing: ${articles.length} articles`
  const generatedAt = deps.now().toISOString()
  const included = articles.map((a) => a.article.id)
  const text = await (async (): Promise<string> => {
    switch (format) {
      case 'md':
        return exportMarkdownBriefing({
          title,
          generatedAt,
          scope: { kind: 'articles', articleIds: included },
          articles,
        })
      case 'csv':
        return exportCsv(articles, {
          bom: options.bom ?? false,
          spreadsheet: options.spreadsheet ?? false,
          resolveLink: await linkResolver(store, articles),
        })
      case 'w3c':
        return exportW3cAnnotations(articles, { generatedAt, label: title })
      case 'claimreview':
        return exportClaimReviews(articles, { generatedAt })
    }
  })()
  return { text, articleCount: articles.length, skipped }
}

/**
 * Name the claims the exported claims link to: `«statement» (Article title)`.
 *
 * Linked claims may sit in articles outside the export, so those are read
 * too, once each; a link whose claim cannot be read stays unresolved (ids).
 */
async function linkResolver(
  store: LibraryStore,
  articles: readonly BriefingArticle[],
): Promise<(link: ClaimLink) => { readonly label: string } | null> {
  const loaded = new Map<string, BriefingArticle | null>(
    articles.map((a) => [a.article.id, a] as const),
  )
  for (const { annotations } of articles) {
    for (const link of annotations.flatMap((a) => a.claim?.links ?? [])) {
      if (loaded.has(link.articleId)) continue
      const read = store.getArticle(link.articleId)
        ? await readArticleModel(store, link.articleId)
        : null
      loaded.set(
        link.articleId,
        read === null || read.damage
          ? null
          : { article: read.article, annotations: read.annotations },
      )
    }
  }
  return (link) => {
    const entry = loaded.get(link.articleId) ?? null
    const target = entry?.annotations.find((a) => a.id === link.annotationId)
    if (entry === null || target === undefined) return null
    const statement = target.claim?.statement.trim() || target.target.quote.exact
    return { label: `«${statement.replace(/\s+/gu, ' ')}» (${entry.article.title})` }
  }
}

/** A file name for an export, from its first article's title. */
export function defaultExportName(title: string, format: ExportFormat = 'md'): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase()
  return `${slug || 'briefing'}${EXPORT_FORMAT_INFO[format].fileSuffix}`
}

/** How far an export may go when its file already exists. */
export interface ExportWriteOptions extends ExportOptions {
  /**
   * Replace an existing file. The app's save dialog asks before a file is
   * replaced, so its paths count as confirmed; the command line needs --force.
   */
  readonly replaceExisting: boolean
  /** Save a Markdown briefing even though it was edited outside its keep regions (loses those edits). */
  readonly overwriteEdits: boolean
}

/**
 * Write an export to the path the user chooses.
 *
 * Never inside a library folder (that is where the library's own files
 * live), never over a read-only file, and never over an existing file unless
 * `replaceExisting`. An existing Markdown briefing keeps its keep-regions
 * (those the user added too, in place); if it was edited outside them, the
 * save is refused with `conflict` unless `overwriteEdits`, so nothing the
 * user wrote is lost silently. Both refusals name the way out the same way:
 * in words that fit the app's dialog (its Overwrite button), and the
 * command line's `--force` in parentheses. A symbolic
 * link at the path is replaced, not written through.
 */
export async function saveExport(
  articleIds: readonly string[],
  format: ExportFormat,
  choosePath: ChooseExportPath,
  deps: ExportDeps,
  options: ExportWriteOptions,
): Promise<{ path: string; articleCount: number; skipped: readonly ExportSkip[] }> {
  const fresh = await buildExport(articleIds, format, deps, options)
  const firstTitle = deps.store.getArticle(articleIds[0] ?? '')?.title ?? 'briefing'
  const info = EXPORT_FORMAT_INFO[format]
  const chosen = await choosePath(
    defaultExportName(articleIds.length === 1 ? firstTitle : 'briefing', format),
    { name: info.filterName, extensions: [info.extension] },
  )
  if (chosen === null) throw new WorkbenchError('cancelled', 'Export cancelled')
  const path = resolve(chosen)
  await refuseLibraryFolder(path, deps.store.dir)
  const existing = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw describeFsError(error, 'export', path)
  })
  if (existing?.isDirectory()) {
    throw new WorkbenchError(
      'invalid-input',
      `${path} is a folder; choose a file name for the export.`,
    )
  }
  if (existing && !existing.isSymbolicLink() && (existing.mode & 0o222) === 0) {
    throw new WorkbenchError(
      'io-error',
      `${path} is read-only and was left untouched. Choose another name, or make the file writable first.`,
    )
  }
  let text = fresh.text
  if (existing && format === 'md') {
    const before = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw describeFsError(error, 'export', path)
    })
    const merged = mergeKeepRegions(before, fresh.text)
    if (merged.outsideEdits && !options.overwriteEdits) {
      throw new WorkbenchError(
        'conflict',
        `${path} has text outside its keep regions that the exporter did not write, and was left untouched. Move that text between <!-- workbench:keep --> and <!-- /workbench:keep --> lines to keep it, or overwrite the file and lose it (--force on the command line).`,
      )
    }
    text = merged.text
  } else if (existing && !options.replaceExisting) {
    throw new WorkbenchError(
      'conflict',
      `${path} already exists and was left untouched. Choose another name, or replace it (--force on the command line).`,
    )
  }
  try {
    await writeFileDurable(path, text)
  } catch (error) {
    throw describeFsError(error, 'export', path)
  }
  return { path, articleCount: fresh.articleCount, skipped: fresh.skipped }
}

/**
 * Refuse a path inside a library folder: this library's, or any folder
 * holding a library.json beside annotations/ or bodies/. An export there
 * could replace the library's own files.
 */
async function refuseLibraryFolder(path: string, libraryDir: string): Promise<void> {
  const parent = await realpath(dirname(path)).catch(() => resolve(dirname(path)))
  const library = await realpath(libraryDir).catch(() => resolve(libraryDir))
  for (let folder = parent; ; folder = dirname(folder)) {
    const isLibrary =
      folder === library ||
      ((await exists(join(folder, 'library.json'))) &&
        ((await exists(join(folder, 'annotations'))) || (await exists(join(folder, 'bodies')))))
    if (isLibrary) {
      throw new WorkbenchError(
        'invalid-input',
        `${path} is inside the library folder ${folder}; exports are never written there. Choose a folder outside it.`,
      )
    }
    if (dirname(folder) === folder) return
  }
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  )
}
