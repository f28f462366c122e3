/**
 * Keep a native `<dialog>` shown as a modal exactly while `open` is true.
 *
 * Why: the app's dialogs are native modal dialogs (focus stays inside,
 * Escape cancels), but whether one is open lives in app state; this hook is
 * the one place that reconciles the two.
 */
import { useEffect, useRef, type RefObject, type SyntheticEvent } from 'react'

/** A ref for a `<dialog>` that is shown modally while `open` is true. */
export function useModalDialog(open: boolean): RefObject<HTMLDialogElement | null> {
  const dialogRef = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = dialogRef.current
    if (!dialog) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return dialogRef
}

/**
 * A `<dialog>`'s `onClose` that ignores a late event.
 *
 * Why: a dialog's `close` event is fired in a task after it closes. Closed
 * with Escape and opened again at once (Escape, then Enter on the button that
 * opened it, as a keyboard user does), the event of the first closing arrived
 * after the second opening and closed the dialog again. A dialog that is
 * open when its `close` event arrives was opened since: the event is stale.
 */
export function whenClosed(close: () => void): (event: SyntheticEvent<HTMLDialogElement>) => void {
  return (event) => {
    if (!event.currentTarget.open) close()
  }
}
