import type { ImportOutcome } from '../../../../shared/ipc/contract'
import { useWorkbench } from '../../state/workbench-store'
import { dismissImportReport } from './import-actions'

const STATUS_LABEL: Readonly<Record<ImportOutcome['status'], string>> = {
  imported: 'Imported',
  duplicate: 'Already in library',
  repaired: 'Text restored',
  updated: 'Updated',
  matches: 'New version?',
  rejected: 'Rejected',
}

/** Progress of the import in flight, then what became of each file. */
export function ImportStatus() {
  const importing = useWorkbench((s) => s.importing)
  const report = useWorkbench((s) => s.importReport)

  if (importing) {
    const progress = importing.progress
    return (
      <section className="import-status" aria-label="Import progress">
        <p className="import-status-line">
          {progress
            ? `Importing ${progress.name} (${progress.done} of ${progress.total})`
            : 'Importing…'}
        </p>
        <progress
          className="import-progress"
          aria-label="Import progress"
          {...(progress ? { value: progress.done, max: progress.total } : {})}
        />
      </section>
    )
  }
  if (!report) return null

  const count = (status: ImportOutcome['status']) =>
    report.outcomes.filter((o) => o.status === status).length
  const summary = (
    [
      [count('imported'), 'imported'],
      [count('duplicate'), count('duplicate') === 1 ? 'duplicate' : 'duplicates'],
      [count('repaired'), count('repaired') === 1 ? 'text restored' : 'texts restored'],
      [count('rejected'), 'rejected'],
    ] as const
  )
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(' · ')
  return (
    <section className="import-status" aria-label="Import results">
      <div className="import-status-header">
        <p className="import-status-line">{summary || 'Nothing to import'}</p>
        <button
          type="button"
          className="icon-button"
          aria-label="Dismiss import results"
          onClick={dismissImportReport}
        >
          ×
        </button>
      </div>
      <ul className="import-outcomes">
        {report.outcomes.map((outcome, i) => (
          <li key={`${outcome.name}-${i}`} className={`import-outcome import-${outcome.status}`}>
            <span className="import-outcome-status">{STATUS_LABEL[outcome.status]}</span>
            <span className="import-outcome-name" title={outcome.name}>
              {outcome.name}
            </span>
            {outcome.status === 'rejected' && (
              <span className="import-outcome-reason">{outcome.reason}</span>
            )}
          </li>
        ))}
      </ul>
    </section>
  )
}
