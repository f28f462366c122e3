/**
 * Importing articles: the native picker, dropped or chosen files, samples.
 *
 * Why one runner: whichever way files arrive, the analyst sees the same
 * progress bar and the same per-file report (imported, duplicate, rejected
 * with the reason), and the library refreshes once at the end.
 */
import { request } from '../../api'
import type { ImportReport } from '../../../../shared/ipc/contract'
import { workbench, type ImportProgress } from '../../state/workbench-store'
import { openArticle, refreshLibrary } from '../library/library-actions'

async function runImport(call: () => Promise<ImportReport | null>): Promise<void> {
  if (workbench.get().importing) return
  workbench.set({ importing: { progress: null }, importReport: null })
  try {
    const report = await call()
    if (!report) return
    workbench.set({ importReport: report })
    await refreshLibrary()
    // Open the first new article when nothing is open, so an import leads straight to reading.
    const first = report.outcomes.find((o) => o.status === 'imported')
    if (first && first.status === 'imported' && !workbench.get().current)
      await openArticle(first.id)
  } finally {
    workbench.set({ importing: null })
  }
}

/** Import files chosen in the native dialog. */
export function importPicked(): Promise<void> {
  return runImport(() => request('import:pick', {}))
}

/** Import the sample articles that ship with the app. */
export function openSampleLibrary(): Promise<void> {
  return runImport(() => request('library:openSamples', {}))
}

/** Import files dropped on the window or chosen with the file input. */
export async function importFileList(files: readonly File[]): Promise<void> {
  if (files.length === 0) return
  await runImport(async () => {
    const payload = await Promise.all(
      files.map(async (file) => ({
        name: file.name,
        data: new Uint8Array(await file.arrayBuffer()),
      })),
    )
    return request('import:files', { files: payload })
  })
}

/** Record progress reported by main for the import in flight. */
export function recordImportProgress(progress: ImportProgress): void {
  workbench.set((s) => (s.importing ? { importing: { progress } } : {}))
}

/** Hide the last import's report. */
export function dismissImportReport(): void {
  workbench.set({ importReport: null })
}
