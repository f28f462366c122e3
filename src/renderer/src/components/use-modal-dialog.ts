/**
 * Keep a native `<dialog>` shown as a modal exactly while `open` is true.
 *
 * Why: the app's dialogs are native modal dialogs (focus stays inside,
 * Escape cancels), but whether one is open lives in app state; this hook is
 * the one place that reconciles the two.
 */
import { useEffect, useRef, type RefObject } from 'react'

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
