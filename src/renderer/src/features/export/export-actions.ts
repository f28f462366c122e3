/**
 * Opening and closing the export dialog.
 *
 * Why: the toolbar, the menu and the keyboard all ask for an export of the
 * open article; they share this entry point.
 */
import { showToast } from '../../components/toast-store'
import { workbench } from '../../state/workbench-store'

/** Show the export dialog for the open article. */
export function openExport(): void {
  if (!workbench.get().current) {
    showToast('info', 'Open an article to export its briefing.')
    return
  }
  workbench.set({ exportOpen: true })
}

export function closeExport(): void {
  workbench.set({ exportOpen: false })
}
