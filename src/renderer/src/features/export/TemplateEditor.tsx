/**
 * The briefing template editor, and the template choice of the export dialog.
 *
 * Why: analysts customise their briefings with Liquid templates
 * (docs/templates.md). Writing one blind is slow, so the editor shows the
 * selected articles rendered live as they type, and a template mistake is
 * marked at its line in the editor and named in words below it. Templates
 * are the analyst's files in the library: nothing is overwritten or deleted
 * without a confirmation, and closing with unsaved changes asks first. The
 * preview goes through main (`template:preview`), which renders under the
 * sandbox and limits of `shared/export/template.ts`.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react'
import { Editor } from '@monaco-editor/react'
import type { editor as MonacoEditor } from 'monaco-editor'
import type { TemplateFile, TemplateSummary } from '../../../../shared/ipc/contract'
import type { TemplateError } from '../../../../shared/export/template'
import { BUILT_IN_TEMPLATE_ID } from '../../../../shared/export/default-template'
import { invoke, reportError, request } from '../../api'
import { monaco } from '../../monaco/setup-monaco'
import { useModalDialog } from '../../components/use-modal-dialog'
import { useTheme } from '../theme/theme'
import './template-editor.css'

const BUILT_IN_TEMPLATE = BUILT_IN_TEMPLATE_ID

/** How long typing must pause before the preview is rendered again. */
const PREVIEW_DELAY_MS = 400

const MARKER_OWNER = 'briefing-template'

const STARTER = `# {{ briefing.title }}

{% for article in articles -%}
## {{ article.title }}

{% for a in article.annotations -%}
{{ a.quote | quote }}

{% endfor -%}
{% endfor -%}
`

/** What the export covers: the articles named, or every match of a search. */
export type TemplateTarget = { readonly articleIds: string[] } | { readonly query: string }

const EDITOR_OPTIONS: MonacoEditor.IStandaloneEditorConstructionOptions = {
  ariaLabel: 'Template source (Liquid)',
  editContext: false,
  minimap: { enabled: false },
  wordWrap: 'on',
  fontSize: 12.5,
  lineHeight: 19,
  automaticLayout: true,
  scrollBeyondLastLine: false,
  // Tab moves focus out of the editor, so the dialog stays keyboard-navigable.
  tabFocusMode: true,
  unicodeHighlight: { ambiguousCharacters: false },
  padding: { top: 8, bottom: 8 },
}

const PREVIEW_OPTIONS: MonacoEditor.IStandaloneEditorConstructionOptions = {
  ...EDITOR_OPTIONS,
  ariaLabel: 'Template preview',
  readOnly: true,
  domReadOnly: true,
  lineNumbers: 'off',
  folding: false,
  renderLineHighlight: 'none',
}

function describeError(error: TemplateError): string {
  return error.line === null
    ? error.message
    : `Line ${error.line}, column ${error.column ?? 1}: ${error.message}`
}

interface TemplatePickerProps {
  /** The chosen template's name; null for the built-in briefing. */
  readonly value: string | null
  readonly onChange: (name: string | null) => void
  /** The articles the preview renders; null when there are none. */
  readonly target: TemplateTarget | null
}

/**
 * "Template: [Built-in briefing ▾] Edit templates…" for the export dialog.
 *
 * The built-in briefing means the export's own Markdown briefing (no template).
 */
