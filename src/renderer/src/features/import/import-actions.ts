/**
 * Importing articles: the native picker, dropped or chosen files, samples.
 *
 * Why one runner: whichever way files arrive, the analyst sees the same
 * progress bar and the same per-file report (imported, duplicate, rejected
 * with the reason), and the library refreshes once at the end.
 */
import { invoke, request } from '../../api'
import type {
  ImportMatchChoice,
  ImportOutcome,
  ImportReport,
} from '../../../../shared/ipc/contract'
import { workbench, type ImportProgress } from '../../state/workbench-store'
import { reloadCurrent } from '../history/history-actions'
import { openArticle, refreshLibrary } from '../library/library-actions'

/** Reload the open article when an import made a new version of it. */
async function followUpdates(outcomes: readonly ImportOutcome[]): Promise<void> {
  const openId = workbench.get().current?.article.id
  if (outcomes.some((o) => o.status === 'updated' && o.id === openId)) await reloadCurrent()
}

async function runImport(call: () => Promise<ImportReport | null>): Promise<void> {
  if (workbench.get().importing) return
  workbench.set({ importing: { progress: null }, importReport: null })
  try {
    const report = await call()
    if (!report) return
    workbench.set({ importReport: report })
    await refreshLibrary()
    await followUpdates(report.outcomes)
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

/**
 * Decide about a file held back as a possible new version: update the
 * article, import it as a separate one, or skip it. Its row in the report
 * becomes the outcome.
 */
export async function resolveImportMatch(
  pendingId: string,
  choice: ImportMatchChoice,
): Promise<void> {
  const result = await invoke('import:resolve', { pendingId, choice })
  const held = workbench
    .get()
    .importReport?.outcomes.find((o) => o.status === 'matches' && o.pendingId === pendingId)
  const outcome: ImportOutcome | null = result.ok
    ? result.value
    : held
      ? { status: 'rejected', name: held.name, reason: result.error.message }
      : null
  if (!outcome) return
  workbench.set((s) =>
    s.importReport
      ? {
          importReport: {
            outcomes: s.importReport.outcomes.map((o) =>
              o.status === 'matches' && o.pendingId === pendingId ? outcome : o,
            ),
          },
        }
      : {},
  )
  if (!result.ok) return
  await refreshLibrary()
  await followUpdates([outcome])
}

/** Open an updated article with its review list. */
export function reviewUpdate(articleId: string): Promise<void> {
  return openArticle(articleId, { review: true })
}

/**
 * Stop the import under way: the files already read are kept, the rest are
 * listed as cancelled in the report.
 */
export async function cancelImport(): Promise<void> {
  if (!workbench.get().importing) return
  await request('import:cancel', {})
}

/** Hide the last import's report. */
export function dismissImportReport(): void {
  workbench.set({ importReport: null })
}
