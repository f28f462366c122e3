import { useEffect } from 'react'
import { workbenchApi } from './api'
import { showToast } from './components/toast-store'
import { Toasts } from './components/Toasts'
import { ExportDialog } from './features/export/ExportDialog'
import { openExport } from './features/export/export-actions'
import { ImportControls } from './features/import/ImportControls'
import {
  importFileList,
  importPicked,
  recordImportProgress,
} from './features/import/import-actions'
import { useFileDrop } from './features/import/use-file-drop'
import { refreshLibrary } from './features/library/library-actions'
import { CodebookDialog } from './features/codebook/CodebookDialog'
import { openCodebook } from './features/codebook/codebook-actions'
import { loadSettings } from './features/history/history-actions'
import { ShortcutsOverlay } from './features/keyboard/ShortcutsOverlay'
import { setShortcutsOpen, useShortcuts } from './features/keyboard/use-shortcuts'
import { LibraryNotices } from './features/status/LibraryNotices'
import { StatusBar } from './features/status/StatusBar'
import { SidebarToggle } from './features/layout/SidebarToggle'
import { Workspace } from './features/layout/Workspace'
import { ThemeMenu } from './features/theme/ThemeMenu'
import { EmptyTrashDialog } from './features/trash/EmptyTrashDialog'
import { PasteTextDialog } from './features/paste/PasteTextDialog'
import { ProfileDialog } from './features/profile/ProfileDialog'
import { openProfile } from './features/profile/profile-actions'

function onDroppedFiles(files: File[]): void {
  void importFileList(files)
}

/** The workbench window: library, reader and annotations, with the import and export flows. */
export function App() {
  useEffect(() => {
    void refreshLibrary()
    void loadSettings()
    const api = workbenchApi()
    const stopMenu = api.onMenuCommand(({ command }) => {
      if (command === 'import') void importPicked()
      else if (command === 'export') openExport()
      else if (command === 'about')
        showToast('info', 'Analyst Workbench: read, tag and brief, offline.')
    })
    const stopProgress = api.onImportProgress(recordImportProgress)
    return () => {
      stopMenu()
      stopProgress()
    }
  }, [])
  useShortcuts()
  const dragging = useFileDrop(onDroppedFiles)

  return (
    <div className="app">
      <header className="app-header">
        <SidebarToggle />
        <div className="app-title">Analyst Workbench</div>
        <ImportControls />
        <div className="toolbar header-end">
          <ThemeMenu />
          <button type="button" className="button" onClick={openCodebook}>
            Codebook
          </button>
          <button type="button" className="button" onClick={openProfile}>
            Profile
          </button>
          <button
            type="button"
            className="button"
            aria-keyshortcuts="?"
            onClick={() => setShortcutsOpen(true)}
          >
            Shortcuts <kbd>?</kbd>
          </button>
        </div>
      </header>
      <LibraryNotices />
      <Workspace />
      <StatusBar />
      <ExportDialog />
      <CodebookDialog />
      <ShortcutsOverlay />
      <EmptyTrashDialog />
      <PasteTextDialog />
      <ProfileDialog />
      <Toasts />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <p>Drop articles to import them</p>
        </div>
      )}
    </div>
  )
}
