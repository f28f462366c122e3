/**
 * The analyst's profile: who publishes what the workbench exports.
 *
 * Why: exports name their author (W3C `creator`, ClaimReview `author`, the
 * briefing's front matter) and a published fact check needs an address
 * (ClaimReview `url`). These belong to the analyst, not to the software, so
 * the analyst says them once here; the window, the command line and every
 * exporter read the same checked value. An empty string means "not set".
 */
import { z } from 'zod'
import { WorkbenchError } from '../ipc/result'

export const MAX_PROFILE_TEXT_LENGTH = 200
export const MAX_PROFILE_URL_LENGTH = 2_000

export interface AnalystProfile {
  /** The analyst's name; '' when not set. */
  readonly name: string
  /** The organisation that publishes the analyst's work; '' when none. */
  readonly organisation: string
  /** A page about the analyst or their organisation (http or https); '' when none. */
  readonly url: string
  /**
   * The address of the page the fact checks are published on (http or
   * https, no `#`); each claim's review is at `<base>#<annotation id>`.
   * '' when not set.
   */
  readonly publishBaseUrl: string
}

export const EMPTY_PROFILE: AnalystProfile = {
  name: '',
  organisation: '',
  url: '',
  publishBaseUrl: '',
}

/** The profile fields, with their labels and command line options, in display order. */
export const PROFILE_FIELDS = [
  { key: 'name', label: 'Name', option: 'name', kind: 'text' },
  { key: 'organisation', label: 'Organisation', option: 'organisation', kind: 'text' },
  { key: 'url', label: 'URL', option: 'url', kind: 'url' },
  { key: 'publishBaseUrl', label: 'Publishing base URL', option: 'publish-base-url', kind: 'url' },
] as const satisfies readonly {
  key: keyof AnalystProfile
  label: string
  option: string
  kind: 'text' | 'url'
}[]

export type ProfileFieldKey = (typeof PROFILE_FIELDS)[number]['key']

/** Whether a string is an absolute http(s) address. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\/\S+$/iu.test(value)) return false
  try {
    const url = new URL(value)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname.length > 0
  } catch {
    return false
  }
}

/** Why a value cannot be stored in a profile field, or null when it can ('' always can). */
export function profileFieldProblem(key: ProfileFieldKey, value: string): string | null {
  const field = PROFILE_FIELDS.find((f) => f.key === key)!
  const trimmed = value.trim()
  if (trimmed.length === 0) return null
  if (field.kind === 'text') {
    return trimmed.length > MAX_PROFILE_TEXT_LENGTH
      ? `${field.label} is longer than ${MAX_PROFILE_TEXT_LENGTH} characters`
      : null
  }
  if (trimmed.length > MAX_PROFILE_URL_LENGTH)
    return `${field.label} is longer than ${MAX_PROFILE_URL_LENGTH} characters`
  if (!isHttpUrl(trimmed))
    return `${field.label} must be an http or https address like https://example.org/checks`
  if (key === 'publishBaseUrl' && trimmed.includes('#'))
    return `${field.label} cannot contain "#": each claim's review gets its own #anchor on that page`
  return null
}

const profileText = z.string().max(MAX_PROFILE_URL_LENGTH)

/** A change to the profile: any fields; each is checked by {@link applyProfilePatch}. */
export const profilePatchSchema = z.strictObject({
  name: profileText.optional(),
  organisation: profileText.optional(),
  url: profileText.optional(),
  publishBaseUrl: profileText.optional(),
})
export type ProfilePatch = z.infer<typeof profilePatchSchema>

/**
 * The profile with a patch applied: values trimmed, every problem named.
 *
 * Throws `invalid-input` naming each field that cannot be stored; nothing
 * is changed then.
 */
export function applyProfilePatch(profile: AnalystProfile, patch: ProfilePatch): AnalystProfile {
  const next: Record<ProfileFieldKey, string> = { ...profile }
  const problems: string[] = []
  for (const { key } of PROFILE_FIELDS) {
    const value = patch[key]
    if (value === undefined) continue
    const problem = profileFieldProblem(key, value)
    if (problem !== null) problems.push(problem)
    else next[key] = value.trim()
  }
  if (problems.length > 0) throw new WorkbenchError('invalid-input', problems.join('; '))
  return next
}

/**
 * Read a stored profile leniently: a field that is missing or not valid is
 * left unset, so a hand-edited file never stops the app from starting.
 */
export function readProfile(raw: unknown): AnalystProfile {
  if (typeof raw !== 'object' || raw === null) return EMPTY_PROFILE
  const record = raw as Record<string, unknown>
  const profile: Record<ProfileFieldKey, string> = { ...EMPTY_PROFILE }
  for (const { key } of PROFILE_FIELDS) {
    const value = Object.hasOwn(record, key) ? record[key] : undefined
    if (typeof value === 'string' && profileFieldProblem(key, value) === null) {
      profile[key] = value.trim()
    }
  }
  return profile
}

/** The profile as exporters take it: the author, or null when neither name nor organisation is set. */
export function profileAuthor(
  profile: AnalystProfile,
): { name: string; organisation?: string; url?: string } | null {
  const name = profile.name || profile.organisation
  if (name.length === 0) return null
  return {
    name,
    ...(profile.organisation && profile.name ? { organisation: profile.organisation } : {}),
    ...(profile.url ? { url: profile.url } : {}),
  }
}
