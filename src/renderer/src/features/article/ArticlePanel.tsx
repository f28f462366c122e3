import { useCallback } from 'react'
import { ARTICLE_STATUSES, type ArticleStatus } from '../../../../shared/domain/article'
import { isReadOnly, useWorkbench, workbench } from '../../state/workbench-store'
import { NoteEditor } from '../annotations/NoteEditor'
import { TagEditor } from '../annotations/TagEditor'
import { articleNoteKey, saveArticleNote, updateArticle } from './article-actions'

const STATUS_LABEL: Readonly<Record<ArticleStatus, string>> = {
  unread: 'Unread',
  reading: 'Reading',
  done: 'Done',
}

const SAVE_LABEL = {
  pending: 'Unsaved changes',
  saving: 'Saving…',
  saved: 'Saved',
  error: 'Not saved',
} as const

const noFocus = () => {}

/** The open article's own state: reading status, article tags and the article note. */
export function ArticlePanel() {
  const current = useWorkbench((s) => s.current)
  const codebook = useWorkbench((s) => s.codebook)
  const readOnly = useWorkbench(isReadOnly)
  const reloadCount = useWorkbench((s) => s.reloadCount)
  const articleId = current?.article.id ?? ''
  const saveState = useWorkbench((s) =>
    s.noteSave?.annotationId === articleNoteKey(articleId) ? s.noteSave.state : 'saved',
  )
  const onEdited = useCallback(
    () =>
      workbench.set({ noteSave: { annotationId: articleNoteKey(articleId), state: 'pending' } }),
    [articleId],
  )
  const onSave = useCallback((note: string) => void saveArticleNote(articleId, note), [articleId])

  if (!current) return <p className="empty-hint">Open an article to see its status and note.</p>
  const { article } = current

  return (
    <section className="article-panel" aria-label="Article state">
      <div className="segmented" role="radiogroup" aria-label="Reading status">
        <span className="field-caption" aria-hidden="true">
          Status
        </span>
        {ARTICLE_STATUSES.map((status) => (
          <label key={status} className="segmented-option">
            <input
              type="radio"
              name={`article-status-${article.id}`}
              value={status}
              checked={article.status === status}
              disabled={readOnly}
              onChange={() => void updateArticle(article.id, { status })}
            />
            <span>{STATUS_LABEL[status]}</span>
          </label>
        ))}
      </div>
      <h3 className="field-label">Article tags</h3>
      <TagEditor
        tags={article.tags}
        codebook={codebook}
        disabled={readOnly}
        focusRequested={false}
        onFocused={noFocus}
        onChange={(tags) => void updateArticle(article.id, { tags: [...tags] })}
      />
      <div className="note-header">
        <h3 className="field-label">Article note</h3>
        <span className="note-save-state" data-save-state={saveState} role="status">
          {SAVE_LABEL[saveState]}
        </span>
      </div>
      <NoteEditor
        key={`${article.id}:${reloadCount}`}
        initialNote={current.note}
        readOnly={readOnly}
        label="Article note"
        onEdited={onEdited}
        onSave={onSave}
      />
    </section>
  )
}
