import { useEffect, useRef, useState } from 'react'
import { invoke, reportError, request } from '../../api'
import { showToast } from '../../components/toast-store'
import { useWorkbench } from '../../state/workbench-store'
import { closeExport } from './export-actions'

type SaveState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'saving' }
  | { readonly kind: 'saved'; readonly path: string }
  | { readonly kind: 'conflict'; readonly message: string }

/**
 * The export dialog: the Markdown briefing of the open article, and Save.
 *
 * A native modal `<dialog>`, so focus stays inside and Escape closes it.
 */
export function ExportDialog() {
  const open = useWorkbench((s) => s.exportOpen)
  const article = useWorkbench((s) => s.current?.article ?? null)
  const dialogRef = useRef<HTMLDialogElement>(null)

  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])

  return (
    <dialog
      ref={dialogRef}
      className="export-dialog"
      aria-labelledby="export-title"
      onClose={closeExport}
    >
      {open && article && (
        <ExportContent key={article.id} articleId={article.id} title={article.title} />
      )}
    </dialog>
  )
}

interface ExportContentProps {
  readonly articleId: string
  readonly title: string
}

/**
 * The preview and the save controls for one article.
 *
 * Saving asks main for a path (a native dialog); when the file there was
 * edited by hand outside its keep regions, the analyst decides whether to
 * overwrite.
 */
function ExportContent({ articleId, title }: ExportContentProps) {
  const [preview, setPreview] = useState<string | null>(null)
  const [save, setSave] = useState<SaveState>({ kind: 'idle' })

  useEffect(() => {
    let live = true
    void request('export:preview', { articleIds: [articleId], format: 'md' }).then((value) => {
      if (live) setPreview(value ? value.text : '')
    })
    return () => {
      live = false
    }
  }, [articleId])

  const saveBriefing = async (overwrite: boolean) => {
    setSave({ kind: 'saving' })
    const result = await invoke('export:save', {
      articleIds: [articleId],
      format: 'md',
      ...(overwrite ? { overwrite: true } : {}),
    })
    if (result.ok) {
      setSave({ kind: 'saved', path: result.value.path })
      showToast('info', `Briefing saved to ${result.value.path}`)
    } else if (result.error.code === 'conflict') {
      setSave({ kind: 'conflict', message: result.error.message })
    } else {
      setSave({ kind: 'idle' })
      reportError(result.error)
    }
  }

  return (
    <>
      <header className="dialog-header">
        <h2 id="export-title">Export briefing</h2>
        <p className="dialog-subtitle">{title}</p>
      </header>
      <div className="dialog-body">
        {preview === null ? (
          <p className="empty-hint">Preparing the briefing…</p>
        ) : (
          <pre
            className="export-preview"
            tabIndex={0}
            aria-label="Briefing preview"
            data-testid="export-preview"
          >
            {preview}
          </pre>
        )}
      </div>
      <footer className="dialog-footer">
        <p className="dialog-status" role="status">
          {save.kind === 'saving' && 'Saving…'}
          {save.kind === 'saved' && `Saved to ${save.path}`}
          {save.kind === 'conflict' && save.message}
        </p>
        {save.kind === 'conflict' && (
          <button type="button" className="button danger" onClick={() => void saveBriefing(true)}>
            Overwrite
          </button>
        )}
        <button
          type="button"
          className="button primary"
          disabled={preview === null || save.kind === 'saving'}
          onClick={() => void saveBriefing(false)}
        >
          Save…
        </button>
        <button type="button" className="button" onClick={closeExport}>
          Close
        </button>
      </footer>
    </>
  )
}
