/**
 * Transient messages for the user: errors from main, confirmations.
 *
 * Why a module of its own: any action can fail, and the API helper reports
 * failures here without knowing which screen is showing.
 */
import { createStore, useStore } from '../state/create-store'

export type ToastKind = 'error' | 'info'

export interface Toast {
  readonly id: number
  readonly kind: ToastKind
  readonly message: string
  /** Extra text for a bug report, shown collapsed. */
  readonly details?: string
}

const toastStore = createStore<{ toasts: readonly Toast[] }>({ toasts: [] })
let nextId = 1

/** How long an info toast stays; errors stay until dismissed so they can be read. */
const INFO_TOAST_MS = 5000
const MAX_TOASTS = 5

/** Show a toast; returns its id. */
export function showToast(kind: ToastKind, message: string, details?: string): number {
  const id = nextId++
  const toast: Toast =
    details === undefined ? { id, kind, message } : { id, kind, message, details }
  toastStore.set((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }))
  if (kind === 'info') setTimeout(() => dismissToast(id), INFO_TOAST_MS)
  return id
}

export function dismissToast(id: number): void {
  toastStore.set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
}

export function useToasts(): readonly Toast[] {
  return useStore(toastStore, (s) => s.toasts)
}
