/**
 * Correcting the open article's details (title, source, byline, published
 * date, URL, language) and putting back the extracted values.
 *
 * Why the list row is replaced and not refetched: `article:edit` returns the
 * article's new summary, which is all that changed, so the list and the
 * reader take it as it is. Each save is one undo step in main; undo reloads
 * the article through the history's one refresh path.
 */
import { invoke } from '../../api'
import { EDITABLE_META_KEYS, type EditableMetaField } from '../../../../shared/domain/article'
import type { ArticleSummary, MetaPatch } from '../../../../shared/ipc/contract'
import type { AppError } from '../../../../shared/ipc/result'
import { showToast } from '../../components/toast-store'
import { workbench } from '../../state/workbench-store'
import { replaceSummary } from '../library/library-actions'

/** Open the details editor, focusing `field` first. */
export function editDetails(field: EditableMetaField = 'title'): void {
  const { current } = workbench.get()
  if (!current) return
  workbench.set({ editingDetails: field })
}

/** Close the details editor. */
export function closeDetailsEditor(): void {
  workbench.set({ editingDetails: null })
}

/** Take main's summary of an article into the list and, when it is open, the reader. */
function applySummary(summary: ArticleSummary): void {
  replaceSummary(summary)
  workbench.set((s) => {
    if (s.current?.article.id !== summary.id) return {}
    const meta: Record<string, unknown> = {
      edited: summary.edited,
      titleDerived: summary.titleDerived,
    }
    for (const key of EDITABLE_META_KEYS) meta[key] = summary[key]
    return { current: { ...s.current, article: { ...s.current.article, ...meta } } }
  })
}

/** Save corrected details; returns the error to show in the form, or null when saved. */
export async function saveDetails(articleId: string, patch: MetaPatch): Promise<AppError | null> {
  if (Object.keys(patch).length === 0) return null
  const result = await invoke('article:edit', { id: articleId, patch })
  if (!result.ok) return result.error
  applySummary(result.value)
  showToast('info', 'Details saved. Ctrl+Z undoes the change.')
  return null
}

/** Put back the extracted value of one field; returns the error, or null when done. */
export async function restoreExtracted(
  articleId: string,
  field: EditableMetaField,
): Promise<AppError | null> {
  const result = await invoke('article:edit', { id: articleId, restore: [field] })
  if (!result.ok) return result.error
  applySummary(result.value)
  return null
}
