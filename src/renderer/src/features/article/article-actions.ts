/**
 * Changing the open article's own state: reading status, article tags, article note.
 *
 * Why: these are article-level, not tied to a passage; each change is one
 * undo step in main, and the store follows what main saved.
 */
import { request } from '../../api'
import type { ChannelInput } from '../../../../shared/ipc/contract'
import { workbench } from '../../state/workbench-store'
import { showToast } from '../../components/toast-store'
import { openArticle, refreshLibrary } from '../library/library-actions'

export type ArticlePatch = ChannelInput<'article:update'>['patch']

/** The key the note save state uses for an article's note. */
export function articleNoteKey(articleId: string): string {
  return `article:${articleId}`
}

/** Save part of an article's state. */
export async function updateArticle(articleId: string, patch: ArticlePatch): Promise<boolean> {
  const saved = await request('article:update', { id: articleId, patch })
  if (!saved) return false
  workbench.set((s) => {
    if (s.current?.article.id !== articleId) return {}
    return {
      current: {
        ...s.current,
        note: saved.note,
        article: { ...s.current.article, status: saved.status, tags: [...saved.tags] },
      },
    }
  })
  if (patch.tags !== undefined || patch.status !== undefined) await refreshLibrary()
  return true
}

/** Save the article's note, tracking its save state like an annotation's. */
export async function saveArticleNote(articleId: string, note: string): Promise<void> {
  const key = articleNoteKey(articleId)
  workbench.set({ noteSave: { annotationId: key, state: 'saving' } })
  const ok = await updateArticle(articleId, { note })
  const latest = workbench.get().noteSave
  if (latest?.annotationId === key && latest.state === 'saving')
    workbench.set({ noteSave: { annotationId: key, state: ok ? 'saved' : 'error' } })
}

/**
 * The analyst looked at a "check this import" article and its text is the
 * story: the mark goes (undoable), in the reader and the list.
 */
export async function confirmImport(articleId: string): Promise<void> {
  const saved = await request('article:update', { id: articleId, patch: { importChecked: true } })
  if (!saved) return
  showToast('info', 'Marked as checked. Undo (Ctrl+Z) brings the mark back.')
  await refreshLibrary()
  if (workbench.get().current?.article.id === articleId) await openArticle(articleId)
}

/** Put back the newest backup of a damaged article's annotation file, then show the article again. */
export async function restoreArticleBackup(articleId: string): Promise<void> {
  const restored = await request('article:restoreBackup', { id: articleId })
  if (!restored) return
  showToast(
    'info',
    `Restored ${restored.annotationCount} annotation${restored.annotationCount === 1 ? '' : 's'} from the backup. The damaged file was kept as ${restored.damagedKeptAs}.`,
  )
  await refreshLibrary()
  await openArticle(articleId)
}
