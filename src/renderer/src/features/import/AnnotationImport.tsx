import { useState, type ChangeEvent } from 'react'
import { describeW3cImportItem, summariseW3cImport } from '../../../../shared/export/w3c'
import type { W3cImportReport } from '../../../../shared/ipc/contract'
import { request } from '../../api'
import { showToast } from '../../components/toast-store'
import { refreshAfter } from '../history/history-actions'

/** Accepted in the file chooser: W3C Web Annotation JSON-LD, as the export writes it. */
const ACCEPT = '.jsonld,.json,application/ld+json,application/json'

/**
 * "6 annotations: 3 placed, 1 drifted (wording changed), 1 kept as an orphan
 * on their article, 1 refused; 0 duplicates, 0 invalid".
 */
export function describeW3cImport(report: W3cImportReport): string {
  return summariseW3cImport(report)
}

/** The annotations that need a look, one per line with why; undefined when none does. */
export function w3cImportDetails(report: W3cImportReport): string | undefined {
  const lines = report.items
    .filter((item) => item.outcome !== 'placed' && item.outcome !== 'duplicate')
    .map(describeW3cImportItem)
  if (report.itemsLeftOff > 0) lines.push(`(${report.itemsLeftOff} more not listed)`)
  return lines.length > 0 ? lines.join('\n') : undefined
}

/** Read a chosen W3C annotation file and add its annotations to the matching articles. */
export async function importAnnotationFile(file: File): Promise<W3cImportReport | null> {
  const data = await file.text()
  if (data.trim() === '') {
    showToast('error', `${file.name} is empty.`)
    return null
  }
  const report = await request('annotation:importW3c', { data })
  if (!report) return null
  // Nothing usable at all, or some refused, is worth a toast that stays until read;
  // duplicates alone just mean it was imported before. Drifted and orphaned
  // ones are marked in the reader, which lists them for review.
  const failed = (report.imported === 0 && report.duplicates === 0) || report.refused > 0
  showToast(
    failed ? 'error' : 'info',
    `Annotations from ${file.name}: ${describeW3cImport(report)}`,
    w3cImportDetails(report),
  )
  await refreshAfter(report.articleIds)
  return report
}

/** The header's "Import annotations…" button: a file input for W3C Web Annotation JSON-LD. */
export function AnnotationImport({ disabled }: { readonly disabled: boolean }) {
  const [busy, setBusy] = useState(false)
  const off = disabled || busy

  const onChosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0]
    // Clear the input so choosing the same file again still fires a change.
    event.currentTarget.value = ''
    if (!file) return
    setBusy(true)
    void importAnnotationFile(file).finally(() => setBusy(false))
  }

  return (
    <label
      className={`button${off ? ' disabled' : ''}`}
      title="Import W3C Web Annotations (JSON-LD) exported by another analyst"
    >
      {busy ? 'Importing annotations…' : 'Import annotations…'}
      <input
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        disabled={off}
        data-testid="annotation-import-input"
        onChange={onChosen}
      />
    </label>
  )
}
