/**
 * Export of briefings from the library.
 *
 * Why: the exporters are pure functions of data; this module gathers that
 * data from the store, and is the only place that writes an export file,
 * always to a path the user chose, merging what they wrote by hand.
 */
import { readFile } from 'node:fs/promises'
import { exportMarkdownBriefing } from '../../shared/export/markdown'
import { mergeKeepRegions } from '../../shared/export/keep-regions'
import { WorkbenchError } from '../../shared/ipc/result'
import type { ExportFormat } from '../../shared/ipc/contract'
import { writeFileDurable } from '../store/durable-file'
import type { LibraryStore } from '../store/library-store'

export interface ExportDeps {
  readonly store: LibraryStore
  readonly now: () => Date
}

/** Ask the user where to save; null means they cancelled. */
export type ChooseExportPath = (defaultName: string) => Promise<string | null>

/** Build the export text for the given articles, in the given order. */
export async function buildExport(
  articleIds: readonly string[],
  _format: ExportFormat,
  deps: ExportDeps,
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
  return exportMarkdownBriefing({
    title: articles.length === 1 ? first : `Briefing: ${articles.length} articles`,
    generatedAt: deps.now().toISOString(),
    scope: { kind: 'articles', articleIds: [...articleIds] },
    articles,
  })
}

/** A file name for an export, from its first article's title. */
export function defaultExportName(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .toLowerCase()
  return `${slug || 'briefing'}.md`
}

/**
 * Write an export to the path the user chooses.
 *
 * An existing file keeps its keep-regions; if it was edited outside them,
 * the save is refused with `conflict` unless `overwrite` is set, so nothing
 * the user wrote is lost silently.
 */
export async function saveExport(
  articleIds: readonly string[],
  format: ExportFormat,
  overwrite: boolean,
  choosePath: ChooseExportPath,
  deps: ExportDeps,
): Promise<{ path: string }> {
  const fresh = await buildExport(articleIds, format, deps)
  const firstTitle = deps.store.getArticle(articleIds[0] ?? '')?.title ?? 'briefing'
  const path = await choosePath(
    defaultExportName(articleIds.length === 1 ? firstTitle : 'briefing'),
  )
  if (path === null) throw new WorkbenchError('cancelled', 'Export cancelled')
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
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
