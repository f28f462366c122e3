/**
 * `workbench profile`: show or change the analyst's profile.
 *
 * Why a file of its own: the profile is the analyst's, not a library's, so
 * this command opens no library; it reads and writes the same
 * `profile.json` in the app's userData folder as the window's Profile
 * dialog (see `src/main/services/profile.ts`).
 */
import { parseArgs } from 'node:util'
import { PROFILE_FIELDS, type AnalystProfile, type ProfilePatch } from '../shared/domain/profile'
import type { ProfileStore } from '../main/services/profile'

export const PROFILE_USAGE = `  profile [--name <n>] [--organisation <o>] [--url <u>] [--publish-base-url <u>] [--json]
                                   show the analyst's profile (the author of exports), or
                                   change it (an empty value clears a field); ClaimReview
                                   needs --publish-base-url, the page the checks appear on
                                   (each claim at <url>#<annotation id>)`

export interface ProfileCommandIo {
  readonly out: (text: string) => void
  readonly profiles: ProfileStore
  /** The command line's usage error (exit code 2). */
  readonly usage: (message: string) => Error
}

/** Run `workbench profile`; returns the exit code (a bad value throws `invalid-input`). */
export async function profileCommand(
  args: readonly string[],
  io: ProfileCommandIo,
): Promise<number> {
  let values: Record<string, string | boolean | undefined>
  try {
    ;({ values } = parseArgs({
      args: [...args],
      options: {
        ...Object.fromEntries(PROFILE_FIELDS.map((f) => [f.option, { type: 'string' as const }])),
        json: { type: 'boolean' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw io.usage((error as Error).message.split('\n')[0] ?? 'bad arguments')
  }
  const patch: Record<string, string> = {}
  for (const field of PROFILE_FIELDS) {
    const value = values[field.option]
    if (typeof value === 'string') patch[field.key] = value
  }
  const profile =
    Object.keys(patch).length > 0
      ? await io.profiles.update(patch as ProfilePatch)
      : await io.profiles.read()
  io.out(values.json === true ? `${JSON.stringify(profile, null, 2)}\n` : formatProfile(profile))
  return 0
}

/** The profile as `Label: value` lines, `-` for a field not set. */
export function formatProfile(profile: AnalystProfile): string {
  return PROFILE_FIELDS.map((f) => `${f.label}: ${profile[f.key] || '-'}\n`).join('')
}
