import type { KeyboardEvent } from 'react'
import { useWorkbench } from '../../state/workbench-store'
import { ImportStatus } from '../import/ImportStatus'
import { isSearchActive, useSearch } from '../search/search-actions'
import { SearchBox } from '../search/SearchBox'
import { SearchResults } from '../search/SearchResults'
import { openArticle } from './library-actions'

/** Move focus between the article buttons with the arrow keys, Home and End. */
function moveFocus(event: KeyboardEvent<HTMLUListElement>): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End']
  if (!keys.includes(event.key)) return
  const buttons = [
    ...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.article-item'),
  ]
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? buttons.length - 1
        : Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))
  buttons[next]?.focus()
  event.preventDefault()
}

/**
 * The library: every article with its source and counts; activating one opens it.
 * While a search is active its results take the list's place.
 */
export function LibraryPane() {
  const articles = useWorkbench((s) => s.articles)
  const loaded = useWorkbench((s) => s.articlesLoaded)
  const currentId = useWorkbench((s) => s.current?.article.id ?? null)
  const searching = useSearch(isSearchActive)

  return (
    <nav className="pane library-pane" aria-label="Library">
      <div className="pane-header">
        <h2>Library</h2>
        <span className="pane-count">{articles.length}</span>
      </div>
      <SearchBox />
      <ImportStatus />
      {searching ? (
        <SearchResults />
      ) : loaded && articles.length === 0 ? (
        <p className="empty-hint">No articles yet. Import files or open the sample library.</p>
      ) : (
        <ul className="article-list" onKeyDown={moveFocus}>
          {articles.map((article) => (
            <li key={article.id}>
              <button
                type="button"
                className="article-item"
                data-article-id={article.id}
                aria-current={article.id === currentId ? 'true' : undefined}
                onClick={() => void openArticle(article.id)}
              >
                <span className="article-item-title">{article.title}</span>
                <span className="article-item-source">{article.source ?? 'Unknown source'}</span>
                <span className="article-item-counts">
                  {plural(article.annotationCount, 'annotation')} ·{' '}
                  {plural(article.claimCount, 'claim')} · {plural(article.wordCount, 'word')}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </nav>
  )
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`
}
