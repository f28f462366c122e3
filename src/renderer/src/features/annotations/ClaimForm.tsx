import { useId, useState, type ReactNode } from 'react'
import { isClaimDate, type Claim } from '../../../../shared/domain/annotation'
import {
  CLAIM_FIELDS,
  EDITABLE_CLAIM_FIELDS,
  type ClaimFieldSpec,
  type EditableClaimFieldName,
} from '../../../../shared/domain/claim-fields'
import { useWorkbench } from '../../state/workbench-store'
import { saveClaim, type ClaimPatch } from './annotation-actions'

interface ClaimFormProps {
  readonly articleId: string
  readonly annotationId: string
  readonly claim: Claim
  readonly disabled: boolean
}

/** Controls narrow enough to share a row with their neighbours. */
const COMPACT = new Set(['date', 'status', 'choice'])

/**
 * A claim's fields: what is claimed, by whom, through whom, when, its status and confidence.
 *
 * The fields and their controls come from the claim field declarations
 * (`shared/domain/claim-fields.ts`), so a declared field appears here
 * without editing this form. Text fields save when they lose focus (or on
 * Enter in a one-line field); choices save when changed. Neighbouring
 * compact fields (date, status, choices) share a row. Mount one per claim
 * and reload (keyed), so an undo shows the restored values.
 */
export function ClaimForm({ articleId, annotationId, claim, disabled }: ClaimFormProps) {
  const save = (patch: ClaimPatch) => saveClaim(articleId, annotationId, patch)
  const rows: EditableClaimFieldName[][] = []
  for (const name of EDITABLE_CLAIM_FIELDS) {
    const last = rows.at(-1)
    const compact = COMPACT.has(CLAIM_FIELDS[name].control.kind)
    const lastCompact = last !== undefined && COMPACT.has(CLAIM_FIELDS[last[0]!].control.kind)
    if (compact && lastCompact && last.length < 2) last.push(name)
    else rows.push([name])
  }
  return (
    <fieldset className="claim-form" disabled={disabled}>
      <legend className="field-label">Claim</legend>
      {rows.map((row) =>
        row.length === 1 ? (
          <ClaimField
            key={row[0]}
            name={row[0]!}
            claim={claim}
            annotationId={annotationId}
            save={save}
          />
        ) : (
          <div className="field-row" key={row.join(' ')}>
            {row.map((name) => (
              <ClaimField
                key={name}
                name={name}
                claim={claim}
                annotationId={annotationId}
                save={save}
              />
            ))}
          </div>
        ),
      )}
    </fieldset>
  )
}

interface ClaimFieldProps {
  readonly name: EditableClaimFieldName
  readonly claim: Claim
  readonly annotationId: string
  readonly save: (patch: ClaimPatch) => void
}

/** One claim field, with the control its declaration asks for. */
function ClaimField({ name, claim, annotationId, save }: ClaimFieldProps) {
  const field = CLAIM_FIELDS[name] as ClaimFieldSpec<unknown>
  const statuses = useWorkbench((s) => s.claimStatuses)
  const [error, setError] = useState<string | null>(null)
  const value = claim[name]
  const set = (next: unknown) => {
    if (JSON.stringify(next) !== JSON.stringify(value)) save({ [name]: next } as ClaimPatch)
  }
  const { control } = field

  if (control.kind === 'segmented') {
    return (
      <div className="segmented" role="radiogroup" aria-label={field.label}>
        <span className="field-caption" aria-hidden="true">
          {field.label}
        </span>
        {control.options.map((option) => (
          <label key={option} className="segmented-option">
            <input
              type="radio"
              name={`${name}-${annotationId}`}
              value={option}
              checked={value === option}
              onChange={() => set(option)}
            />
            <span>{option}</span>
          </label>
        ))}
      </div>
    )
  }

  return (
    <Field label={field.label} hint={field.hint} error={error}>
      {(id, describedBy) => {
        switch (control.kind) {
          case 'text':
            return control.multiline ? (
              <textarea
                id={id}
                className="text-field"
                rows={3}
                defaultValue={String(value)}
                aria-describedby={describedBy}
                onBlur={(e) => set(e.currentTarget.value)}
              />
            ) : (
              <input
                id={id}
                className="text-field"
                type="text"
                defaultValue={String(value)}
                aria-describedby={describedBy}
                onBlur={(e) => set(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') set(e.currentTarget.value)
                }}
              />
            )
          case 'date': {
            const saveDate = (raw: string) => {
              const text = raw.trim()
              if (text !== '' && !isClaimDate(text)) {
                setError('Use a year, a month or a day: 2024, 2024-03 or 2024-03-18.')
                return
              }
              setError(null)
              set(text === '' ? null : text)
            }
            return (
              <input
                id={id}
                className="text-field"
                type="text"
                inputMode="numeric"
                placeholder={control.placeholder}
                defaultValue={typeof value === 'string' ? value : ''}
                aria-invalid={error !== null}
                aria-describedby={describedBy}
                onBlur={(e) => saveDate(e.currentTarget.value)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') saveDate(e.currentTarget.value)
                }}
              />
            )
          }
          case 'status': {
            const current = String(value)
            const options = statuses.includes(current) ? statuses : [...statuses, current]
            return (
              <select
                id={id}
                className="text-field"
                value={current}
                onChange={(e) => set(e.currentTarget.value)}
              >
                {options.map((status) => (
                  <option key={status} value={status}>
                    {status}
                  </option>
                ))}
              </select>
            )
          }
          case 'choice':
            return (
              <select
                id={id}
                className="text-field"
                value={typeof value === 'string' ? value : ''}
                onChange={(e) => set(e.currentTarget.value === '' ? null : e.currentTarget.value)}
              >
                <option value="">{control.none ?? '—'}</option>
                {control.options.map((option) => (
                  <option key={option} value={option}>
                    {option}
                  </option>
                ))}
              </select>
            )
          case 'links':
            return null
        }
      }}
    </Field>
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
