/**
 * The trash: deleting an article without losing it.
 *
 * Why a trash and not a delete: a junk import is thrown away in a second,
 * and so is the wrong article. Moving to the trash only marks the article
 * file (its text, annotations and state stay where they are), so it is
 * undoable through the command layer and restorable until the analyst
 * empties the trash. Trashed articles leave the list, search, counts and
 * exports; claims elsewhere that link to them keep their links, shown as
 * links to a trashed article. Emptying removes the files for good and says
 * so; it is the one step here that cannot be undone.
 */
import type { ArticleSummary, TrashOutcome } from '../../shared/ipc/contract'
import { WorkbenchError } from '../../shared/ipc/result'
import { articleSummaryOf } from './articles'
import { historyFor, type ServiceDeps } from './history'
import { linksFor } from './links'

function titled(deps: ServiceDeps, ids: readonly string[], verb: string): string {
  if (ids.length !== 1) return `${verb} ${ids.length} articles`
  const title = deps.store.getArticle(ids[0]!)?.title ?? ids[0]!
  return `${verb} "${title.length > 60 ? `${title.slice(0, 57)}…` : title}"`
}

function requireArticles(deps: ServiceDeps, ids: readonly string[]): string[] {
  const unique = [...new Set(ids)]
  for (const id of unique) {
    if (!deps.store.getArticle(id))
      throw new WorkbenchError('not-found', `No article with id ${id}`)
  }
  return unique
}

/**
 * Move articles to the trash (those already there stay as they are), and
 * count the links from other articles' claims that now point into the trash.
 */
export async function trashArticles(
  ids: readonly string[],
  deps: ServiceDeps,
): Promise<TrashOutcome> {
  const wanted = requireArticles(deps, ids).filter(
    (id) => deps.store.getArticle(id)?.trashedAt === null,
  )
  if (wanted.length === 0) return { ids: [], linksToTrashed: 0 }
  const trashedAt = deps.now().toISOString()
  const links = linksFor(deps.store)
  let linksToTrashed = 0
  await historyFor(deps.store).run(() => ({
    label: titled(deps, wanted, 'Move to trash:'),
    articleIds: wanted,
    apply: (workspace) => {
      for (const id of wanted) workspace.article(id).trashedAt = trashedAt
    },
  }))
  for (const id of wanted) {
    const { annotations } = await deps.store.peekArticle(id)
    linksToTrashed += await links.incomingFromOthers(
      id,
      annotations.map((a) => a.id),
    )
  }
  return { ids: wanted, linksToTrashed }
}

/** Put articles back from the trash, as they were. Undoable. */
export async function restoreFromTrash(
  ids: readonly string[],
  deps: ServiceDeps,
): Promise<{ ids: string[] }> {
  const wanted = requireArticles(deps, ids).filter(
    (id) => deps.store.getArticle(id)?.trashedAt !== null,
  )
  if (wanted.length === 0) return { ids: [] }
  await historyFor(deps.store).run(() => ({
    label: titled(deps, wanted, 'Restore from trash:'),
    articleIds: wanted,
    apply: (workspace) => {
      for (const id of wanted) workspace.article(id).trashedAt = null
    },
  }))
  return { ids: wanted }
}

/** The articles in the trash, most recently trashed first. */
export function listTrash(deps: Pick<ServiceDeps, 'store'>): ArticleSummary[] {
  return deps.store.listTrash().map((entry) => articleSummaryOf(deps.store, entry))
}

/**
 * Remove articles in the trash for good (every trashed article when `ids`
 * is absent). Undo and redo steps that touch them are dropped: there is
 * nothing left for them to change.
 */
export async function emptyTrash(
  ids: readonly string[] | undefined,
  deps: ServiceDeps,
): Promise<{ removed: string[] }> {
  const { store } = deps
  const wanted =
    ids === undefined
      ? store.listTrash().map((e) => e.id)
      : requireArticles(deps, ids).filter((id) => store.getArticle(id)?.trashedAt !== null)
  if (ids !== undefined && wanted.length < new Set(ids).size) {
    throw new WorkbenchError(
      'invalid-input',
      'Only articles in the trash can be removed for good: move them to the trash first',
    )
  }
  const history = historyFor(store)
  const removed = await history.runExclusive(async () => {
    const gone = await store.removeTrashedArticles(wanted)
    history.forget(gone)
    return gone
  })
  return { removed }
}
