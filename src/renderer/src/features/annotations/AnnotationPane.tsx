import { useCallback } from 'react'
import { articleText } from '../../../../shared/domain/article'
import { linksOf, type AnchoredAnnotation } from '../../../../shared/ipc/contract'
import {
  isReadOnly,
  selectedAnnotation,
  useWorkbench,
  workbench,
  type SideTab,
} from '../../state/workbench-store'
import { ArticlePanel } from '../article/ArticlePanel'
import { reattachToSelection } from '../reader/highlight-selection'
import { acceptNewWording } from '../review/review-actions'
import { reviewItems } from '../review/review-list'
import { ReviewList, ReviewSummary, useReviewItems } from '../review/ReviewList'
import { WordingCompare } from '../review/WordingCompare'
import { KindBadge, TagList } from './AnnotationBadges'
import {
  deleteAnnotation,
  focusTagsDone,
  noteEdited,
  saveNote,
  saveTags,
  selectAnnotation,
  setKind,
} from './annotation-actions'
import { ClaimForm } from './ClaimForm'
import { ClaimLinks } from './ClaimLinks'
import { NoteEditor } from './NoteEditor'
import { TagEditor } from './TagEditor'

const ANCHOR_LABEL: Readonly<Record<AnchoredAnnotation['anchor']['status'], string | null>> = {
  anchored: null,
  drifted: 'Its wording or the text around it changed',
  orphaned: 'Passage not found in the text',
}

const SAVE_LABEL = {
  pending: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved',
} as const

const TABS: readonly { readonly id: SideTab; readonly label: string }[] = [
  { id: 'annotation', label: 'Annotations' },
  { id: 'article', label: 'Article' },
]

function setTab(tab: SideTab): void {
  workbench.set({ sideTab: tab })
}