export function TemplatePicker({ value, onChange, target }: TemplatePickerProps) {
  const [templates, setTemplates] = useState<readonly TemplateSummary[]>([])
  const [editing, setEditing] = useState(false)
  const reload = useCallback(async () => {
    const list = await request('template:list', {})
    if (list) setTemplates(list)
  }, [])
  useEffect(() => {
    void request('template:list', {}).then((list) => {
      if (list) setTemplates(list)
    })
  }, [])
  const stored = templates.filter((t) => !t.builtIn)
  // A template deleted meanwhile falls back to the built-in briefing.
  useEffect(() => {
    if (value !== null && templates.length > 0 && !stored.some((t) => t.name === value)) {
      onChange(null)
    }
  }, [templates, stored, value, onChange])

  return (
    <div className="template-picker">
      <label className="template-picker-label">
        Template
        <select
          value={value ?? BUILT_IN_TEMPLATE}
          onChange={(event) =>
            onChange(
              event.currentTarget.value === BUILT_IN_TEMPLATE ? null : event.currentTarget.value,
            )
          }
        >
          <option value={BUILT_IN_TEMPLATE}>Built-in briefing</option>
          {stored.map((t) => (
            <option key={t.name} value={t.name}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="button" onClick={() => setEditing(true)}>
        Edit templates…
      </button>
      {editing && (
        <TemplateEditor
          initial={value ?? BUILT_IN_TEMPLATE}
          target={target}
          onClose={(chosen) => {
            setEditing(false)
            void reload()
            if (chosen !== undefined) onChange(chosen === BUILT_IN_TEMPLATE ? null : chosen)
          }}
        />
      )}
    </div>
  )
}

/** What the analyst is editing: a stored or built-in template, or a new one not saved yet. */
type Editing =
  | { readonly kind: 'stored'; readonly name: string; readonly builtIn: boolean }
  | { readonly kind: 'new' }

type Confirm =
  | { readonly kind: 'delete'; readonly name: string }
  | { readonly kind: 'discard'; readonly then: () => void }

interface TemplateEditorProps {
  readonly initial: string
  readonly target: TemplateTarget | null
  /** Called when the editor closes, with the template to use (undefined: leave the choice). */
  readonly onClose: (chosen?: string) => void
}

/** The template editor: list, source, live preview; New, Duplicate, Save, Delete. */
export function TemplateEditor({ initial, target, onClose }: TemplateEditorProps) {
  const dialogRef = useModalDialog(true)
  const dark = useTheme((s) => s.theme === 'dark')
  const [templates, setTemplates] = useState<readonly TemplateSummary[]>([])
  const [editing, setEditing] = useState<Editing | null>(null)
  const [source, setSource] = useState('')
  const [savedSource, setSavedSource] = useState('')
  const [newName, setNewName] = useState('')
  const [preview, setPreview] = useState<{ text: string | null; error: TemplateError | null }>({
    text: null,
    error: null,
  })
  const [status, setStatus] = useState('')
  const [confirm, setConfirm] = useState<Confirm | null>(null)
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null)
  const confirmRef = useRef<HTMLButtonElement | null>(null)

  const dirty = editing?.kind === 'new' || source !== savedSource
  const readOnly = editing?.kind === 'stored' && editing.builtIn

  const show = useCallback((file: TemplateFile) => {
    setEditing({ kind: 'stored', name: file.name, builtIn: file.builtIn })
    setSource(file.source)
    setSavedSource(file.source)
    setStatus(
      file.builtIn ? 'The built-in template is read-only: Duplicate it to make your own.' : '',
    )
  }, [])
  const load = useCallback(
    async (name: string) => {
      const file = await request('template:get', { name })
      if (file) show(file)
    },
    [show],
  )

  const reload = useCallback(async () => {
    const list = await request('template:list', {})
    if (list) setTemplates(list)
  }, [])

  useEffect(() => {
    void request('template:list', {}).then((list) => {
      if (list) setTemplates(list)
    })
    void request('template:get', { name: initial }).then((file) => {
      if (file) show(file)
    })
  }, [show, initial])

  /** Run `action` now, or after the analyst agrees to lose unsaved changes. */
  const guard = (action: () => void) => {
    if (dirty) setConfirm({ kind: 'discard', then: action })
    else action()
  }

  useEffect(() => {
    if (confirm !== null) confirmRef.current?.focus()
  }, [confirm])

  // The preview: rendered by main a moment after typing stops.
  useEffect(() => {
    if (target === null || editing === null) return
    let live = true
    const timer = setTimeout(() => {
      void invoke('template:preview', { ...target, source }).then((result) => {
        if (!live) return
        if (result.ok) setPreview({ text: result.value.text, error: result.value.error })
        else
          setPreview({
            text: null,
            error: { message: result.error.message, line: null, column: null },
          })
      })
    }, PREVIEW_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [source, target, editing])

  // A template error as a marker at its line in the editor.
  useEffect(() => {
    const model = editorRef.current?.getModel()
    if (!model) return
    const error = preview.error
    monaco.editor.setModelMarkers(
      model,
      MARKER_OWNER,
      error === null || error.line === null
        ? []
        : [
            {
              severity: monaco.MarkerSeverity.Error,
              message: error.message,
              startLineNumber: error.line,
              startColumn: error.column ?? 1,
              endLineNumber: error.line,
              endColumn: model.getLineMaxColumn(Math.min(error.line, model.getLineCount())),
            },
          ],
    )
  }, [preview.error])

  const startNew = (from: string | null) =>
    guard(() => {
      const base =
        editing?.kind === 'stored'
          ? (templates.find((t) => t.name === editing.name)?.label ?? '')
          : ''
      setEditing({ kind: 'new' })
      setNewName(from === null ? '' : `${base} copy`.trim())
      setSource(from ?? STARTER)
      setSavedSource('')
      setStatus('Name the template and save it.')
    })

  const saveTemplate = async () => {
    if (editing === null || readOnly) return
    const name = editing.kind === 'new' ? newName.trim() : editing.name
    // Saving an open template replaces its file: that is what Save on it means.
    const result = await invoke('template:save', {
      name,
      source,
      ...(editing.kind === 'stored' ? { overwrite: true } : {}),
    })
    if (!result.ok) {
      setStatus(result.error.message)
      if (result.error.code !== 'duplicate' && result.error.code !== 'invalid-input') {
        reportError(result.error)
      }
      return
    }
    setEditing({ kind: 'stored', name: result.value.name, builtIn: false })
    setSavedSource(source)
    setStatus(`Saved “${result.value.label}”.`)
    await reload()
  }

  const deleteTemplate = async (name: string) => {
    setConfirm(null)
    const result = await invoke('template:delete', { name })
    if (!result.ok) {
      reportError(result.error)
      return
    }
    setStatus(`Deleted “${name}”.`)
    await reload()
    await load(BUILT_IN_TEMPLATE)
  }

  const chosen = editing?.kind === 'stored' && !dirty ? editing.name : undefined
  const close = () => guard(() => onClose(chosen))

  let confirmBar: ReactNode = null
  if (confirm?.kind === 'delete') {
    confirmBar = (
      <div className="template-confirm" role="alertdialog" aria-label="Delete template">
        <span>Delete the template “{confirm.name}”? This cannot be undone.</span>
        <button
          ref={confirmRef}
          type="button"
          className="button danger"
          onClick={() => void deleteTemplate(confirm.name)}
        >
          Delete
        </button>
        <button type="button" className="button" onClick={() => setConfirm(null)}>
          Cancel
        </button>
      </div>
    )
  } else if (confirm?.kind === 'discard') {
    confirmBar = (
      <div className="template-confirm" role="alertdialog" aria-label="Unsaved changes">
        <span>The template has unsaved changes. Discard them?</span>
        <button
          ref={confirmRef}
          type="button"
          className="button danger"
          onClick={() => {
            setConfirm(null)
            setSavedSource(source)
            confirm.then()
          }}
        >
          Discard
        </button>
        <button
          type="button"
          className="button"
          onClick={() => {
            setConfirm(null)
            editorRef.current?.focus()
          }}
        >
          Keep editing
        </button>
      </div>
    )
  }

  return (
    <dialog
      ref={dialogRef}
      className="export-dialog template-editor"
      aria-labelledby="template-editor-title"
      onCancel={(event) => {
        // Escape: close, but never lose unsaved work silently.
        event.preventDefault()
        if (confirm !== null) setConfirm(null)
        else close()
      }}
    >
      <header className="dialog-header">
        <h2 id="template-editor-title">Briefing templates</h2>
        <p className="dialog-subtitle">
          Liquid; see docs/templates.md for what a template can use.
        </p>
      </header>
      <div className="dialog-body template-editor-body">
        <nav className="template-list" aria-label="Templates">
          <ul>
            {templates.map((t) => {
              const current = editing?.kind === 'stored' && editing.name === t.name
              return (
                <li key={t.name}>
                  <button
                    type="button"
                    className={`template-list-item${current ? ' current' : ''}`}
                    aria-current={current ? 'true' : undefined}
                    onClick={() => guard(() => void load(t.name))}
                  >
                    {t.label}
                    {t.builtIn && <span className="template-list-note"> (read-only)</span>}
                  </button>
                </li>
              )
            })}
            {editing?.kind === 'new' && (
              <li>
                <span className="template-list-item current">New template</span>
              </li>
            )}
          </ul>
          <div className="template-list-actions">
            <button type="button" className="button" onClick={() => startNew(null)}>
              New
            </button>
            <button
              type="button"
              className="button"
              disabled={editing === null}
              onClick={() => startNew(source)}
            >
              Duplicate
            </button>
          </div>
        </nav>
        <section className="template-source" aria-label="Template">
          {editing?.kind === 'new' && (
            <label className="template-name">
              Name
              <input
                type="text"
                value={newName}
                maxLength={80}
                onChange={(event) => setNewName(event.currentTarget.value)}
              />
            </label>
          )}
          <div className="template-editor-frame">
            <Editor
              height="100%"
              language="liquid"
              value={source}
              theme={dark ? 'vs-dark' : 'vs'}
              options={{ ...EDITOR_OPTIONS, readOnly }}
              onMount={(instance) => {
                editorRef.current = instance
              }}
              onChange={(value) => setSource(value ?? '')}
              loading={<p className="empty-hint">Loading the editor…</p>}
            />
          </div>
          <p
            className={`template-message${preview.error ? ' error' : ''}`}
            role="status"
            data-testid="template-message"
          >
            {preview.error ? describeError(preview.error) : status}
          </p>
        </section>
        <section className="template-preview" aria-label="Preview">
          {target === null ? (
            <p className="empty-hint">Choose articles to export to see a preview.</p>
          ) : (
            <Editor
              height="100%"
              language="markdown"
              value={preview.text ?? ''}
              theme={dark ? 'vs-dark' : 'vs'}
              options={PREVIEW_OPTIONS}
              loading={<p className="empty-hint">Loading the preview…</p>}
            />
          )}
        </section>
      </div>
      <footer className="dialog-footer">
        {confirmBar}
        <button
          type="button"
          className="button danger"
          disabled={editing?.kind !== 'stored' || editing.builtIn}
          onClick={() => {
            if (editing?.kind === 'stored') setConfirm({ kind: 'delete', name: editing.name })
          }}
        >
          Delete…
        </button>
        <button
          type="button"
          className="button primary"
          disabled={readOnly || editing === null || (editing.kind === 'stored' && !dirty)}
          onClick={() => void saveTemplate()}
        >
          Save
        </button>
        <button type="button" className="button" onClick={close}>
          Close
        </button>
      </footer>
    </dialog>
  )
}
