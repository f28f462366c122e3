/**
 * Whether the analyst's edits have reached the library.
 *
 * Why count requests: notes, claims, tags and links are saved by different
 * actions, but the status bar needs one answer ("Saving…" or "Saved"), so
 * every write to the library passes through `trackWrite`.
 */
import type { Channel } from '../../../../shared/ipc/channels'
import { createStore, useStore } from '../../state/create-store'

export interface SaveState {
  /** Writes sent to main and not yet answered. */
  readonly inFlight: number
  /** Whether anything was written since the window opened. */
  readonly everSaved: boolean
  /** Whether the last finished write failed. */
  readonly failed: boolean
}

const saveStore = createStore<SaveState>({ inFlight: 0, everSaved: false, failed: false })

/** Channels that change what is saved for an article's annotations. */
const WRITE_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'article:update',
  'annotation:create',
  'annotation:update',
  'annotation:delete',
  'annotation:reattach',
  'claim:update',
  'claim:link',
  'claim:unlink',
])

/** Whether a channel writes the analyst's work. */
export function isWriteChannel(channel: Channel): boolean {
  return WRITE_CHANNELS.has(channel)
}

/** Count a write while it is in flight; `ok` says whether it was saved. */
export async function trackWrite<T>(call: Promise<T>, ok: (value: T) => boolean): Promise<T> {
  saveStore.set((s) => ({ inFlight: s.inFlight + 1 }))
  let saved = false
  try {
    const value = await call
    saved = ok(value)
    return value
  } finally {
    saveStore.set((s) => ({ inFlight: s.inFlight - 1, everSaved: true, failed: !saved }))
  }
}

export function useSaveState<T>(selector: (state: SaveState) => T): T {
  return useStore(saveStore, selector)
}
