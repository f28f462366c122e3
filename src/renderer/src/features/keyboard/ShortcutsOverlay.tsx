import { useWorkbench } from '../../state/workbench-store'
import { SHORTCUT_HELP } from './shortcut-table'
import { setShortcutsOpen } from './use-shortcuts'
import { useModalDialog, whenClosed } from '../../components/use-modal-dialog'

/** Every keyboard shortcut, in a modal dialog that Escape closes. */
export function ShortcutsOverlay() {
  const open = useWorkbench((s) => s.shortcutsOpen)
  const dialogRef = useModalDialog(open)

  return (
    <dialog
      ref={dialogRef}
      className="shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      // Escape fires `cancel` at once and `close` a task later; let shortcuts work again at once.
      onCancel={() => setShortcutsOpen(false)}
      onClose={whenClosed(() => setShortcutsOpen(false))}
    >
      {open && (
        <>
          <header className="dialog-header">
            <h2 id="shortcuts-title">Keyboard shortcuts</h2>
            <p className="dialog-subtitle">
              Letters and numbers work while focus is not in a text field.
            </p>
          </header>
          <div className="dialog-body">
            <table className="shortcut-table">
              <tbody>
                {SHORTCUT_HELP.map((s) => (
                  <tr key={s.description + s.keys.join('+')}>
                    <th scope="row">
                      {s.keys.map((k, i) => (
                        <span key={`${k}-${i}`}>
                          {i > 0 && !isSeparator(k) && !isSeparator(s.keys[i - 1]) && (
                            <span className="key-plus">+</span>
                          )}
                          {k === '…' ? (
                            <span className="key-plus">–</span>
                          ) : k === '/' ? (
                            <span className="key-plus">or</span>
                          ) : (
                            <kbd>{k}</kbd>
                          )}
                        </span>
                      ))}
                    </th>
                    <td>{s.description}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <footer className="dialog-footer">
            <span className="dialog-status" />
            <button
              type="button"
              className="button"
              autoFocus
              onClick={() => setShortcutsOpen(false)}
            >
              Close
            </button>
          </footer>
        </>
      )}
    </dialog>
  )
}

/** Keys entries that join keys rather than name one: `…` (a range) and `/` (either). */
function isSeparator(key: string | undefined): boolean {
  return key === '…' || key === '/'
}