/** The right-hand pane: the open article's annotations (and the selected one), or the article's own state. */
export function AnnotationPane() {
  const current = useWorkbench((s) => s.current)
  const tab = useWorkbench((s) => s.sideTab)

  return (
    <aside className="pane annotation-pane" aria-label="Annotations">
      <div
        className="pane-tabs"
        role="tablist"
        aria-label="Right pane"
        onKeyDown={(e) => {
          if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return
          const next = tab === 'annotation' ? 'article' : 'annotation'
          setTab(next)
          e.currentTarget.querySelector<HTMLElement>(`[data-tab="${next}"]`)?.focus()
        }}
      >
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`side-tab-${t.id}`}
            data-tab={t.id}
            aria-selected={tab === t.id}
            aria-controls={`side-panel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            className="pane-tab"
            onClick={() => setTab(t.id)}
          >
            {t.label}
            {t.id === 'annotation' && current && (
              <span className="pane-count">
                {current.damage?.part === 'annotations' ? '?' : current.annotations.length}
              </span>
            )}
          </button>
        ))}
      </div>
      <div
        className="pane-tab-panel"
        role="tabpanel"
        id={`side-panel-${tab}`}
        aria-labelledby={`side-tab-${tab}`}
      >
        {tab === 'article' ? <ArticlePanel /> : <AnnotationsPanel />}
      </div>
    </aside>
  )
}

function AnnotationsPanel() {
  const current = useWorkbench((s) => s.current)
  const selected = useWorkbench(selectedAnnotation)
  const codebook = useWorkbench((s) => s.codebook)
  const reloadCount = useWorkbench((s) => s.reloadCount)
  const reviewOpen = useWorkbench((s) => s.reviewOpen)
  const review = useReviewItems()

  if (!current) return <p className="empty-hint">Open an article to see its annotations.</p>
  if (current.damage?.part === 'annotations') {
    // Never "no annotations": the file that holds them cannot be read.
    return (
      <p className="empty-hint damage-hint" data-testid="annotations-unreadable">
        This article’s annotations cannot be shown: the file that holds them is damaged. Restore its
        backup from the banner above the article’s text.
      </p>
    )
  }
  if (reviewOpen) return <ReviewList items={review} />
  return (
    <>
      {current.annotations.length === 0 ? (
        <p className="empty-hint">
          No annotations yet. Select a passage in the article and press <kbd>H</kbd> to highlight it
          or <kbd>C</kbd> to record a claim. Press <kbd>?</kbd> for every shortcut.
        </p>
      ) : (
        <>
          <ReviewSummary items={review} />
          <ul className="annotation-list" aria-label="Annotations of this article">
            {current.annotations.map((annotation) => (
              <li key={annotation.id}>
                <button
                  type="button"
                  className={`annotation-item kind-${annotation.kind} anchor-${annotation.anchor.status}`}
                  aria-current={annotation.id === selected?.id ? 'true' : undefined}
                  data-annotation-id={annotation.id}
                  onClick={() => selectAnnotation(annotation.id)}
                >
                  <span className="annotation-item-head">
                    <KindBadge kind={annotation.kind} />
                    {annotation.kind === 'claim' && annotation.claim && (
                      <span className="claim-status">{annotation.claim.status}</span>
                    )}
                    {ANCHOR_LABEL[annotation.anchor.status] && (
                      <span
                        className={`anchor-badge anchor-${annotation.anchor.status}`}
                        title={ANCHOR_LABEL[annotation.anchor.status] ?? undefined}
                      >
                        {annotation.anchor.status === 'orphaned' ? 'Orphaned' : 'Drifted'}
                      </span>
                    )}
                  </span>
                  <span className="annotation-item-quote">
                    {annotation.kind === 'claim' && annotation.claim?.statement
                      ? annotation.claim.statement
                      : annotation.target.quote.exact}
                  </span>
                  <TagList tags={annotation.tags} codebook={codebook} />
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {selected && (
        <AnnotationDetail
          key={`${selected.id}:${reloadCount}`}
          articleId={current.article.id}
          annotation={selected}
        />
      )}
    </>
  )
}

interface AnnotationDetailProps {
  readonly articleId: string
  readonly annotation: AnchoredAnnotation
}

function AnnotationDetail({ articleId, annotation }: AnnotationDetailProps) {
  const codebook = useWorkbench((s) => s.codebook)
  const readOnly = useWorkbench(isReadOnly)
  const links = useWorkbench((s) => (s.current ? linksOf(s.current, annotation.id) : undefined))
  const focusRequested = useWorkbench((s) => s.focusTagsFor === annotation.id)
  const saveState = useWorkbench((s) =>
    s.noteSave?.annotationId === annotation.id ? s.noteSave.state : 'saved',
  )
  const onEdited = useCallback(() => noteEdited(annotation.id), [annotation.id])
  const onSave = useCallback(
    (note: string) => void saveNote(articleId, annotation.id, note),
    [articleId, annotation.id],
  )
  const status = annotation.anchor.status

  return (
    <section
      className={`annotation-detail kind-${annotation.kind}`}
      aria-label="Selected annotation"
    >
      <div className="segmented" role="radiogroup" aria-label="Kind">
        {(['highlight', 'claim'] as const).map((kind) => (
          <label key={kind} className="segmented-option">
            <input
              type="radio"
              name={`kind-${annotation.id}`}
              value={kind}
              checked={annotation.kind === kind}
              disabled={readOnly}
              onChange={() => void setKind(articleId, annotation.id, kind)}
            />
            <span>{kind === 'claim' ? 'Claim' : 'Highlight'}</span>
          </label>
        ))}
      </div>
      <blockquote className="annotation-quote">{annotation.target.quote.exact}</blockquote>
      {status !== 'anchored' && (
        <AnchorWarning articleId={articleId} annotation={annotation} readOnly={readOnly} />
      )}
      <h3 className="field-label">Tags</h3>
      <TagEditor
        tags={annotation.tags}
        codebook={codebook}
        disabled={readOnly}
        focusRequested={focusRequested}
        onFocused={focusTagsDone}
        onChange={(tags) => void saveTags(articleId, annotation.id, tags)}
      />
      {annotation.kind === 'claim' && annotation.claim && (
        <ClaimForm
          articleId={articleId}
          annotationId={annotation.id}
          claim={annotation.claim}
          disabled={readOnly}
        />
      )}
      <ClaimLinks
        self={{ articleId, annotationId: annotation.id }}
        isClaim={annotation.kind === 'claim'}
        links={links}
        disabled={readOnly}
      />
      <div className="note-header">
        <h3 className="field-label">Note</h3>
        <span className="note-save-state" data-save-state={saveState} role="status">
          {SAVE_LABEL[saveState]}
        </span>
      </div>
      <NoteEditor
        initialNote={annotation.note}
        readOnly={readOnly}
        label="Note"
        onEdited={onEdited}
        onSave={onSave}
      />
      <div className="annotation-actions">
        <button
          type="button"
          className="button danger"
          disabled={readOnly}
          onClick={() => void deleteAnnotation(articleId, annotation.id)}
        >
          Delete annotation
        </button>
      </div>
    </section>
  )
}

/**
 * Under a drifted or orphaned annotation's quote: what happened to its
 * passage and the same actions as the review list (for a drifted one, its
 * old and new wording side by side and "Accept new wording").
 */
function AnchorWarning({
  articleId,
  annotation,
  readOnly,
}: {
  articleId: string
  annotation: AnchoredAnnotation
  readOnly: boolean
}) {
  const text = useWorkbench((s) => (s.current ? articleText(s.current.article.blocks) : ''))
  const item = reviewItems(text, [annotation])[0]
  if (!item) return null
  const drifted = item.status === 'drifted' && item.now !== null
  return (
    <div className={`anchor-warning anchor-${item.status}`} role="note">
      <p>
        {drifted
          ? item.before === item.now
            ? 'The text around this passage changed; its own words did not.'
            : 'The wording of this passage changed. It keeps the words it was made on until you accept the new ones.'
          : 'This passage is no longer in the article text. Its note, tags and claim are kept.'}
      </p>
      {drifted && item.now !== null && item.before !== item.now && (
        <WordingCompare before={item.before} now={item.now} />
      )}
      <div className="anchor-warning-actions">
        {drifted && (
          <button
            type="button"
            className="button small"
            disabled={readOnly}
            onClick={() => void acceptNewWording(articleId, item)}
          >
            {item.before === item.now ? 'Keep it here' : 'Accept new wording'}
          </button>
        )}
        <button
          type="button"
          className="button small"
          disabled={readOnly}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => reattachToSelection(articleId, annotation.id)}
        >
          Re-attach to selection
        </button>
      </div>
    </div>
  )
}
