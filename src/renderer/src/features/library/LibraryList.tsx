import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { ArticleStatus } from '../../../../shared/domain/article'
import type { ArticleSummary } from '../../../../shared/ipc/contract'
import { isReadOnly, useWorkbench, workbench } from '../../state/workbench-store'
import { moveToTrash } from '../trash/trash-actions'
import { openArticle } from './library-actions'
import { articleDate, formatDate, nextIndex } from './library-view'

/** Every row has the same height, so the virtualiser never has to measure. */
export const ROW_HEIGHT = 78

const STATUS_LABELS: Readonly<Record<ArticleStatus, string>> = {
  unread: 'Unread',
  reading: 'Reading',
  done: 'Done',
}

/** A shape per status as well as a colour, so status never rests on colour alone. */
const STATUS_GLYPHS: Readonly<Record<ArticleStatus, string>> = {
  unread: '○',
  reading: '◐',
  done: '●',
}

function optionId(index: number): string {
  return `library-option-${index}`
}

function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`
}

interface LibraryListProps {
  readonly articles: readonly ArticleSummary[]
  readonly currentId: string | null
  /** Changes whenever the sort or filter does, to return to the top. */
  readonly viewKey: string
}

/**
 * The article list: a listbox whose rows are virtualised.
 *
 * Focus stays on the listbox and `aria-activedescendant` names the active
 * row; the keys move the active index and the virtualiser scrolls it into
 * view first, so the row it names is always in the DOM.
 */
export function LibraryList({ articles, currentId, viewKey }: LibraryListProps) {
  const scrollRef = useRef<HTMLDivElement>(null)
  const [active, setActive] = useState(-1)
  /** A click on a row is focusing the list; that row becomes active, not the default one. */
  const clicking = useRef(false)
  const count = articles.length

  // The virtualiser's functions change every render by design; this component is not memoised.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    getItemKey: (index) => articles[index]?.id ?? index,
  })

  // A new sort or filter starts at the top with no active row.
  useEffect(() => {
    setActive(-1)
    scrollRef.current?.scrollTo({ top: 0 })
  }, [viewKey])

  // Coming back to the list (e.g. after a search) shows the open article.
  useEffect(() => {
    const open = currentId ? articles.findIndex((a) => a.id === currentId) : -1
    if (open > 0) virtualizer.scrollToIndex(open, { align: 'center' })
    // Only when the list appears; later opens come from the list itself.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const activeIndex = active < count ? active : count - 1
  const readOnly = useWorkbench(isReadOnly)
  const focusRequest = useWorkbench((s) => s.listFocusRequest)

  const moveTo = (index: number) => {
    setActive(index)
    virtualizer.scrollToIndex(index, { align: 'auto' })
  }

  // After a trash (or its undo) the keyboard lands on the article that took its place.
  useEffect(() => {
    if (!focusRequest) return
    const index = articles.findIndex((a) => a.id === focusRequest.articleId)
    if (index < 0) return
    workbench.set({ listFocusRequest: null })
    setActive(index)
    virtualizer.scrollToIndex(index, { align: 'auto' })
    clicking.current = true
    scrollRef.current?.focus({ preventScroll: true })
    clicking.current = false
  }, [focusRequest, articles, virtualizer])

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Delete' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const article = articles[activeIndex]
      if (article && !readOnly) {
        event.preventDefault()
        void moveToTrash(article.id)
      }
      return
    }
    if (event.key === 'Enter' || event.key === ' ') {
      const article = articles[activeIndex]
      if (article) {
        event.preventDefault()
        void openArticle(article.id)
      }
      return
    }
    const viewport = scrollRef.current?.clientHeight ?? ROW_HEIGHT
    const page = Math.max(1, Math.floor(viewport / ROW_HEIGHT) - 1)
    const next = nextIndex(event.key, activeIndex, count, page)
    if (next === null) return
    event.preventDefault()
    moveTo(next)
  }

  // Focus arriving without an active row picks the open article, else the first.
  const onFocus = () => {
    if (clicking.current || activeIndex >= 0 || count === 0) return
    const open = currentId ? articles.findIndex((a) => a.id === currentId) : -1
    moveTo(open >= 0 ? open : 0)
  }

  const items = virtualizer.getVirtualItems()
  return (
    <div
      ref={scrollRef}
      className="library-scroller"
      role="listbox"
      aria-label="Articles"
      aria-keyshortcuts="Delete"
      tabIndex={0}
      aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
    >
      <div className="article-list" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((item) => {
          const article = articles[item.index]
          if (!article) return null
          const date = articleDate(article)
          return (
            <div
              key={item.key}
              id={optionId(item.index)}
              role="option"
              aria-selected={item.index === activeIndex}
              aria-setsize={count}
              aria-posinset={item.index + 1}
              aria-current={article.id === currentId ? 'true' : undefined}
              className="article-item"
              data-article-id={article.id}
              data-index={item.index}
              style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => {
                clicking.current = true
                scrollRef.current?.focus({ preventScroll: true })
                clicking.current = false
                setActive(item.index)
                void openArticle(article.id)
              }}
            >
              <span className="article-item-title" title={article.title}>
                {article.title}
              </span>
              <span className="article-item-source">
                {article.source ?? 'Unknown source'} ·{' '}
                <time dateTime={date.iso}>
                  {date.kind} {formatDate(date.iso)}
                </time>
              </span>
              <span className="article-item-meta">
                <span className={`status-badge status-${article.status}`}>
                  <span aria-hidden="true">{STATUS_GLYPHS[article.status]}</span>{' '}
                  {STATUS_LABELS[article.status]}
                </span>
                {article.damaged !== null && (
                  <span
                    className="status-badge status-damaged"
                    title={article.damaged.reason}
                    data-testid="damaged-badge"
                  >
                    <span aria-hidden="true">⚠</span> Damaged
                  </span>
                )}
                {article.importWarning !== null && (
                  <span
                    className="status-badge status-flagged"
                    title={`Check this import: ${article.importWarning}`}
                    data-testid="import-warning-badge"
                  >
                    <span aria-hidden="true">?</span> Check
                  </span>
                )}
                <span className="article-item-counts">
                  {article.damaged?.part === 'annotations'
                    ? 'annotations unreadable'
                    : `${plural(article.annotationCount, 'annotation')} · ${plural(article.claimCount, 'claim')}`}
                </span>
              </span>
            </div>
          )
        })}
      </div>
    </div>
  )
}
