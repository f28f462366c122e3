/**
 * Correcting an article's metadata: title, source, byline, published date, URL, language.
 *
 * Why corrections and not overwrites: extractors get metadata wrong ("BBC
 * News · BBC News", a byline glued to the title, "Unknown source"), and
 * the analyst must be able to fix it; but the values the importer found are
 * evidence too. So a correction is stored beside the extracted value (in the
 * article file, where a lost index cannot take it), the list and exports
 * show the correction, and "restore" takes it away again. Every edit goes
 * through the command layer, so it is undoable like any other change.
 */
import {
  EDITABLE_META_FIELDS,
  metaFieldProblem,
  type EditableMetaField,
  type MetaEdits,
} from '../../shared/domain/article'
import type { ArticleSummary, MetaPatch } from '../../shared/ipc/contract'
import { WorkbenchError } from '../../shared/ipc/result'
import { articleSummaryOf } from './articles'
import { historyFor, type ServiceDeps } from './history'

/** What `editArticleMeta` is asked to do. */
export interface MetaEditRequest {
  readonly id: string
  readonly patch?: MetaPatch | undefined
  /** Fields whose correction is taken away, so the extracted value shows again. */
  readonly restore?: readonly EditableMetaField[] | undefined
}

/** The label undo shows: 'Edit title of "…"', 'Restore extracted source of "…"'. */
function editLabel(request: MetaEditRequest, title: string): string {
  const changed = Object.keys(request.patch ?? {}) as EditableMetaField[]
  const restored = request.restore ?? []
  const name = (key: EditableMetaField): string =>
    EDITABLE_META_FIELDS.find((f) => f.key === key)!.label.toLowerCase()
  const short = title.length > 60 ? `${title.slice(0, 57)}…` : title
  if (changed.length === 1 && restored.length === 0)
    return `Edit ${name(changed[0]!)} of "${short}"`
  if (changed.length === 0 && restored.length === 1) {
    return `Restore extracted ${name(restored[0]!)} of "${short}"`
  }
  return `Edit details of "${short}"`
}

/**
 * Correct an article's metadata, or restore extracted values. Values are
 * trimmed; an empty string clears a field that may be empty; a value equal to
 * the extracted one removes the correction. Refuses a value a field cannot
 * hold (an empty title, a date that is not a date) with the reason.
 */
export async function editArticleMeta(
  request: MetaEditRequest,
  deps: ServiceDeps,
): Promise<ArticleSummary> {
  const { store } = deps
  const entry = store.getArticle(request.id)
  if (!entry) throw new WorkbenchError('not-found', `No article with id ${request.id}`)
  const patch = new Map<EditableMetaField, string | null>()
  for (const field of EDITABLE_META_FIELDS) {
    const raw = request.patch?.[field.key]
    if (raw === undefined) continue
    const value = raw === null || raw.trim().length === 0 ? null : raw.trim()
    const problem = metaFieldProblem(field.key, value)
    if (problem) throw new WorkbenchError('invalid-input', problem)
    patch.set(field.key, value)
  }
  await historyFor(store).run(async () => {
    const current = store.getArticle(request.id)
    if (!current) throw new WorkbenchError('not-found', `No article with id ${request.id}`)
    const file = await store.readArticle(request.id)
    const extracted = file.versions.at(-1) ?? current.original
    return {
      label: editLabel(request, current.title),
      articleIds: [request.id],
      apply: (workspace) => {
        const draft = workspace.article(request.id)
        const meta: MetaEdits = { ...draft.meta }
        for (const key of request.restore ?? []) delete meta[key]
        for (const [key, value] of patch) {
          if (value === extracted[key]) delete meta[key]
          else if (key === 'title') meta.title = value ?? extracted.title
          else meta[key] = value
        }
        draft.meta = meta
      },
    }
  })
  const updated = store.getArticle(request.id)
  if (!updated) throw new WorkbenchError('not-found', `No article with id ${request.id}`)
  return articleSummaryOf(store, updated)
}
