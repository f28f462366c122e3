/**
 * Versions of the open article: reading an earlier one, and making a file
 * the article's new version.
 *
 * Why the earlier version is only shown, never opened for annotation:
 * annotation offsets are positions in the current text. An earlier version
 * is read-only, with the paragraphs that changed since marked; the current
 * one is always a click (or Escape) away.
 */
import { request } from '../../api'
import { showToast } from '../../components/toast-store'
import { workbench } from '../../state/workbench-store'
import { refreshAfter } from '../history/history-actions'
import { updateMessage } from './update-report'

/** Show version `contentHash` of the open article (the current one shows the article as usual). */
export async function showVersion(articleId: string, contentHash: string): Promise<void> {
  const view = await request('article:version', { id: articleId, contentHash })
  if (!view || workbench.get().current?.article.id !== articleId) return
  workbench.set({ versionView: view.current ? null : view, editingDetails: null })
}

/** Back to the current text of the open article. */
export function showCurrentVersion(): void {
  workbench.set({ versionView: null })
}

/**
 * Make a file the open article's new version; every annotation is carried
 * across, and those whose passage changed or went are listed for review.
 */
export async function replaceTextFromFile(articleId: string, file: File): Promise<void> {
  const data = new Uint8Array(await file.arrayBuffer())
  const report = await request('article:replaceText', {
    id: articleId,
    file: { name: file.name, data },
  })
  if (!report) return
  workbench.set({ versionView: null })
  await refreshAfter([articleId])
  if (workbench.get().current?.article.id === articleId) {
    workbench.set({
      reviewOpen: report.review.length > 0,
      sideTab: 'annotation',
      selectedAnnotationId: null,
    })
  }
  showToast('info', updateMessage(report))
}
