/**
 * Undo, redo, and bringing the window up to date after any change main made.
 *
 * Why one refresh path: an undo can touch the open article, other articles
 * and the codebook at once. Main says which (`articleIds`, `codebook`); this
 * module reloads exactly those, the same way after undo, redo, links and
 * tag operations.
 */
import { invoke, reportError, request } from '../../api'
import { showToast } from '../../components/toast-store'
import { workbench } from '../../state/workbench-store'
import { refreshLibrary } from '../library/library-actions'

/** Reload the open article from main, keeping the selection when the annotation still exists. */
export async function reloadCurrent(): Promise<void> {
  const { current } = workbench.get()
  if (!current) return
  const id = current.article.id
  const loaded = await request('article:get', { id })
  if (!loaded) return
  workbench.set((s) => {
    if (s.current?.article.id !== id) return {}
    const keep = loaded.annotations.some((a) => a.id === s.selectedAnnotationId)
    // An earlier version on screen stays only while the article has the same versions.
    const sameText =
      loaded.article.contentHash === s.current.article.contentHash &&
      loaded.article.versionCount === s.current.article.versionCount
    return {
      current: loaded,
      selectedAnnotationId: keep ? s.selectedAnnotationId : null,
      reloadCount: s.reloadCount + 1,
      ...(sameText ? {} : { versionView: null }),
    }
  })
}

/** Reload what a change touched: the open article if it is among `articleIds`, and the library. */
export async function refreshAfter(articleIds: readonly string[]): Promise<void> {
  const openId = workbench.get().current?.article.id
  await Promise.all([
    openId !== undefined && articleIds.includes(openId) ? reloadCurrent() : Promise.resolve(),
    refreshLibrary(),
  ])
}

/** Put a quiet message in the status bar. */
export function setStatusMessage(message: string | null): void {
  workbench.set({ statusMessage: message })
}

async function step(channel: 'history:undo' | 'history:redo', verb: string): Promise<void> {
  const result = await invoke(channel, {})
  if (!result.ok) {
    if (result.error.code === 'not-found') setStatusMessage(result.error.message)
    else reportError(result.error)
    return
  }
  const { label, articleIds, codebook } = result.value
  const message = `${verb}: ${label}`
  setStatusMessage(message)
  showToast('info', message)
  await refreshAfter(articleIds)
  if (codebook) {
    const settings = await request('settings:get', {})
    if (settings) workbench.set({ claimStatuses: settings.claimStatuses })
  }
}

export function undo(): Promise<void> {
  return step('history:undo', 'Undone')
}

/** What undo would take back now, or null (asked right after a change, it names that change). */
export async function latestUndoLabel(): Promise<string | null> {
  const result = await invoke('history:state', {})
  return result.ok ? result.value.undo : null
}

/**
 * Undo, provided the step undo would take back is still `label` (an "Undo"
 * button on a toast must not take back something done after it). Returns
 * whether it undid.
 */
export async function undoIfLatest(label: string | null): Promise<boolean> {
  if (label === null || (await latestUndoLabel()) !== label) return false
  await undo()
  return true
}

export function redo(): Promise<void> {
  return step('history:redo', 'Redone')
}

/** Load the claim statuses from settings. */
export async function loadSettings(): Promise<void> {
  const settings = await request('settings:get', {})
  if (settings) workbench.set({ claimStatuses: settings.claimStatuses })
}
