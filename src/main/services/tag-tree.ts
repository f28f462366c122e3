/**
 * Renaming, merging, moving and deleting tags, with their children, everywhere they are used.
 *
 * Why together: the four are one operation, "rewrite every tag within X",
 * with different rewrites (rename to, merge into, drop). The articles to
 * rewrite are found from the index's per-article tag counts and article
 * tags, so a rename touches only the files that use the tag, and each runs
 * as one command so undo restores every tag and every assignment at once.
 */
import {
  isTagWithin,
  normaliseTagList,
  reparentTagName,
  tagKey,
  tagLeaf,
  tagSegments,
} from '../../shared/domain/tag'
import { WorkbenchError } from '../../shared/ipc/result'
import type { TagOperationResult } from '../../shared/ipc/contract'
import type { TagRecord } from '../store/files'
import type { LibraryStore } from '../store/library-store'
import { findTag, listCodebook, requireTagName } from './codebook'
import { historyFor, type CodebookDraft, type ServiceDeps, type Workspace } from './history'

/**
 * Articles that use a tag or anything under it, on an annotation or as an
 * article tag. Articles in the trash count only with `withTrash` (tag
 * operations rewrite them too, so that one restored later agrees with the
 * codebook; exports leave them out).
 */
export function articlesUsingTag(store: LibraryStore, name: string, withTrash = false): string[] {
  return (withTrash ? store.listAllArticles() : store.listArticles())
    .filter(
      (entry) =>
        entry.tagCounts.some(([t]) => isTagWithin(t, name)) ||
        entry.tags.some((t) => isTagWithin(t, name)),
    )
    .map((entry) => entry.id)
}

/**
 * How a tag path is spelled in the codebook.
 *
 * Its own record's spelling; for a parent that exists only through its
 * children (`entity` of `entity/company`), the spelling of a child's prefix;
 * else as given.
 */
export function spellingOf(codebook: CodebookDraft, name: string): string {
  const own = findTag(codebook, name)
  if (own) return own.name
  const child = codebook.tags.find((t) => isTagWithin(t.name, name))
  return child ? tagSegments(child.name).slice(0, tagSegments(name).length).join('/') : name
}

/** Rewrite tag lists in the named articles; `rewrite` returns the new name, or null to drop a tag. */
function rewriteArticles(
  workspace: Workspace,
  articleIds: readonly string[],
  rewrite: (name: string) => string | null,
): void {
  const spelled = (names: readonly string[]): string[] =>
    normaliseTagList(
      names.flatMap((n) => {
        const next = rewrite(n)
        return next === null ? [] : [next]
      }),
    ).map((n) => findTag(workspace.codebook, n)?.name ?? n)
  for (const id of articleIds) {
    const article = workspace.article(id)
    article.tags = spelled(article.tags)
    for (const annotation of article.annotations) annotation.tags = spelled(annotation.tags)
  }
}

/** The tag and its children, or `not-found` when neither the codebook nor any article knows it. */
function requireExisting(
  store: LibraryStore,
  name: string,
): { spelling: string; articleIds: string[] } {
  const codebook = store.readCodebook()
  const articleIds = articlesUsingTag(store, name, true)
  if (!codebook.tags.some((t) => isTagWithin(t.name, name)) && articleIds.length === 0) {
    throw new WorkbenchError('not-found', `No tag named "${name}"`)
  }
  return { spelling: spellingOf(codebook, name), articleIds }
}

async function runTagCommand(
  deps: ServiceDeps,
  build: () => { label: string; articleIds: string[]; apply: (w: Workspace) => void },
): Promise<TagOperationResult> {
  let articleIds: string[] = []
  await historyFor(deps.store).run(() => {
    const command = build()
    articleIds = command.articleIds
    return command
  })
  return { tags: listCodebook(deps.store), articleIds }
}

/**
 * Re-root the tag `from` (and its children) at `to`.
 *
 * In `merge` mode a re-rooted tag whose new name already exists joins it
 * (its record goes, the existing record stays); otherwise that is a
 * `conflict`, so a rename never silently merges.
 */
