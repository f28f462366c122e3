/**
 * The codebook: tag records, their colours and derived counts.
 *
 * Why: tags are typed freely on annotations, but the codebook must know
 * every tag (with a stable colour) and count its uses without opening every
 * article file; counts are summed from the index's per-article cache and
 * never stored on the tag itself, so they cannot go stale.
 */
import { tagKey } from '../../shared/domain/tag'
import type { CodebookTag } from '../../shared/ipc/contract'
import type { TagRecord } from '../store/files'
import type { LibraryStore } from '../store/library-store'

/** Colours with at least 4.5:1 contrast against white text and readable as highlight tints. */
export const TAG_PALETTE = [
  '#1f6feb',
  '#b35900',
  '#1a7f37',
  '#a40e26',
  '#8250df',
  '#0e7490',
  '#9a6700',
  '#bf3989',
  '#57606a',
  '#3b5bdb',
] as const

/**
 * Make sure every named tag exists in the codebook, returning the names in their codebook spelling.
 *
 * A tag typed as "bmw" when "BMW" exists becomes "BMW": the first-seen casing wins.
 */
export async function ensureTags(
  store: LibraryStore,
  names: readonly string[],
  now: Date,
): Promise<string[]> {
  const known = new Map(store.listTags().map((t) => [tagKey(t.name), t]))
  const missing = names.filter((n) => !known.has(tagKey(n)))
  if (missing.length > 0) {
    await store.mutateCodebook((draft) => {
      for (const name of missing) {
        if (draft.tags.some((t) => tagKey(t.name) === tagKey(name))) continue
        const record: TagRecord = {
          name,
          color: TAG_PALETTE[draft.tags.length % TAG_PALETTE.length] ?? TAG_PALETTE[0],
          description: '',
          slot: null,
          createdAt: now.toISOString(),
        }
        draft.tags.push(record)
      }
    })
  }
  const current = new Map(store.listTags().map((t) => [tagKey(t.name), t.name]))
  return names.map((n) => current.get(tagKey(n)) ?? n)
}

/** The codebook with annotation counts, sorted by name. */
export function listCodebook(store: LibraryStore): CodebookTag[] {
  const counts = new Map<string, number>()
  for (const entry of store.listArticles()) {
    for (const [name, count] of Object.entries(entry.tagCounts)) {
      const key = tagKey(name)
      counts.set(key, (counts.get(key) ?? 0) + count)
    }
  }
  return store
    .listTags()
    .map((t) => ({
      name: t.name,
      color: t.color,
      annotationCount: counts.get(tagKey(t.name)) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
