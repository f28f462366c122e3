/**
 * Tag names and their identity.
 *
 * Why: "BMW", " bmw " and "Bmw" must be one tag, and the casing the analyst
 * typed first must be kept. Every place that compares tags goes through
 * `tagKey` so the rule lives in one spot.
 */

/** Trim a tag name, collapse internal whitespace and tidy the `/` separators. */
export function normaliseTagName(name: string): string {
  return name
    .split('/')
    .map((part) => part.replace(/\s+/gu, ' ').trim())
    .filter((part) => part.length > 0)
    .join('/')
}

/** The identity of a tag: its normalised name, case-folded. */
export function tagKey(name: string): string {
  return normaliseTagName(name).toLocaleLowerCase('und')
}

/**
 * Normalise a list of tags, dropping empties and case-insensitive duplicates.
 *
 * The first spelling of each tag wins, so the order the user typed is kept.
 */
export function normaliseTagList(names: readonly string[]): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const raw of names) {
    const name = normaliseTagName(raw)
    const key = name.toLocaleLowerCase('und')
    if (name.length === 0 || seen.has(key)) continue
    seen.add(key)
    out.push(name)
  }
  return out
}
