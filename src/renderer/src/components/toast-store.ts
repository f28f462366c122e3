/**
 * Transient messages for the user: errors from main, confirmations.
 *
 * Why a module of its own: any action can fail, and the API helper reports
 * failures here without knowing which screen is showing. A toast can carry
 * one action ("Undo", "Open"); it then stays longer, and no toast goes
 * while the pointer or the keyboard is on it, so its button can be reached.
 */
import { createStore, useStore } from '../state/create-store'

export type ToastKind = 'error' | 'info'

/** A button on a toast: what it says and what it does. The toast closes when it is pressed. */
export interface ToastAction {
  readonly label: string
  readonly run: () => void | Promise<void>
  /** The key that does the same, for `aria-keyshortcuts` and the tooltip (e.g. `Control+Z`). */
  readonly keys?: string
}

export interface Toast {
  readonly id: number
  readonly kind: ToastKind
  readonly message: string
  /** Extra text for a bug report, shown collapsed. */
  readonly details?: string
  readonly action?: ToastAction
}

const toastStore = createStore<{ toasts: readonly Toast[] }>({ toasts: [] })
let nextId = 1

/** How long an info toast stays; errors stay until dismissed so they can be read. */
const INFO_TOAST_MS = 5000
/** A toast with an action stays long enough to reach its button. */
const ACTION_TOAST_MS = 10_000
const MAX_TOASTS = 5

/** Toasts the pointer or focus is on: they wait to go until left. */
const held = new Set<number>()
/** Held toasts whose time ran out: they go when left. */
const expired = new Set<number>()

function expire(id: number): void {
  if (held.has(id)) expired.add(id)
  else dismissToast(id)
}

function add(toast: Toast, lifetime: number | null): number {
  toastStore.set((s) => ({ toasts: [...s.toasts, toast].slice(-MAX_TOASTS) }))
  if (lifetime !== null) setTimeout(() => expire(toast.id), lifetime)
  return toast.id
}

/** Show a toast; returns its id. */
export function showToast(kind: ToastKind, message: string, details?: string): number {
  const id = nextId++
  const toast: Toast =
    details === undefined ? { id, kind, message } : { id, kind, message, details }
  return add(toast, kind === 'info' ? INFO_TOAST_MS : null)
}

/** Show an info toast with one action (e.g. "Undo"); returns its id. */
export function showActionToast(message: string, action: ToastAction): number {
  return add({ id: nextId++, kind: 'info', message, action }, ACTION_TOAST_MS)
}

export function dismissToast(id: number): void {
  held.delete(id)
  expired.delete(id)
  toastStore.set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) }))
}

/** The pointer or focus came to a toast (`true`) or left it (`false`). */
export function holdToast(id: number, hold: boolean): void {
  if (hold) {
    held.add(id)
    return
  }
  held.delete(id)
  if (expired.has(id)) dismissToast(id)
}

/** Press a toast's action: the toast closes, then the action runs. */
export function runToastAction(toast: Toast): void {
  dismissToast(toast.id)
  void toast.action?.run()
}

export function useToasts(): readonly Toast[] {
  return useStore(toastStore, (s) => s.toasts)
}
