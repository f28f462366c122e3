import { useEffect, useRef } from 'react'
import type { ArticleSummary } from '../../../../shared/ipc/contract'
import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import { openArticle } from '../library/library-actions'
import { openEmptyTrash, restoreFromTrash, showLibraryList } from './trash-actions'
import { trashedWhen } from './trash-words'
import './trash.css'

function plural(n: number, noun: string): string {
  return `${n.toLocaleString('en-US')} ${noun}${n === 1 ? '' : 's'}`
}

/**
 * The trash, in the library pane: what was thrown away, when, with how many
 * annotations; each can be restored, and the whole trash emptied after a
 * confirmation. Escape goes back to the article list.
 */
export function TrashView() {
  const trash = useWorkbench((s) => s.trash)
  const readOnly = useWorkbench(isReadOnly)
  const currentId = useWorkbench((s) => s.current?.article.id ?? null)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const listRef = useRef<HTMLUListElement>(null)
  const lastCount = useRef(trash.length)
  const restoredAt = useRef(0)

  // Arriving here, the keyboard starts at the top of the trash.
  useEffect(() => headingRef.current?.focus(), [])

  // A restored article leaves the list: its button goes, so focus moves to the next one.
  useEffect(() => {
    const shrank = trash.length < lastCount.current
    lastCount.current = trash.length
    if (!shrank) return
    const active = document.activeElement
    if (active && active !== document.body && document.contains(active)) return
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>('button.trash-restore')
    const target = buttons?.[Math.min(restoredAt.current, buttons.length - 1)]
    ;(target ?? headingRef.current)?.focus()
  }, [trash.length])

  return (
    <section
      className="trash-view"
      aria-labelledby="trash-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          showLibraryList()
        }
      }}
    >
      <button type="button" className="link-button trash-back" onClick={showLibraryList}>
        ← Back to the library
      </button>
      <div className="trash-header">
        <h3 id="trash-title" ref={headingRef} tabIndex={-1}>
          Trash
        </h3>
        <span className="pane-count">{plural(trash.length, 'article')}</span>
        {trash.length > 0 && (
          <button
            type="button"
            className="button small danger trash-empty"
            disabled={readOnly}
            onClick={openEmptyTrash}
          >
            Empty trash…
          </button>
        )}
      </div>
      {trash.length === 0 ? (
        <p className="empty-hint">
          The trash is empty. Articles you move to the trash wait here, with their annotations,
          until you empty it.
        </p>
      ) : (
        <>
          <p className="trash-hint">
            Trashed articles keep their annotations and stay out of the list, search and exports
            until restored.
          </p>
          <ul ref={listRef} className="trash-list" aria-label="Articles in the trash">
            {trash.map((article, index) => (
              <TrashItem
                key={article.id}
                article={article}
                open={article.id === currentId}
                readOnly={readOnly}
                onRestore={() => {
                  restoredAt.current = index
                  void restoreFromTrash(article.id)
                }}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

interface TrashItemProps {
  readonly article: ArticleSummary
  readonly open: boolean
  readonly readOnly: boolean
  readonly onRestore: () => void
}

function TrashItem({ article, open, readOnly, onRestore }: TrashItemProps) {
  const counts =
    article.damaged?.part === 'annotations'
      ? 'annotations unreadable'
      : `${plural(article.annotationCount, 'annotation')} · ${plural(article.claimCount, 'claim')}`
  return (
    <li className="trash-item" data-article-id={article.id}>
      <button
        type="button"
        className="trash-item-open"
        aria-current={open ? 'true' : undefined}
        title={`${article.title}\nOpen it to read it (it takes no annotations while in the trash)`}
        onClick={() => void openArticle(article.id)}
      >
        {article.title}
      </button>
      <span className="trash-item-meta">
        <span>Trashed {trashedWhen(article.trashedAt)}</span>
        <span>{counts}</span>
      </span>
      <button
        type="button"
        className="button small trash-restore"
        disabled={readOnly}
        aria-label={`Restore “${article.title}”`}
        onClick={onRestore}
      >
        Restore
      </button>
    </li>
  )
}
