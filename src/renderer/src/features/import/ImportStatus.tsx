import { useEffect, useRef, useState } from 'react'
import type { ImportMatchChoice, ImportOutcome } from '../../../../shared/ipc/contract'
import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import { updateCounts } from '../versions/update-report'
import {
  cancelImport,
  dismissImportReport,
  resolveImportMatch,
  reviewUpdate,
} from './import-actions'
import { importSummary, matchedByText, updateChoiceLabel } from './import-summary'
import './import.css'

const STATUS_LABEL: Readonly<Record<ImportOutcome['status'], string>> = {
  imported: 'Imported',
  duplicate: 'Already in library',
  repaired: 'Text restored',
  updated: 'Updated',
  matches: 'New version?',
  cancelled: 'Cancelled',
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
        <div className="import-status-header">
          <p className="import-status-line">
            {progress
              ? `Importing ${progress.name} (${progress.done} of ${progress.total})`
              : 'Importing…'}
          </p>
          <button
            type="button"
            className="link-button"
            onClick={() => void cancelImport()}
            title="Stop importing: the files already read are kept"
          >
            Cancel
          </button>
        </div>
        <progress
          className="import-progress"
          aria-label="Import progress"
          {...(progress ? { value: progress.done, max: progress.total } : {})}
        />
      </section>
    )
  }
  if (!report) return null

  return (
    <section className="import-status" aria-label="Import results">
      <div className="import-status-header">
        <p className="import-status-line">
          {importSummary(report.outcomes) || 'Nothing to import'}
        </p>
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
            {outcome.status === 'imported' && outcome.warning !== undefined && (
              <span className="import-outcome-reason import-outcome-check">
                Check this import: {outcome.warning}
              </span>
            )}
            {outcome.status === 'matches' && <MatchChoice outcome={outcome} />}
            {outcome.status === 'updated' && <UpdatedLine outcome={outcome} />}
          </li>
        ))}
      </ul>
    </section>
  )
}

type Matches = Extract<ImportOutcome, { status: 'matches' }>
type Updated = Extract<ImportOutcome, { status: 'updated' }>

/** A file that looks like a new version of an article here, and the three ways to go. */
function MatchChoice({ outcome }: { outcome: Matches }) {
  const readOnly = useWorkbench(isReadOnly)
  const [busy, setBusy] = useState(false)
  const choose = (choice: ImportMatchChoice) => {
    setBusy(true)
    void resolveImportMatch(outcome.pendingId, choice).finally(() => setBusy(false))
  }
  const disabled = busy || readOnly
  return (
    <div className="import-match" role="group" aria-label={`What to do with ${outcome.name}`}>
      <p className="import-match-text">
        Looks like a new version of “{outcome.title}” ({matchedByText(outcome.matchedBy)}).
      </p>
      <div className="import-match-choices">
        <button
          type="button"
          className="button small primary"
          disabled={disabled}
          onClick={() => choose('update')}
        >
          {updateChoiceLabel(outcome.annotationCount)}
        </button>
        <button
          type="button"
          className="button small"
          disabled={disabled}
          onClick={() => choose('separate')}
        >
          Import as a separate article
        </button>
        <button
          type="button"
          className="link-button"
          disabled={disabled}
          onClick={() => choose('skip')}
        >
          Skip
        </button>
      </div>
    </div>
  )
}

/** An article brought to a new version: where its annotations went, and the review. */
function UpdatedLine({ outcome }: { outcome: Updated }) {
  const { update } = outcome
  const toReview = update.review.length
  const buttonRef = useRef<HTMLButtonElement>(null)
  // Chosen from the keyboard, the choice's buttons went with it: the next step takes the focus.
  useEffect(() => {
    if (document.activeElement === document.body) buttonRef.current?.focus()
  }, [])
  return (
    <div className="import-updated">
      <p className="import-match-text">
        “{outcome.title}”: {updateCounts(update)}
        {toReview > 0 ? ' — review' : '.'}
      </p>
      <button type="button" className="button small" onClick={() => void reviewUpdate(outcome.id)}>
        {toReview > 0
          ? `Review ${toReview === 1 ? '1 annotation' : `${toReview} annotations`}`
          : 'Open'}
      </button>
    </div>
  )
}
