/**
 * Settings the analyst configures: the library's claim statuses and the
 * analyst's profile.
 *
 * Why the statuses are in the codebook file: like tags, they are the
 * analyst's controlled vocabulary for this library, travel with it, and
 * change rarely; changing them is undoable like any other codebook change.
 * The profile is the analyst's, not the library's, so it lives in the app's
 * own folder (see `profile.ts`) and its changes are not part of a library's
 * undo history.
 */
import { normaliseClaimStatuses } from '../../shared/domain/annotation'
import type { ChannelParsedInput, Settings } from '../../shared/ipc/contract'
import { WorkbenchError } from '../../shared/ipc/result'
import type { LibraryStore } from '../store/library-store'
import { historyFor, type ServiceDeps } from './history'
import type { ProfileStore } from './profile'

/** A change to the settings: the contract's `settings:update` patch, as validated. */
export type SettingsPatch = ChannelParsedInput<'settings:update'>['patch']

/** The library's settings and the analyst's profile. */
export async function getSettings(store: LibraryStore, profiles: ProfileStore): Promise<Settings> {
  return { claimStatuses: store.readCodebook().claimStatuses, profile: await profiles.read() }
}

/**
 * Change the settings.
 *
 * Statuses are tidied (trimmed, duplicates dropped); the first is a new
 * claim's status. Claims keep a status that is no longer listed until it is
 * changed, so nothing the analyst recorded is lost. A profile field that
 * cannot be stored (a URL that is not http or https) fails the whole call
 * with `invalid-input` before anything is changed.
 */
export async function updateSettings(
  patch: SettingsPatch,
  deps: ServiceDeps & { readonly profiles: ProfileStore },
): Promise<Settings> {
  const statuses = patch.claimStatuses && normaliseClaimStatuses(patch.claimStatuses)
  if (statuses?.length === 0) {
    throw new WorkbenchError('invalid-input', 'Keep at least one claim status')
  }
  if (patch.profile) await deps.profiles.update(patch.profile)
  if (statuses) {
    await historyFor(deps.store).run(() => ({
      label: 'Change claim statuses',
      articleIds: [],
      apply: ({ codebook }) => {
        codebook.claimStatuses = statuses
      },
    }))
  }
  return getSettings(deps.store, deps.profiles)
}
