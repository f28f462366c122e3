/**
 * Library settings the analyst configures: for now, the list of claim statuses.
 *
 * Why in the codebook file: like tags, the statuses are the analyst's
 * controlled vocabulary for this library, travel with it, and change rarely;
 * changing them is undoable like any other codebook change.
 */
import { normaliseClaimStatuses } from '../../shared/domain/annotation'
import type { Settings } from '../../shared/ipc/contract'
import { WorkbenchError } from '../../shared/ipc/result'
import type { LibraryStore } from '../store/library-store'
import { historyFor, type ServiceDeps } from './history'

export interface SettingsPatch {
  readonly claimStatuses?: readonly string[]
}

/** The library's settings. */
export function getSettings(store: LibraryStore): Settings {
  return { claimStatuses: store.readCodebook().claimStatuses }
}

/**
 * Change the library's settings.
 *
 * Statuses are tidied (trimmed, duplicates dropped); the first is a new
 * claim's status. Claims keep a status that is no longer listed until it is
 * changed, so nothing the analyst recorded is lost.
 */
export async function updateSettings(patch: SettingsPatch, deps: ServiceDeps): Promise<Settings> {
  const statuses = patch.claimStatuses && normaliseClaimStatuses(patch.claimStatuses)
  if (statuses?.length === 0) {
    throw new WorkbenchError('invalid-input', 'Keep at least one claim status')
  }
  await historyFor(deps.store).run(() => ({
    label: 'Change claim statuses',
    articleIds: [],
    apply: ({ codebook }) => {
      if (statuses) codebook.claimStatuses = statuses
    },
  }))
  return getSettings(deps.store)
}
