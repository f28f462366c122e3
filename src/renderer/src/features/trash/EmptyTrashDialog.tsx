import { useMemo, useState } from 'react'
import { useModalDialog, whenClosed } from '../../components/use-modal-dialog'
import { useWorkbench } from '../../state/workbench-store'
import { closeEmptyTrash, emptyTrash } from './trash-actions'
import { describeTrashContents, trashContents } from './trash-words'

/** The most titles the confirmation lists; the rest are counted. */
const MAX_TITLES = 5

/**
 * "Empty trash…": says exactly what is removed for good, and that it cannot
 * be undone. A native modal dialog: focus stays inside, starts on Cancel
 * (the safe choice), and returns to "Empty trash…" when it closes.
 */
export function EmptyTrashDialog() {
  const open = useWorkbench((s) => s.emptyTrashOpen)
  const dialogRef = useModalDialog(open)
  return (
    <dialog
      ref={dialogRef}
      className="confirm-dialog"
      aria-labelledby="empty-trash-title"
      aria-describedby="empty-trash-what"
      onCancel={closeEmptyTrash}
      onClose={whenClosed(closeEmptyTrash)}
    >
      {open && <EmptyTrashContent />}
    </dialog>
  )
}

function EmptyTrashContent() {
  const trash = useWorkbench((s) => s.trash)
  // What the dialog names is what it removes, even if the trash changes meanwhile.
  const [shown] = useState(trash)
  const contents = useMemo(() => trashContents(shown), [shown])
  const [busy, setBusy] = useState(false)
  return (
    <>
      <header className="dialog-header">
        <h2 id="empty-trash-title">Empty the trash?</h2>
      </header>
      <div className="dialog-body confirm-dialog-body">
        <p id="empty-trash-what">
          {capitalise(describeTrashContents(contents))} will be removed for good.{' '}
          <strong>This cannot be undone.</strong>
        </p>
        <ul className="confirm-dialog-list">
          {shown.slice(0, MAX_TITLES).map((a) => (
            <li key={a.id}>{a.title}</li>
          ))}
          {shown.length > MAX_TITLES && <li>and {shown.length - MAX_TITLES} more</li>}
        </ul>
      </div>
      <footer className="dialog-footer">
        <span className="dialog-status" />
        <button type="button" className="button" autoFocus onClick={closeEmptyTrash}>
          Cancel
        </button>
        <button
          type="button"
          className="button danger-solid"
          disabled={busy}
          onClick={() => {
            setBusy(true)
            void emptyTrash(shown.map((a) => a.id)).then((emptied) => {
              setBusy(false)
              closeEmptyTrash()
              // "Empty trash…" went with what it emptied: the keyboard goes to the trash's heading.
              if (emptied)
                requestAnimationFrame(() => document.getElementById('trash-title')?.focus())
            })
          }}
        >
          Remove for good
        </button>
      </footer>
    </>
  )
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
