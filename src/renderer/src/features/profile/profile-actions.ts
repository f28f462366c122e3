/**
 * Opening, closing and saving the analyst's profile.
 *
 * Why in app state: the shortcuts need to know a modal dialog has the
 * keyboard, and the keyboard goes back to the button that opened it.
 */
import type { AnalystProfile } from '../../../../shared/domain/profile'
import { invoke } from '../../api'
import { showToast } from '../../components/toast-store'
import { workbench } from '../../state/workbench-store'

let returnFocusTo: HTMLElement | null = null

/** Open the Profile dialog. */
export function openProfile(): void {
  const active = document.activeElement
  returnFocusTo = active instanceof HTMLElement ? active : null
  workbench.set({ profileOpen: true })
}

/** Close it; the keyboard goes back to where it was. */
export function closeProfile(): void {
  if (!workbench.get().profileOpen) return
  workbench.set({ profileOpen: false })
  const back = returnFocusTo
  returnFocusTo = null
  if (back?.isConnected) requestAnimationFrame(() => back.focus())
}

/** The stored profile, or an error message to show in the dialog. */
export async function loadProfile(): Promise<AnalystProfile | string> {
  const result = await invoke('settings:get', {})
  return result.ok ? result.value.profile : result.error.message
}

/** Save the profile; returns the error to show (the dialog stays open), or null when saved. */
export async function saveProfile(profile: AnalystProfile): Promise<string | null> {
  const result = await invoke('settings:update', { patch: { profile } })
  if (!result.ok) return result.error.message
  showToast('info', 'Profile saved: exports now name you as their author.')
  closeProfile()
  return null
}
