/**
 * An article's own state: reading status, article tags and the article note.
 *
 * Why a service of its own: these belong to the article, not to any
 * passage, yet live in the same per-article file as its annotations; going
 * through the command layer makes them undoable like everything else.
 */
import type { ArticleState, ChannelParsedInput } from '../../shared/ipc/contract'
import { ensureTags } from './codebook'
import { assertNotTrashed, historyFor, type ServiceDeps } from './history'

/** A change to an article's own state: the contract's `article:update` patch, as validated. */
export type ArticlePatch = ChannelParsedInput<'article:update'>['patch']

function updateLabel(patch: ArticlePatch): string {
  const fields = (['status', 'tags', 'note', 'importChecked'] as const).filter(
    (f) => patch[f] !== undefined,
  )
  if (fields.length !== 1) return 'Edit article'
  if (patch.importChecked !== undefined) {
    return patch.importChecked ? 'Mark import as checked' : 'Mark import to check again'
  }
  if (patch.status !== undefined) return `Mark article ${patch.status}`
  if (patch.tags !== undefined) return 'Change article tags'
  return 'Edit article note'
}

/** Change an article's status, tags or note; tags are normalised into the codebook. */
export async function updateArticleState(
  id: string,
  patch: ArticlePatch,
  deps: ServiceDeps,
): Promise<ArticleState> {
  return historyFor(deps.store).run(() => {
    assertNotTrashed(deps.store, id)
    const now = deps.now().toISOString()
    return {
      label: updateLabel(patch),
      articleIds: [id],
      apply: (workspace) => {
        const article = workspace.article(id)
        if (patch.status !== undefined) article.status = patch.status
        if (patch.tags !== undefined) article.tags = ensureTags(workspace.codebook, patch.tags, now)
        if (patch.note !== undefined) article.note = patch.note
        if (patch.importChecked !== undefined) article.importChecked = patch.importChecked
        return { id, status: article.status, tags: [...article.tags], note: article.note }
      },
    }
  })
}
