/**
 * Working through the review list: accept an annotation's new wording,
 * open or close the list.
 *
 * Why accepting is a re-attach: the annotation keeps the words it was made
 * on until the analyst says the new words are right; re-attaching it to the
 * span it drifted to stores the new quote and context, in one undoable step.
 */
import { request } from '../../api'
import { showToast } from '../../components/toast-store'
import { workbench } from '../../state/workbench-store'
import { refreshAfter } from '../history/history-actions'
import type { ReviewItem } from './review-list'

export function openReview(): void {
  workbench.set({ reviewOpen: true, sideTab: 'annotation' })
}

export function closeReview(): void {
  workbench.set({ reviewOpen: false })
}

/** Store the words now at a drifted annotation's place as its passage. */
export async function acceptNewWording(articleId: string, item: ReviewItem): Promise<void> {
  if (!item.span) return
  const done = await request('annotation:reattach', {
    articleId,
    annotationId: item.annotation.id,
    start: item.span.start,
    end: item.span.end,
  })
  if (!done) return
  showToast('info', 'New wording accepted. Ctrl+Z undoes it.')
  await refreshAfter([articleId])
}
