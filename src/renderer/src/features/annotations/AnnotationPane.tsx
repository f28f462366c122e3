import type { CSSProperties } from 'react'
import { tagKey } from '../../../../shared/domain/tag'
import type { AnchoredAnnotation, CodebookTag } from '../../../../shared/ipc/contract'
import { isReadOnly, selectedAnnotation, useWorkbench } from '../../state/workbench-store'
import { deleteAnnotation, focusTagsDone, saveTags, selectAnnotation } from './annotation-actions'
import { NoteEditor } from './NoteEditor'
import { TagEditor } from './TagEditor'

const ANCHOR_LABEL: Readonly<Record<AnchoredAnnotation['anchor']['status'], string | null>> = {
  anchored: null,
  drifted: 'Text changed around this passage',
  orphaned: 'Passage not found in the text',
}

const SAVE_LABEL = {
  pending: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved',
} as const

/** The open article's annotations, and the tags, note and actions of the selected one. */
export function AnnotationPane() {
  const current = useWorkbench((s) => s.current)
  const selected = useWorkbench(selectedAnnotation)
  const codebook = useWorkbench((s) => s.codebook)

  return (
    <aside className="pane annotation-pane" aria-label="Annotations">
      <div className="pane-header">
        <h2>Annotations</h2>
        {current && <span className="pane-count">{current.annotations.length}</span>}
      </div>
      {!current ? (
        <p className="empty-hint">Open an article to see its annotations.</p>
      ) : current.annotations.length === 0 ? (
        <p className="empty-hint">
          No annotations yet. Select a passage in the article and press <kbd>H</kbd> to highlight
          it.
        </p>
      ) : (
        <ul className="annotation-list">
          {current.annotations.map((annotation) => (
            <li key={annotation.id}>
              <button
                type="button"
                className="annotation-item"
                aria-current={annotation.id === selected?.id ? 'true' : undefined}
                data-annotation-id={annotation.id}
                onClick={() => selectAnnotation(annotation.id)}
              >
                <span className="annotation-item-quote">{annotation.target.quote.exact}</span>
                <TagList tags={annotation.tags} codebook={codebook} />
                {ANCHOR_LABEL[annotation.anchor.status] && (
                  <span className={`anchor-badge anchor-${annotation.anchor.status}`}>
                    {ANCHOR_LABEL[annotation.anchor.status]}
                  </span>
                )}
              </button>
            </li>
          ))}
        </ul>
      )}
      {current && selected && (
        <AnnotationDetail articleId={current.article.id} annotation={selected} />
      )}
    </aside>
  )
}

function TagList({
  tags,
  codebook,
}: {
  tags: readonly string[]
  codebook: readonly CodebookTag[]
}) {
  if (tags.length === 0) return <span className="annotation-item-untagged">No tags</span>
  const colors = new Map(codebook.map((t) => [tagKey(t.name), t.color]))
  return (
    <span className="annotation-item-tags">
      {tags.map((tag) => (
        <span
          key={tag}
          className="tag-pill"
          style={{ '--tag-color': colors.get(tagKey(tag)) ?? 'var(--muted)' } as CSSProperties}
        >
          {tag}
        </span>
      ))}
    </span>
  )
}

interface AnnotationDetailProps {
  readonly articleId: string
  readonly annotation: AnchoredAnnotation
}

function AnnotationDetail({ articleId, annotation }: AnnotationDetailProps) {
  const codebook = useWorkbench((s) => s.codebook)
  const readOnly = useWorkbench(isReadOnly)
  const focusRequested = useWorkbench((s) => s.focusTagsFor === annotation.id)
  const saveState = useWorkbench((s) =>
    s.noteSave?.annotationId === annotation.id ? s.noteSave.state : 'saved',
  )

  return (
    <section className="annotation-detail" aria-label="Selected annotation">
      <blockquote className="annotation-quote">{annotation.target.quote.exact}</blockquote>
      <h3 className="field-label">Tags</h3>
      <TagEditor
        tags={annotation.tags}
        codebook={codebook}
        disabled={readOnly}
        focusRequested={focusRequested}
        onFocused={focusTagsDone}
        onChange={(tags) => void saveTags(articleId, annotation.id, tags)}
      />
      <div className="note-header">
        <h3 className="field-label">Note</h3>
        <span className="note-save-state" data-save-state={saveState} role="status">
          {SAVE_LABEL[saveState]}
        </span>
      </div>
      <NoteEditor
        key={annotation.id}
        articleId={articleId}
        annotationId={annotation.id}
        initialNote={annotation.note}
        readOnly={readOnly}
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
