/**
 * Opening and closing the export dialog.
 *
 * Why: the reader's button, the menu's Export… and Ctrl+E all ask for an
 * export; they share this entry point. The dialog chooses the scope (the
 * open article, the library, the search results), so it opens whenever
 * there is anything to export.
 */
import { showToast } from '../../components/toast-store'
import { workbench } from '../../state/workbench-store'

/** Show the export dialog. */
export function openExport(): void {
  const { current, articles } = workbench.get()
  if (!current && articles.length === 0) {
    showToast('info', 'Import articles to export them.')
    return
  }
  workbench.set({ exportOpen: true })
}

export function closeExport(): void {
  workbench.set({ exportOpen: false })
}
