import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import {
  EDITABLE_META_FIELDS,
  type Article,
  type ArticleVersion,
  type EditableMetaField,
} from '../../../../shared/domain/article'
import type { AppError } from '../../../../shared/ipc/result'
import { closeDetailsEditor, restoreExtracted, saveDetails } from './article-details-actions'
import {
  extractedText,
  FIELD_PLACEHOLDERS,
  formProblems,
  formValuesOf,
  metaPatchOf,
  type MetaValues,
} from './meta-form'
import './article-details.css'

/** The id of the button that opens the editor; focus goes back to it when the editor closes. */
const RETURN_FOCUS_ID = 'edit-details-button'

function returnFocus(): void {
  requestAnimationFrame(() => document.getElementById(RETURN_FOCUS_ID)?.focus())
}

interface DetailsEditorProps {
  readonly article: Article
  /** The values the importer extracted, for "Restore extracted value"; null while unknown. */
  readonly extracted: ArticleVersion | null
  readonly focusField: EditableMetaField
}

/**
 * The article's details, editable in place of the header: one field per row
 * of `EDITABLE_META_FIELDS`, each checked as it is typed. Enter saves,
 * Escape cancels, Tab moves between fields. A corrected field is marked and
 * can be put back to its extracted value.
 */
export function DetailsEditor({ article, extracted, focusField }: DetailsEditorProps) {
  const [initial, setInitial] = useState<MetaValues>(() => formValuesOf(article))
  const [values, setValues] = useState<MetaValues>(initial)
  const [error, setError] = useState<AppError | null>(null)
  // While a save or restore is on its way, further presses are ignored; nothing is
  // disabled, so focus never falls out of the form.
  const busy = useRef(false)
  const [tried, setTried] = useState(false)
  const [refocus, setRefocus] = useState<{ field: EditableMetaField } | null>(null)
  const problems = useMemo(() => formProblems(values, initial), [values, initial])
  const formId = useId()
  const inputs = useRef(new Map<EditableMetaField, HTMLInputElement>())

  useEffect(() => {
    const input = inputs.current.get(focusField)
    input?.focus()
    input?.select()
  }, [focusField])

  // Before the browser paints, so no key press lands on the page in between.
  useLayoutEffect(() => {
    if (refocus) inputs.current.get(refocus.field)?.focus()
  }, [refocus])

  const cancel = () => {
    closeDetailsEditor()
    returnFocus()
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    if (busy.current) return
    setTried(true)
    const firstProblem = EDITABLE_META_FIELDS.find((f) => problems[f.key])
    if (firstProblem) {
      inputs.current.get(firstProblem.key)?.focus()
      return
    }
    busy.current = true
    const failed = await saveDetails(article.id, metaPatchOf(values, initial))
    busy.current = false
    if (failed) {
      setError(failed)
      return
    }
    closeDetailsEditor()
    returnFocus()
  }

  const restore = async (key: EditableMetaField) => {
    if (busy.current) return
    busy.current = true
    const failed = await restoreExtracted(article.id, key)
    busy.current = false
    if (failed) {
      setError(failed)
      return
    }
    const value = extracted?.[key] ?? ''
    setValues((v) => ({ ...v, [key]: value }))
    setInitial((v) => ({ ...v, [key]: value }))
    // The restore button goes with the mark; the keyboard stays on the field.
    setRefocus({ field: key })
  }

  return (
    <form
      className="details-editor"
      aria-label="Article details"
      noValidate
      onSubmit={(e) => void submit(e)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return
        e.preventDefault()
        e.stopPropagation()
        cancel()
      }}
    >
      <div className="details-grid">
        {EDITABLE_META_FIELDS.map((field) => {
          const id = `${formId}-${field.key}`
          const problem = problems[field.key]
          const edited = article.edited.includes(field.key)
          const was = extracted ? extracted[field.key] : undefined
          return (
            <div key={field.key} className={`details-row details-${field.key}`}>
              <label htmlFor={id} className="details-label">
                {field.label}
                {edited && (
                  <span
                    className="edited-mark static"
                    title={was !== undefined ? `Extracted: ${extractedText(was)}` : undefined}
                  >
                    edited
                  </span>
                )}
              </label>
              <div className="details-control">
                <input
                  id={id}
                  ref={(el) => {
                    if (el) inputs.current.set(field.key, el)
                    else inputs.current.delete(field.key)
                  }}
                  className="text-field"
                  type="text"
                  value={values[field.key]}
                  placeholder={FIELD_PLACEHOLDERS[field.key]}
                  maxLength={field.maxLength}
                  spellCheck={field.key === 'title' || field.key === 'byline'}
                  aria-invalid={problem ? 'true' : undefined}
                  aria-describedby={
                    [problem ? `${id}-problem` : '', edited ? `${id}-extracted` : '']
                      .filter(Boolean)
                      .join(' ') || undefined
                  }
                  onChange={(e) => {
                    const value = e.currentTarget.value
                    setValues((v) => ({ ...v, [field.key]: value }))
                    setError(null)
                  }}
                />
                {problem && (
                  <p
                    id={`${id}-problem`}
                    className="field-hint field-error"
                    role={tried ? 'alert' : undefined}
                  >
                    {problem}
                  </p>
                )}
                {edited && (
                  <p id={`${id}-extracted`} className="field-hint details-extracted">
                    <span>Extracted: {was !== undefined ? extractedText(was) : '…'}</span>
                    <button
                      type="button"
                      className="link-button"
                      disabled={extracted === null}
                      onClick={() => void restore(field.key)}
                    >
                      Restore extracted value
                    </button>
                  </p>
                )}
              </div>
            </div>
          )
        })}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <div className="details-actions">
        <button type="submit" className="button small primary">
          Save
        </button>
        <button type="button" className="button small" onClick={cancel}>
          Cancel
        </button>
        <span className="field-hint">
          <kbd>Enter</kbd> saves · <kbd>Esc</kbd> cancels · every change can be undone
        </span>
      </div>
    </form>
  )
}
