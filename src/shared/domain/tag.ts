/**
 * Tag names and their identity.
 *
 * Why: "BMW", " bmw " and "Bmw" must be one tag, and the casing the analyst
 * typed first must be kept. Every place that compares tags goes through
 * `tagKey`, and every name that enters the library through
 * `normaliseTagName`, so the rule lives in one spot; what counts as the same
 * name (composed, case-folded, diacritics kept) is `nameKey` in the folding
 * module, shared with claim statuses and search.
 */
import { composedName, nameKey } from '../search/fold'

/** Compose a tag name (NFC), trim it, collapse internal whitespace and tidy the `/` separators. */
export function normaliseTagName(name: string): string {
  return composedName(name)
    .split('/')
    .map((part) => part.replace(/\s+/gu, ' ').trim())
    .filter((part) => part.length > 0)
    .join('/')
}

const keyCache = new Map<string, string>()
const KEY_CACHE_LIMIT = 50_000

/**
 * The identity of a tag: its normalised name, composed and case-folded.
 *
 * "Café" typed composed and "Café" typed decomposed (as macOS and some
 * pasted text spell it, and as a library written before names were composed
 * may hold it) are one tag; "Café" and "Cafe" are two.
 *
 * Memoised: opening a library and every codebook count ask for the key of
 * the same few hundred names hundreds of thousands of times.
 */
export function tagKey(name: string): string {
  let key = keyCache.get(name)
  if (key === undefined) {
    key = nameKey(normaliseTagName(name))
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache.clear()
    keyCache.set(name, key)
  }
  return key
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
    const key = tagKey(name)
    if (name.length === 0 || seen.has(key)) continue
    seen.add(key)
    out.push(name)
  }
  return out
}

/** The segments of a tag's path: `entity/company/BMW` -> `['entity', 'company', 'BMW']`. */
export function tagSegments(name: string): string[] {
  const normalised = normaliseTagName(name)
  return normalised.length === 0 ? [] : normalised.split('/')
}

/** The parent of a tag in the hierarchy, or null at the top level: `entity/company/BMW` -> `entity/company`. */
export function tagParent(name: string): string | null {
  const segments = tagSegments(name)
  return segments.length > 1 ? segments.slice(0, -1).join('/') : null
}

/** The last segment of a tag's path: `entity/company/BMW` -> `BMW`. */
export function tagLeaf(name: string): string {
  return tagSegments(name).at(-1) ?? ''
}

/**
 * Whether a tag is `ancestor` itself or nested anywhere under it.
 *
 * Compared by identity, so `Entity/BMW` is within `entity`; `entity2` is not
 * within `entity`.
 */
export function isTagWithin(name: string, ancestor: string): boolean {
  const key = tagKey(name)
  const root = tagKey(ancestor)
  return root.length > 0 && (key === root || key.startsWith(`${root}/`))
}

/**
 * Re-root a tag: the part of `name` below `from` goes below `to`.
 *
 * `a/b/c` re-rooted from `a/b` to `x` is `x/c`; `a/b` itself becomes `x`.
 * The suffix keeps its own casing. Null when `name` is not within `from`.
 */
export function reparentTagName(name: string, from: string, to: string): string | null {
  if (!isTagWithin(name, from)) return null
  const suffix = tagSegments(name).slice(tagSegments(from).length)
  return [...tagSegments(to), ...suffix].join('/')
}
