import { useId, useState, type ReactNode } from 'react'
import {
  CONFIDENCE_LEVELS,
  isClaimDate,
  type Claim,
  type Confidence,
} from '../../../../shared/domain/annotation'
import { useWorkbench } from '../../state/workbench-store'
import { saveClaim, type ClaimPatch } from './annotation-actions'

interface ClaimFormProps {
  readonly articleId: string
  readonly annotationId: string
  readonly claim: Claim
  readonly disabled: boolean
}

type TextField = 'statement' | 'claimant' | 'attributedVia'

/**
 * A claim's fields: what is claimed, by whom, through whom, when, its status and confidence.
 *
 * Text fields save when they lose focus (or on Enter in a one-line field);
 * the selects save when changed. Mount one per claim and reload (keyed), so
 * an undo shows the restored values.
 */
export function ClaimForm({ articleId, annotationId, claim, disabled }: ClaimFormProps) {
  const statuses = useWorkbench((s) => s.claimStatuses)
  const [dateError, setDateError] = useState<string | null>(null)
  const statusOptions = statuses.includes(claim.status) ? statuses : [...statuses, claim.status]
  const save = (patch: ClaimPatch) => saveClaim(articleId, annotationId, patch)

  const saveText = (field: TextField, value: string) => {
    if (value !== claim[field]) void save({ [field]: value })
  }

  const saveDate = (raw: string) => {
    const value = raw.trim()
    if (value === '') {
      setDateError(null)
      if (claim.claimDate !== null) void save({ claimDate: null })
      return
    }
    if (!isClaimDate(value)) {
      setDateError('Use a year, a month or a day: 2024, 2024-03 or 2024-03-18.')
      return
    }
    setDateError(null)
    if (value !== claim.claimDate) void save({ claimDate: value })
  }

  return (
    <fieldset className="claim-form" disabled={disabled}>
      <legend className="field-label">Claim</legend>
      <Field label="Statement" hint="What is claimed, in your words">
        {(id) => (
          <textarea
            id={id}
            className="text-field"
            rows={3}
            defaultValue={claim.statement}
            onBlur={(e) => saveText('statement', e.currentTarget.value)}
          />
        )}
      </Field>
      <Field label="Claimant" hint="Who claims it, with role or affiliation">
        {(id) => (
          <input
            id={id}
            className="text-field"
            type="text"
            defaultValue={claim.claimant}
            onBlur={(e) => saveText('claimant', e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') saveText('claimant', e.currentTarget.value)
            }}
          />
        )}
      </Field>
      <Field label="Attributed via" hint="Through whom: “RIA Novosti citing the press service”">
        {(id) => (
          <input
            id={id}
            className="text-field"
            type="text"
            defaultValue={claim.attributedVia}
            onBlur={(e) => saveText('attributedVia', e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') saveText('attributedVia', e.currentTarget.value)
            }}
          />
        )}
      </Field>
      <div className="field-row">
        <Field label="Claim date" hint="A year, month or day" error={dateError}>
          {(id, describedBy) => (
            <input
              id={id}
              className="text-field"
              type="text"
              inputMode="numeric"
              placeholder="2024-03-18"
              defaultValue={claim.claimDate ?? ''}
              aria-invalid={dateError !== null}
              aria-describedby={describedBy}
              onBlur={(e) => saveDate(e.currentTarget.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') saveDate(e.currentTarget.value)
              }}
            />
          )}
        </Field>
        <Field label="Status">
          {(id) => (
            <select
              id={id}
              className="text-field"
              value={claim.status}
              onChange={(e) => void save({ status: e.currentTarget.value })}
            >
              {statusOptions.map((status) => (
                <option key={status} value={status}>
                  {status}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="segmented" role="radiogroup" aria-label="Confidence">
        <span className="field-caption" aria-hidden="true">
          Confidence
        </span>
        {CONFIDENCE_LEVELS.map((level: Confidence) => (
          <label key={level} className="segmented-option">
            <input
              type="radio"
              name={`confidence-${annotationId}`}
              value={level}
              checked={claim.confidence === level}
              onChange={() => void save({ confidence: level })}
            />
            <span>{level}</span>
          </label>
        ))}
      </div>
    </fieldset>
  )
}

interface FieldProps {
  readonly label: string
  readonly hint?: string
  readonly error?: string | null
  readonly children: (id: string, describedBy: string | undefined) => ReactNode
}

function Field({ label, hint, error, children }: FieldProps) {
  const id = useId()
  const hintId = `${id}-hint`
  const describedBy = hint || error ? hintId : undefined
  return (
    <div className="field">
      <label className="field-caption" htmlFor={id}>
        {label}
      </label>
      {children(id, describedBy)}
      {(error || hint) && (
        <span id={hintId} className={error ? 'field-hint field-error' : 'field-hint'}>
          {error ?? hint}
        </span>
      )}
    </div>
  )
}
