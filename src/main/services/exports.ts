/**
 * Export of briefings from the library.
 *
 * Why: the exporters are pure functions of data; this module gathers that
 * data from the store, and is the only place that writes an export file,
 * always to a path the user chose, merging what they wrote by hand.
 */
import { readFile } from 'node:fs/promises'
import { exportClaimReviews } from '../../shared/export/claim-review'
import { exportCsv } from '../../shared/export/csv'
import { EXPORT_FORMAT_INFO } from '../../shared/export/formats'
import { exportMarkdownBriefing } from '../../shared/export/markdown'
import { exportW3cAnnotations } from '../../shared/export/w3c'
import { mergeKeepRegions } from '../../shared/export/keep-regions'
import { WorkbenchError } from '../../shared/ipc/result'
import type { ExportFormat } from '../../shared/ipc/contract'
import { writeFileDurable } from '../store/durable-file'
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
}

/** Build the export text for the given articles, in the given order. */
export async function buildExport(
  articleIds: readonly string[],
  format: ExportFormat,
  deps: ExportDeps,
  options: ExportOptions = {},
): Promise<string> {
  const { store } = deps
  const articles = []
  for (const id of articleIds) {
    const entry = store.getArticle(id)
    if (!entry) throw new WorkbenchError('not-found', `No article with id ${id}`)
    const [blocks, state] = await Promise.all([store.readBody(entry), store.readArticle(id)])
    const { tagCounts: _t, annotationCount: _a, claimCount: _c, ...meta } = entry
    articles.push({
      article: { ...meta, status: state.status, tags: state.tags, blocks },
      articleNote: state.note,
      annotations: state.annotations,
    })
  }
  const first = articles[0]?.article.title ?? 'Briefing'
  const title = articles.length === 1 ? first : `Briefing: ${articles.length} articles`
  const generatedAt = deps.now().toISOString()
  switch (format) {
    case 'md':
      return exportMarkdownBriefing({
        title,
        generatedAt,
        scope: { kind: 'articles', articleIds: [...articleIds] },
        articles,
      })
    case 'csv':
      return exportCsv(articles, { bom: options.bom ?? false })
    case 'w3c':
      return exportW3cAnnotations(articles, { generatedAt, label: title })
    case 'claimreview':
      return exportClaimReviews(articles, { generatedAt })
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

/**
 * Write an export to the path the user chooses.
 *
 * An existing Markdown briefing keeps its keep-regions; if it was edited
 * outside them, the save is refused with `conflict` unless `overwrite` is
 * set, so nothing the user wrote is lost silently. The data formats (CSV,
 * JSON-LD) have no place for hand edits and are replaced whole; the save
 * dialog has already asked before replacing a file.
 */
export async function saveExport(
  articleIds: readonly string[],
  format: ExportFormat,
  overwrite: boolean,
  choosePath: ChooseExportPath,
  deps: ExportDeps,
  options: ExportOptions = {},
): Promise<{ path: string }> {
  const fresh = await buildExport(articleIds, format, deps, options)
  const firstTitle = deps.store.getArticle(articleIds[0] ?? '')?.title ?? 'briefing'
  const info = EXPORT_FORMAT_INFO[format]
  const path = await choosePath(
    defaultExportName(articleIds.length === 1 ? firstTitle : 'briefing', format),
    { name: info.filterName, extensions: [info.extension] },
  )
  if (path === null) throw new WorkbenchError('cancelled', 'Export cancelled')
  const existing =
    format !== 'md'
      ? null
      : await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
          if (error.code === 'ENOENT') return null
          throw new WorkbenchError('io-error', `Cannot read ${path}: ${error.message}`)
        })
  let text = fresh
  if (existing !== null) {
    const merged = mergeKeepRegions(existing, fresh)
    if (merged.outsideEdits && !overwrite) {
      throw new WorkbenchError(
        'conflict',
        `${path} was edited outside its keep regions; saving would lose those edits. Move them between <!-- workbench:keep --> markers, or choose to overwrite.`,
      )
    }
    text = merged.text
  }
  try {
    await writeFileDurable(path, text)
  } catch (error) {
    throw new WorkbenchError('io-error', `Could not write ${path}: ${(error as Error).message}`)
  }
  return { path }
}
