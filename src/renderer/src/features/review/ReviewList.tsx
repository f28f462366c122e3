import { useEffect, useMemo, useRef } from 'react'
import { articleText } from '../../../../shared/domain/article'
import type { CodebookTag } from '../../../../shared/ipc/contract'
import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import {
  deleteAnnotation,
  scrollToAnnotation,
  selectAnnotation,
} from '../annotations/annotation-actions'
import { KindBadge, TagList } from '../annotations/AnnotationBadges'
import { reattachToSelection } from '../reader/highlight-selection'
import { needsALook } from '../versions/update-report'
import { acceptNewWording, closeReview, openReview } from './review-actions'
import { noteExcerpt, reviewBreakdown, reviewItems, type ReviewItem } from './review-list'
import { WordingCompare } from './WordingCompare'
import './review.css'

/** The review items of the open article (drifted, then orphaned). */
export function useReviewItems(): readonly ReviewItem[] {
  const current = useWorkbench((s) => s.current)
  return useMemo(
    () =>
      current && current.damage === null
        ? reviewItems(articleText(current.article.blocks), current.annotations)
        : [],
    [current],
  )
}

/** The line above the annotation list when some annotations need a look. */
export function ReviewSummary({ items }: { items: readonly ReviewItem[] }) {
  if (items.length === 0) return null
  return (
    <div className="review-summary" role="note" data-testid="review-summary">
      <p>
        <strong>{needsALook(items.length)}</strong>: {reviewBreakdown(items)}.
      </p>
      <button type="button" className="button small" onClick={openReview}>
        Review
      </button>
    </div>
  )
}

/**
 * The review list, in place of the annotation list: each drifted
 * annotation with its old and new wording side by side, each orphan with
 * its quote, note and tags, and the actions that settle it. Settled ones
 * leave the list; focus moves to the next.
 */
export function ReviewList({ items }: { items: readonly ReviewItem[] }) {
  const current = useWorkbench((s) => s.current)
  const codebook = useWorkbench((s) => s.codebook)
  const readOnly = useWorkbench(isReadOnly)
  const listRef = useRef<HTMLOListElement>(null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const settledAt = useRef<number | null>(null)

  useEffect(() => headingRef.current?.focus(), [])

  // The settled item's buttons are gone: send focus to the item that took its place.
  const count = items.length
  useEffect(() => {
    const at = settledAt.current
    if (at === null) return
    const active = document.activeElement
    if (active && active !== document.body && document.contains(active)) return
    settledAt.current = null
    const cards = listRef.current?.querySelectorAll<HTMLElement>('.review-item')
    const card = cards?.[Math.min(at, (cards?.length ?? 1) - 1)]
    ;(card?.querySelector<HTMLElement>('button') ?? headingRef.current)?.focus()
  }, [count])

  if (!current) return null
  const articleId = current.article.id
  const settle = (index: number, run: () => void) => {
    settledAt.current = index
    run()
  }

  return (
    <section className="review-list" aria-labelledby="review-title" data-testid="review-list">
      <button type="button" className="link-button review-back" onClick={closeReview}>
        ← All annotations
      </button>
      <h3 id="review-title" ref={headingRef} tabIndex={-1} className="review-title">
        {items.length === 0 ? 'Nothing left to review' : needsALook(items.length)}
      </h3>
      {items.length === 0 ? (
        <p className="empty-hint">
          Every annotation is in place. Ctrl+Z takes back the last step if you want to look again.
        </p>
      ) : (
        <p className="review-hint">
          Accept the new wording, or select the right passage in the text and re-attach; delete what
          no longer applies. Each step can be undone.
        </p>
      )}
      <ol ref={listRef} className="review-items" aria-label="Annotations to review">
        {items.map((item, index) => (
          <ReviewCard
            key={item.annotation.id}
            item={item}
            codebook={codebook}
            disabled={readOnly}
            onShow={() => {
              selectAnnotation(item.annotation.id)
              scrollToAnnotation(item.annotation.id)
            }}
            onAccept={() => settle(index, () => void acceptNewWording(articleId, item))}
            onReattach={() =>
              settle(index, () => reattachToSelection(articleId, item.annotation.id))
            }
            onDelete={() =>
              settle(index, () => void deleteAnnotation(articleId, item.annotation.id))
            }
          />
        ))}
      </ol>
    </section>
  )
}

interface ReviewCardProps {
  readonly item: ReviewItem
  readonly codebook: readonly CodebookTag[]
  readonly disabled: boolean
  readonly onShow: () => void
  readonly onAccept: () => void
  readonly onReattach: () => void
  readonly onDelete: () => void
}

function ReviewCard({
  item,
  codebook,
  disabled,
  onShow,
  onAccept,
  onReattach,
  onDelete,
}: ReviewCardProps) {
  const { annotation } = item
  const drifted = item.status === 'drifted'
  const note = noteExcerpt(annotation.note)
  const same = drifted && item.before === item.now
  return (
    <li
      className={`review-item review-${item.status}`}
      data-annotation-id={annotation.id}
      aria-label={`${annotation.kind === 'claim' ? 'Claim' : 'Highlight'}: ${drifted ? 'wording changed' : 'passage not found'}`}
    >
      <div className="review-item-head">
        <KindBadge kind={annotation.kind} />
        <span className={`anchor-badge anchor-${item.status}`}>
          {drifted ? (same ? 'Text around it changed' : 'Wording changed') : 'Passage not found'}
        </span>
        {drifted && (
          <button type="button" className="link-button review-show" onClick={onShow}>
            Show in text
          </button>
        )}
      </div>
      {annotation.kind === 'claim' && annotation.claim?.statement && (
        <p className="review-claim">
          <span className="field-caption">Claim</span> {annotation.claim.statement}
        </p>
      )}
      {drifted && item.now !== null ? (
        <WordingCompare before={item.before} now={item.now} />
      ) : (
        <blockquote className="review-quote">{item.before}</blockquote>
      )}
      {note !== '' && <p className="review-note">{note}</p>}
      {annotation.tags.length > 0 && <TagList tags={annotation.tags} codebook={codebook} />}
      <div className="review-actions">
        {drifted && (
          <button
            type="button"
            className="button small primary"
            disabled={disabled}
            onClick={onAccept}
          >
            {same ? 'Keep it here' : 'Accept new wording'}
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={disabled}
          title="Select the passage in the article first"
          // Pressing the button must not clear the passage selected in the text.
          onMouseDown={(e) => e.preventDefault()}
          onClick={onReattach}
        >
          Re-attach to selection
        </button>
        <button
          type="button"
          className="button small danger"
          disabled={disabled}
          onClick={onDelete}
        >
          Delete
        </button>
      </div>
    </li>
  )
}
