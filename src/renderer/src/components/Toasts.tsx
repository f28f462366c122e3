import type { FocusEvent } from 'react'
import { dismissToast, holdToast, runToastAction, useToasts } from './toast-store'

/** Whether focus moved to somewhere outside the element it left. */
function leftElement(event: FocusEvent<HTMLElement>): boolean {
  return !(event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget))
}

/** The stack of toasts in the corner of the window; errors are announced at once. */
export function Toasts() {
  const toasts = useToasts()
  return (
    <section className="toasts" aria-label="Notifications">
      {toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          onMouseEnter={() => holdToast(toast.id, true)}
          onMouseLeave={() => holdToast(toast.id, false)}
          onFocus={() => holdToast(toast.id, true)}
          onBlur={(event) => {
            if (leftElement(event)) holdToast(toast.id, false)
          }}
        >
          <div className="toast-body">
            <p className="toast-message">{toast.message}</p>
            {toast.details !== undefined && (
              <details className="toast-details">
                <summary>Details</summary>
                <pre>{toast.details}</pre>
              </details>
            )}
          </div>
          {toast.action && (
            <button
              type="button"
              className="button small toast-action"
              aria-keyshortcuts={toast.action.keys}
              title={
                toast.action.keys
                  ? `${toast.action.label} (${keyLabel(toast.action.keys)})`
                  : undefined
              }
              onClick={() => runToastAction(toast)}
            >
              {toast.action.label}
            </button>
          )}
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss notification"
            onClick={() => dismissToast(toast.id)}
          >
            ×
          </button>
        </div>
      ))}
    </section>
  )
}

/** `Control+Z` as the analyst reads it: `Ctrl+Z`. */
function keyLabel(keys: string): string {
  return keys.replace(/Control/g, 'Ctrl')
}
