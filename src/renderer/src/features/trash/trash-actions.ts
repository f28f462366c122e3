/**
 * The trash: moving articles there, bringing them back, emptying it.
 *
 * Why the toast's "Undo" checks what undo would take back: the analyst may
 * have done something else since, and the button must restore this article,
 * not take back a later change. So it undoes when the trash is still the
 * latest step, and otherwise restores the article from the trash.
 */
import { request } from '../../api'
import { showActionToast, showToast } from '../../components/toast-store'
import { workbench } from '../../state/workbench-store'
import { latestUndoLabel, refreshAfter, undoIfLatest } from '../history/history-actions'
import { closeArticle, openArticle, refreshLibrary } from '../library/library-actions'
import { viewArticles } from '../library/library-view'
import { libraryView } from '../library/library-view-store'
import { isSearchActive, searchArticleIds, searchStore } from '../search/search-actions'
import { neighbourAfterRemoval, trashedMessage } from './trash-words'

function titleOf(id: string): string {
  const { articles, trash, current } = workbench.get()
  return (
    articles.find((a) => a.id === id)?.title ??
    trash.find((a) => a.id === id)?.title ??
    (current?.article.id === id ? current.article.title : 'the article')
  )
}

/** Whether the library pane shows the article list (not the trash, not search results). */
function listShown(): boolean {
  return workbench.get().libraryMode === 'articles' && !isSearchActive(searchStore.get())
}

/** The ids of the articles as the library pane shows them now: search results, or the sorted list. */
function shownIds(): string[] {
  const search = searchStore.get()
  if (isSearchActive(search)) return searchArticleIds(search)
  const { sort, filter } = libraryView.get()
  return viewArticles(workbench.get().articles, filter, sort).map((a) => a.id)
}

/**
 * Move an article to the trash. When it is open, the next article in the
 * list opens in its place; the list's focus moves to that next article.
 */
export async function moveToTrash(id: string): Promise<void> {
  const title = titleOf(id)
  const next = neighbourAfterRemoval(shownIds(), id)
  const outcome = await request('article:trash', { ids: [id] })
  if (!outcome) return
  const undoLabel = await latestUndoLabel()
  const wasOpen = workbench.get().current?.article.id === id
  workbench.set((s) => ({
    articles: s.articles.filter((a) => a.id !== id),
    listFocusRequest: next !== null && listShown() ? { articleId: next } : null,
  }))
  if (wasOpen) {
    if (next === null) closeArticle()
    else void openArticle(next)
  }
  showActionToast(trashedMessage(title, outcome.linksToTrashed), {
    label: 'Undo',
    keys: 'Control+Z',
    run: () => undoTrash(id, undoLabel, wasOpen),
  })
  await refreshLibrary()
}

/** The toast's "Undo": take the trash back, or restore the article if other changes came since. */
async function undoTrash(id: string, undoLabel: string | null, reopen: boolean): Promise<void> {
  const undone = await undoIfLatest(undoLabel)
  if (!undone) {
    const restored = await request('trash:restore', { ids: [id] })
    if (!restored) return
    await refreshLibrary()
    showToast('info', `Restored “${titleOf(id)}” from the trash.`)
  }
  if (listShown()) workbench.set({ listFocusRequest: { articleId: id } })
  if (reopen) await openArticle(id)
}

/** Put an article back from the trash. */
export async function restoreFromTrash(id: string): Promise<void> {
  const title = titleOf(id)
  const restored = await request('trash:restore', { ids: [id] })
  if (!restored) return
  await refreshAfter([id])
  showActionToast(`Restored “${title}” to the library.`, {
    label: 'Open',
    run: () => openArticle(id),
  })
}

/** Show the trash in the library pane. */
export function showTrash(): void {
  workbench.set({ libraryMode: 'trash' })
}

/** Show the article list again. */
export function showLibraryList(): void {
  workbench.set({ libraryMode: 'articles' })
}

export function openEmptyTrash(): void {
  workbench.set({ emptyTrashOpen: true })
}

export function closeEmptyTrash(): void {
  workbench.set({ emptyTrashOpen: false })
}

/** Remove these articles (the trash as the analyst saw it) for good. Not undoable. */
export async function emptyTrash(ids: readonly string[]): Promise<boolean> {
  if (ids.length === 0) return true
  const result = await request('trash:empty', { ids: [...ids] })
  if (!result) return false
  const removed = new Set(result.removed)
  if (removed.has(workbench.get().current?.article.id ?? '')) closeArticle()
  await refreshLibrary()
  showToast(
    'info',
    removed.size === 1
      ? 'Removed 1 article for good.'
      : `Removed ${removed.size} articles for good.`,
  )
  return true
}
