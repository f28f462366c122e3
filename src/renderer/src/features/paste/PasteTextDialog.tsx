import { useId, useState, type FormEvent, type KeyboardEvent } from 'react'
import { useModalDialog, whenClosed } from '../../components/use-modal-dialog'
import { useWorkbench } from '../../state/workbench-store'
import { closePasteText, submitPastedText } from './paste-text-actions'
import './paste.css'

/**
 * "Paste the text…": a native modal dialog (focus stays inside, Escape
 * cancels) with one text area; Ctrl+Enter (⌘+Enter) or "Use this text"
 * makes the text the article's new version. Errors show in the dialog,
 * which stays open so nothing pasted is lost.
 */
export function PasteTextDialog() {
  const target = useWorkbench((s) => s.pasteTextFor)
  const dialogRef = useModalDialog(target !== null)
  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog paste-text-dialog"
      aria-labelledby="paste-text-title"
      aria-describedby="paste-text-what"
      data-testid="paste-text-dialog"
      onCancel={(event) => {
        event.preventDefault()
        closePasteText()
      }}
      onClose={whenClosed(closePasteText)}
    >
      {target !== null && (
        <PasteTextForm key={target.articleId} articleId={target.articleId} title={target.title} />
      )}
    </dialog>
  )
}

function PasteTextForm({ articleId, title }: { articleId: string; title: string }) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const errorId = useId()
  const submit = async () => {
    if (saving) return
    setSaving(true)
    setError(null)
    const problem = await submitPastedText(articleId, text)
    setSaving(false)
    setError(problem)
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void submit()
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      void submit()
    }
  }
  return (
    <form onSubmit={onSubmit} onKeyDown={onKeyDown} aria-busy={saving}>
      <header className="dialog-header">
        <h2 id="paste-text-title">Paste the text</h2>
        <p className="dialog-subtitle" title={title}>
          {title}
        </p>
      </header>
      <div className="dialog-body confirm-dialog-body">
        <p id="paste-text-what">
          Copy the story from the outlet&apos;s page and paste it here. It becomes this
          article&apos;s new version: the current text is kept, and every annotation is carried
          across. Undo (Ctrl+Z) takes it back.
        </p>
        <label className="visually-hidden" htmlFor="paste-text-area">
          The article&apos;s text
        </label>
        <textarea
          id="paste-text-area"
          className="text-field paste-text-area"
          value={text}
          autoFocus
          spellCheck={false}
          placeholder="Title on the first line, then the story…"
          aria-invalid={error !== null}
          aria-describedby={error !== null ? errorId : undefined}
          readOnly={saving}
          onChange={(event) => {
            setText(event.currentTarget.value)
            if (error !== null) setError(null)
          }}
        />
        {error !== null && (
          <p id={errorId} className="form-error paste-text-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <footer className="dialog-footer">
        <span className="dialog-status" role="status">
          {saving ? 'Saving the new version…' : ''}
        </span>
        <button type="button" className="button" disabled={saving} onClick={closePasteText}>
          Cancel
        </button>
        <button
          type="submit"
          className="button primary"
          disabled={saving}
          aria-keyshortcuts="Control+Enter Meta+Enter"
        >
          {saving ? 'Saving…' : 'Use this text'} <kbd>Ctrl+Enter</kbd>
        </button>
      </footer>
    </form>
  )
}
