/**
 * How versions are named in the picker and the banner (pure; unit-tested).
 */
import type { ArticleVersion } from '../../../../shared/domain/article'

/** When a version came into the library, as "5 Dec 2026, 14:02" (or "5 Dec 2026" without the time). */
export function versionDate(iso: string, locale = 'en-GB', withTime = true): string {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit' } : {}),
  })
}

/**
 * A picker option: "Version 2 of 2 (current)", "Version 1 of 2 · 5 Dec 2026";
 * the time is added when another version came the same day.
 */
export function versionOption(
  versions: readonly ArticleVersion[],
  index: number,
  locale = 'en-GB',
): string {
  const head = `Version ${index + 1} of ${versions.length}`
  if (index === versions.length - 1) return `${head} (current)`
  const version = versions[index]
  if (!version) return head
  const day = versionDate(version.addedAt, locale, false)
  const sameDay = versions.some(
    (other, i) => i !== index && versionDate(other.addedAt, locale, false) === day,
  )
  return `${head} · ${sameDay ? versionDate(version.addedAt, locale) : day}`
}
