import { useMemo } from 'react'
import { ARTICLE_STATUSES } from '../../../../shared/domain/article'
import { tagKey } from '../../../../shared/domain/tag'
import { useWorkbench } from '../../state/workbench-store'
import { ImportStatus } from '../import/ImportStatus'
import { isSearchActive, useSearch } from '../search/search-actions'
import { SearchBox } from '../search/SearchBox'
import { SearchResults } from '../search/SearchResults'
import { showLibraryList, showTrash } from '../trash/trash-actions'
import { TrashView } from '../trash/TrashView'
import { LibraryList } from './LibraryList'
import {
  countLabel,
  isSortKey,
  SORT_KEYS,
  SORT_LABELS,
  tagsInUse,
  viewArticles,
} from './library-view'
import {
  clearFilters,
  setSort,
  toggleStatus,
  toggleTag,
  useLibraryView,
} from './library-view-store'
import './library.css'

/** At most this many tag chips; the rest are reached with `tag:` in the search box. */
const MAX_TAG_CHIPS = 12

const STATUS_CHIP_LABELS = { unread: 'Unread', reading: 'Reading', done: 'Done' } as const

/**
 * The library: the search box on top, then either the search results or
 * the article list with its sort, status and tag chips and a count.
 */
export function LibraryPane() {
  const articles = useWorkbench((s) => s.articles)
  const loaded = useWorkbench((s) => s.articlesLoaded)
  const currentId = useWorkbench((s) => s.current?.article.id ?? null)
  const trashCount = useWorkbench((s) => s.trash.length)
  const mode = useWorkbench((s) => s.libraryMode)
  const searching = useSearch(isSearchActive)
  const sort = useLibraryView((s) => s.sort)
  const filter = useLibraryView((s) => s.filter)

  const shown = useMemo(() => viewArticles(articles, filter, sort), [articles, filter, sort])
  const tags = useMemo(() => {
    const inUse = tagsInUse(articles).slice(0, MAX_TAG_CHIPS)
    // A chosen tag keeps its chip even when it is no longer among the most used.
    const missing = filter.tags.filter((t) => !inUse.some((u) => tagKey(u.tag) === tagKey(t)))
    return [...inUse.map((u) => u.tag), ...missing]
  }, [articles, filter.tags])
  const filtered = filter.statuses.length > 0 || filter.tags.length > 0
  const viewKey = `${sort}|${filter.statuses.join(',')}|${filter.tags.join(',')}`

  return (
    <nav className="pane library-pane" aria-label="Library">
      <div className="pane-header">
        <h2>Library</h2>
        <span className="pane-count" role="status">
          {countLabel(shown.length, articles.length)}
        </span>
      </div>
      <SearchBox />
      <ImportStatus />
      {mode === 'trash' ? (
        <TrashView />
      ) : searching ? (
        <div className="library-scroll">
          <SearchResults />
        </div>
      ) : loaded && articles.length === 0 ? (
        <p className="empty-hint">
          {trashCount > 0
            ? 'No articles in the library: the trash holds the ones you removed.'
            : 'No articles yet. Import files or open the sample library.'}
        </p>
      ) : (
        <>
          <div className="library-controls">
            <label className="library-sort">
              <span>Sort</span>
              <select
                value={sort}
                onChange={(event) => {
                  if (isSortKey(event.target.value)) setSort(event.target.value)
                }}
              >
                {SORT_KEYS.map((key) => (
                  <option key={key} value={key}>
                    {SORT_LABELS[key]}
                  </option>
                ))}
              </select>
            </label>
            <div className="filter-chips" role="group" aria-label="Filter by status">
              {ARTICLE_STATUSES.map((status) => (
                <button
                  key={status}
                  type="button"
                  className={`filter-chip chip-status-${status}`}
                  aria-pressed={filter.statuses.includes(status)}
                  onClick={() => toggleStatus(status)}
                >
                  {STATUS_CHIP_LABELS[status]}
                </button>
              ))}
            </div>
            {tags.length > 0 && (
              <div className="filter-chips" role="group" aria-label="Filter by article tag">
                {tags.map((tag) => (
                  <button
                    key={tag}
                    type="button"
                    className="filter-chip chip-tag"
                    aria-pressed={filter.tags.some((t) => tagKey(t) === tagKey(tag))}
                    onClick={() => toggleTag(tag)}
                  >
                    #{tag}
                  </button>
                ))}
              </div>
            )}
            {filtered && (
              <button type="button" className="link-button clear-filters" onClick={clearFilters}>
                Clear filters
              </button>
            )}
          </div>
          {shown.length === 0 && loaded ? (
            <p className="empty-hint">No articles match these filters.</p>
          ) : (
            <LibraryList articles={shown} currentId={currentId} viewKey={viewKey} />
          )}
        </>
      )}
      <div className="trash-entry-bar">
        <button
          type="button"
          className="trash-entry"
          aria-pressed={mode === 'trash'}
          onClick={mode === 'trash' ? showLibraryList : showTrash}
        >
          <span className="trash-icon" aria-hidden="true" />
          Trash ({trashCount.toLocaleString('en-US')})
        </button>
      </div>
    </nav>
  )
}