function reroot(
  workspace: Workspace,
  articleIds: readonly string[],
  from: string,
  to: string,
  mode: 'rename' | 'merge',
): void {
  const { codebook } = workspace
  const moving = codebook.tags.filter((t) => isTagWithin(t.name, from))
  const staying = codebook.tags.filter((t) => !isTagWithin(t.name, from))
  const dropped = new Set<TagRecord>()
  for (const tag of moving) {
    const next = reparentTagName(tag.name, from, to) ?? tag.name
    const existing = staying.find((t) => tagKey(t.name) === tagKey(next))
    if (!existing) {
      tag.name = next
    } else if (mode === 'merge') {
      dropped.add(tag)
    } else {
      throw new WorkbenchError(
        'conflict',
        `A tag named "${existing.name}" already exists. Merge "${tag.name}" into it instead.`,
      )
    }
  }
  codebook.tags = codebook.tags.filter((t) => !dropped.has(t))
  rewriteArticles(workspace, articleIds, (n) => reparentTagName(n, from, to) ?? n)
}

/**
 * Rename a tag; its children follow (`a/b` to `x` makes `a/b/c` into `x/c`).
 *
 * Refused with `conflict` when a new name is taken by another tag (merge
 * instead), and with `invalid-input` when the new name is inside the tag itself.
 */
export async function renameTag(
  from: string,
  to: string,
  deps: ServiceDeps,
): Promise<TagOperationResult> {
  const source = requireTagName(from)
  const target = requireTagName(to)
  return runTagCommand(deps, () => {
    if (tagKey(source) !== tagKey(target) && isTagWithin(target, source)) {
      throw new WorkbenchError('invalid-input', `"${source}" cannot be renamed into itself`)
    }
    const { spelling, articleIds } = requireExisting(deps.store, source)
    return {
      label: `Rename tag "${spelling}" to "${target}"`,
      articleIds,
      apply: (w) => reroot(w, articleIds, source, target, 'rename'),
    }
  })
}

/**
 * Move a tag (and its children) under another parent, or to the top level with `parent: null`.
 *
 * The parent need not exist as a tag of its own. Refused with `conflict`
 * when the parent already has a child of that name (merge instead).
 */
export async function moveTag(
  name: string,
  parent: string | null,
  deps: ServiceDeps,
): Promise<TagOperationResult> {
  const source = requireTagName(name)
  const under = parent === null ? null : requireTagName(parent)
  return runTagCommand(deps, () => {
    if (under !== null && isTagWithin(under, source)) {
      throw new WorkbenchError('invalid-input', `"${source}" cannot be moved inside itself`)
    }
    const { spelling, articleIds } = requireExisting(deps.store, source)
    const parentSpelling = under === null ? null : spellingOf(deps.store.readCodebook(), under)
    const target =
      parentSpelling === null ? tagLeaf(spelling) : `${parentSpelling}/${tagLeaf(spelling)}`
    return {
      label:
        parentSpelling === null
          ? `Move tag "${spelling}" to the top level`
          : `Move tag "${spelling}" under "${parentSpelling}"`,
      articleIds,
      apply: (w) => reroot(w, articleIds, source, target, 'rename'),
    }
  })
}

/**
 * Merge tag `from` into `into`: every use of `from` becomes `into`, and `from` goes.
 *
 * Children follow; a child that `into` already has merges too (`a/x` into
 * `b/x`). `into` keeps its colour, description and slot.
 */
export async function mergeTag(
  from: string,
  into: string,
  deps: ServiceDeps,
): Promise<TagOperationResult> {
  const source = requireTagName(from)
  const target = requireTagName(into)
  return runTagCommand(deps, () => {
    if (tagKey(source) === tagKey(target)) {
      throw new WorkbenchError('invalid-input', `"${source}" cannot be merged into itself`)
    }
    if (isTagWithin(target, source)) {
      throw new WorkbenchError('invalid-input', `"${source}" cannot be merged into its own child`)
    }
    const { spelling, articleIds } = requireExisting(deps.store, source)
    const targetSpelling = requireExisting(deps.store, target).spelling
    return {
      label: `Merge tag "${spelling}" into "${targetSpelling}"`,
      articleIds,
      apply: (w) => reroot(w, articleIds, source, targetSpelling, 'merge'),
    }
  })
}

/**
 * Delete a tag and its children from the codebook and from everything tagged with them.
 *
 * Annotations are untagged, never deleted.
 */
export async function deleteTag(name: string, deps: ServiceDeps): Promise<TagOperationResult> {
  const source = requireTagName(name)
  return runTagCommand(deps, () => {
    const { spelling, articleIds } = requireExisting(deps.store, source)
    return {
      label: `Delete tag "${spelling}"`,
      articleIds,
      apply: (w) => {
        w.codebook.tags = w.codebook.tags.filter((t) => !isTagWithin(t.name, source))
        rewriteArticles(w, articleIds, (n) => (isTagWithin(n, source) ? null : n))
      },
    }
  })
}
