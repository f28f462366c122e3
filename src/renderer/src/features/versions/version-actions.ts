/**
 * Versions of the open article: reading an earlier one, and making a file,
 * the page read again with the other extractor, or a pasted text the
 * article's new version.
 *
 * Why the earlier version is only shown, never opened for annotation:
 * annotation offsets are positions in the current text. An earlier version
 * is read-only, with the paragraphs that changed since marked; the current
 * one is always a click (or Escape) away.
 */
import { request } from '../../api'
import {
  EXTRACTOR_LABELS,
  sameTextMessage,
  type ExtractorName,
} from '../../../../shared/import/extractors'
import type { UpdateReport } from '../../../../shared/ipc/contract'
import { showActionToast, showToast } from '../../components/toast-store'
import { workbench } from '../../state/workbench-store'
import { latestUndoLabel, refreshAfter, undoIfLatest } from '../history/history-actions'
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
  await showUpdated(articleId, report)
  showToast('info', updateMessage(report))
}

/**
 * Read the article's page again with `extractor` (main asks for the saved
 * page); the new text becomes a new version, with an Undo on the toast.
 * When the extractor finds the same text, the analyst is told so.
 */
export async function reextractArticle(articleId: string, extractor: ExtractorName): Promise<void> {
  const report = await request('article:reextract', { id: articleId, extractor })
  if (!report) return
  if (report.update === null) {
    showToast('info', sameTextMessage(report.extractor))
    return
  }
  await announceUpdate(
    articleId,
    report.update,
    `${EXTRACTOR_LABELS[report.extractor]} read the page.`,
  )
}

/**
 * After an update from a page or a pasted text: show the new version, open
 * the review when something needs a look, and offer Undo on the toast.
 */
export async function announceUpdate(
  articleId: string,
  report: UpdateReport,
  lead: string,
): Promise<void> {
  const undoLabel = await latestUndoLabel()
  await showUpdated(articleId, report)
  showActionToast(`${lead} ${updateMessage(report)}`, {
    label: 'Undo',
    keys: 'Control+Z',
    run: async () => {
      await undoIfLatest(undoLabel)
    },
  })
}

/** Bring the window up to the article's new version; open the review when something needs a look. */
async function showUpdated(articleId: string, report: UpdateReport): Promise<void> {
  workbench.set({ versionView: null })
  await refreshAfter([articleId])
  if (workbench.get().current?.article.id === articleId) {
    workbench.set({
      reviewOpen: report.review.length > 0,
      sideTab: 'annotation',
      selectedAnnotationId: null,
    })
  }
}
