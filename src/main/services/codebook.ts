/**
 * The codebook: tag records, their colours, descriptions, keyboard slots and derived counts.
 *
 * Why: tags are typed freely on annotations, but the codebook must know
 * every tag (with a stable colour) and count its uses without opening every
 * article file; counts are summed from the index's per-article cache and
 * never stored on the tag itself, so they cannot go stale. Renaming, merging,
 * moving and deleting, which rewrite articles, live in `tag-tree.ts`.
 */
import { normaliseTagList, normaliseTagName, tagKey } from '../../shared/domain/tag'
import { WorkbenchError } from '../../shared/ipc/result'
import type { ChannelParsedInput, CodebookTag } from '../../shared/ipc/contract'
import type { TagRecord } from '../store/files'
import type { LibraryStore } from '../store/library-store'
import { historyFor, type CodebookDraft, type ServiceDeps } from './history'

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

/** The palette colour fewest tags use, the earliest in the palette on a tie. */
export function nextTagColor(tags: readonly TagRecord[]): string {
  const uses = new Map<string, number>(TAG_PALETTE.map((c) => [c, 0]))
  for (const tag of tags) {
    const color = tag.color.toLowerCase()
    const count = uses.get(color)
    if (count !== undefined) uses.set(color, count + 1)
  }
  let best: string = TAG_PALETTE[0]
  for (const color of TAG_PALETTE) if (uses.get(color)! < uses.get(best)!) best = color
  return best
}

/** The codebook record of a tag, by identity. */
export function findTag(codebook: CodebookDraft, name: string): TagRecord | undefined {
  const key = tagKey(name)
  return codebook.tags.find((t) => tagKey(t.name) === key)
}

/**
 * Make sure every named tag exists in the codebook draft, returning the names in their codebook spelling.
 *
 * The list is normalised first (trimmed, whitespace collapsed, duplicates
 * dropped); a tag typed as "bmw" when "BMW" exists becomes "BMW": the
 * first-seen casing wins. New tags get the least-used palette colour.
 */
export function ensureTags(
  codebook: CodebookDraft,
  names: readonly string[],
  now: string,
): string[] {
  return normaliseTagList(names).map((name) => {
    const existing = findTag(codebook, name)
    if (existing) return existing.name
    codebook.tags.push({
      name,
      color: nextTagColor(codebook.tags),
      description: '',
      slot: null,
      createdAt: now,
    })
    return name
  })
}

/** Normalise a tag name from input, refusing one that is empty once tidied. */
export function requireTagName(name: string): string {
  const normalised = normaliseTagName(name)
  if (normalised.length === 0) {
    throw new WorkbenchError('invalid-input', 'A tag name needs at least one letter or digit')
  }
  return normalised
}

/** The codebook with derived counts, sorted by name. */
export function listCodebook(store: LibraryStore): CodebookTag[] {
  const annotationCounts = new Map<string, number>()
  const articleCounts = new Map<string, number>()
  for (const entry of store.listArticles()) {
    const used = new Set<string>()
    for (const [name, count] of entry.tagCounts) {
      const key = tagKey(name)
      annotationCounts.set(key, (annotationCounts.get(key) ?? 0) + count)
      used.add(key)
    }
    for (const name of entry.tags) used.add(tagKey(name))
    for (const key of used) articleCounts.set(key, (articleCounts.get(key) ?? 0) + 1)
  }
  return store
    .listTags()
    .map((t) => ({
      name: t.name,
      color: t.color,
      description: t.description,
      slot: t.slot,
      createdAt: t.createdAt,
      annotationCount: annotationCounts.get(tagKey(t.name)) ?? 0,
      articleCount: articleCounts.get(tagKey(t.name)) ?? 0,
    }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** One tag of the codebook with its counts. */
export function codebookTag(store: LibraryStore, name: string): CodebookTag {
  const key = tagKey(name)
  const tag = listCodebook(store).find((t) => tagKey(t.name) === key)
  if (!tag) throw new WorkbenchError('not-found', `No tag named "${name}"`)
  return tag
}

export interface NewTag {
  readonly name: string
  readonly color?: string
  readonly description?: string
}

/** Add a tag to the codebook; `duplicate` when a tag with that identity exists. */
export async function createTag(input: NewTag, deps: ServiceDeps): Promise<CodebookTag> {
  const name = requireTagName(input.name)
  const createdAt = deps.now().toISOString()
  const created = await historyFor(deps.store).run(() => ({
    label: `Create tag "${name}"`,
    articleIds: [],
    apply: ({ codebook }) => {
      const existing = findTag(codebook, name)
      if (existing) {
        throw new WorkbenchError('duplicate', `The codebook already has a tag "${existing.name}"`)
      }
      codebook.tags.push({
        name,
        color: input.color?.toLowerCase() ?? nextTagColor(codebook.tags),
        description: input.description?.trim() ?? '',
        slot: null,
        createdAt,
      })
      return name
    },
  }))
  return codebookTag(deps.store, created)
}

/** A change to a tag: the contract's `codebook:update` patch, as validated. */
export type TagPatch = ChannelParsedInput<'codebook:update'>['patch']

function updateLabel(name: string, patch: TagPatch): string {
  const fields = Object.keys(patch).filter((k) => patch[k as keyof TagPatch] !== undefined)
  if (fields.length === 1 && patch.slot !== undefined) {
    return patch.slot === null
      ? `Clear the key of tag "${name}"`
      : `Assign tag "${name}" to key ${patch.slot}`
  }
  if (fields.length === 1 && patch.color !== undefined) return `Change the colour of tag "${name}"`
  if (fields.length === 1 && patch.description !== undefined) {
    return `Edit the description of tag "${name}"`
  }
  return `Edit tag "${name}"`
}

/**
 * Change a tag's colour, description or keyboard slot.
 *
 * A slot belongs to one tag: giving it to this tag takes it from any other.
 */
export async function updateTag(
  name: string,
  patch: TagPatch,
  deps: ServiceDeps,
): Promise<CodebookTag> {
  const wanted = requireTagName(name)
  const updated = await historyFor(deps.store).run(() => ({
    label: updateLabel(findTag(deps.store.readCodebook(), wanted)?.name ?? wanted, patch),
    articleIds: [],
    apply: ({ codebook }) => {
      const tag = findTag(codebook, wanted)
      if (!tag) throw new WorkbenchError('not-found', `No tag named "${wanted}"`)
      if (patch.color !== undefined) tag.color = patch.color.toLowerCase()
      if (patch.description !== undefined) tag.description = patch.description.trim()
      if (patch.slot !== undefined) {
        if (patch.slot !== null) {
          for (const other of codebook.tags) if (other.slot === patch.slot) other.slot = null
        }
        tag.slot = patch.slot
      }
      return tag.name
    },
  }))
  return codebookTag(deps.store, updated)
}
