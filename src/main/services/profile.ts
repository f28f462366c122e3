/**
 * Where the analyst's profile is kept: `profile.json` in the app's userData
 * folder, beside the default library and the window state.
 *
 * Why per app, not per library: the profile says who the analyst is and
 * where they publish. It is the same whichever library they open, so it is
 * typed once; and a library handed to a colleague (or a W3C export they
 * import) must not carry the previous analyst's name into the colleague's
 * exports. The command line finds the same file through the same userData
 * folder (`defaultUserDataDir`), so the window and `workbench profile`
 * read and write one profile.
 */
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import {
  applyProfilePatch,
  EMPTY_PROFILE,
  readProfile,
  type AnalystProfile,
  type ProfilePatch,
} from '../../shared/domain/profile'
import { readJsonFile, writeFileDurable } from '../store/durable-file'
import { describeFsError } from '../store/fs-errors'

export const PROFILE_FILE = 'profile.json'

/** Reads and changes the analyst's profile. */
export interface ProfileStore {
  read(): Promise<AnalystProfile>
  /** Apply a checked patch and keep it; throws `invalid-input` naming each bad field. */
  update(patch: ProfilePatch): Promise<AnalystProfile>
}

/** The profile file in a userData folder. */
export function profilePath(userDataDir: string): string {
  return join(userDataDir, PROFILE_FILE)
}

/**
 * The profile kept in a file. A missing or damaged file reads as an empty
 * profile (the analyst fills it in again; nothing else depends on it);
 * changes are written one at a time, atomically.
 */
export function fileProfileStore(path: string): ProfileStore {
  let queue: Promise<unknown> = Promise.resolve()
  const read = async (): Promise<AnalystProfile> => {
    try {
      return readProfile(await readJsonFile(path))
    } catch {
      return EMPTY_PROFILE
    }
  }
  return {
    read,
    update: (patch) => {
      const run = queue.then(async () => {
        const next = applyProfilePatch(await read(), patch)
        try {
          await mkdir(dirname(path), { recursive: true })
          await writeFileDurable(path, `${JSON.stringify(next, null, 2)}\n`)
        } catch (error) {
          throw describeFsError(error, 'save', path)
        }
        return next
      })
      queue = run.catch(() => undefined)
      return run
    },
  }
}

/** A profile held in memory: for tests and tools that have no userData folder. */
export function memoryProfileStore(initial: AnalystProfile = EMPTY_PROFILE): ProfileStore {
  let profile = initial
  return {
    read: async () => profile,
    update: async (patch) => {
      profile = applyProfilePatch(profile, patch)
      return profile
    },
  }
}
