import { dismissToast, useToasts } from './toast-store'

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
