import { useEffect, useRef, type KeyboardEvent } from 'react'
import {
  CLAIM_FIELDS,
  SEARCHABLE_CLAIM_FIELDS,
  type SearchableClaimField,
} from '../../../../shared/domain/claim-fields'
import {
  DEFAULT_HITS_LIMIT,
  type SearchGroup,
  type SearchHit,
} from '../../../../shared/search/types'
import { useWorkbench, workbench } from '../../state/workbench-store'
import { openAnnotation } from '../annotations/annotation-actions'
import { openArticle } from '../library/library-actions'
import { Highlighted } from './Highlighted'
import {
  collapseGroup,
  expandGroup,
  focusSearchBox,
  hasMoreResults,
  loadMoreHits,
  loadMoreResults,
  useSearch,
  type ExpandedGroup,
} from './search-actions'
import { searchStatus, shownOfTotal } from './search-status'

/** How near the end of the list (in pixels) scrolling loads the next page of results. */
const LOAD_AHEAD_PX = 400

const FIELD_LABELS: Readonly<Record<SearchHit['field'], string>> = {
  title: 'title',
  text: 'text',
  note: 'note',
  quote: 'quote',
  ...(Object.fromEntries(
    SEARCHABLE_CLAIM_FIELDS.map((name) => [name, CLAIM_FIELDS[name].label.toLowerCase()]),
  ) as Record<SearchableClaimField, string>),
}

/** Where a hit was found, e.g. "Claim · statement" or "Article · text". */
export function hitLabel(hit: SearchHit): string {
  const owner =
    hit.kind === 'annotation' ? (hit.annotationKind === 'claim' ? 'Claim' : 'Highlight') : 'Article'
  return `${owner} · ${FIELD_LABELS[hit.field]}`
}

/**
 * Open the article of a hit and, for an annotation, select it.
 *
 * An annotation the open article does not know yet (made elsewhere, e.g. by
 * an import) reloads the article first, so it can be selected.
 */
async function openHit(articleId: string, hit: SearchHit | null): Promise<void> {
  const { current } = workbench.get()
  const annotationId = hit?.kind === 'annotation' ? hit.annotationId : undefined
  if (annotationId !== undefined) {
    if (
      current?.article.id === articleId &&
      !current.annotations.some((a) => a.id === annotationId)
    ) {
      await openArticle(articleId)
    }
    await openAnnotation(articleId, annotationId)
  } else if (current?.article.id !== articleId) {
    await openArticle(articleId)
  }
}

/** Arrow keys, Home and End move between the result buttons; up from the first returns to the box. */
function moveFocus(event: KeyboardEvent<HTMLElement>): void {
  const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End']
  if (!keys.includes(event.key)) return
  const items = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-search-item]')]
  const index = items.indexOf(document.activeElement as HTMLElement)
  event.preventDefault()
  if (event.key === 'ArrowUp' && index <= 0) {
    focusSearchBox()
    return
  }
  const next =
    event.key === 'Home'
      ? 0
      : event.key === 'End'
        ? items.length - 1
        : Math.min(items.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))
  items[next]?.focus()
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 'es'}`
}

/** The answer to the active search, grouped by article, in place of the article list. */
export function SearchResults() {
  const results = useSearch((s) => s.results)
  const resultsFor = useSearch((s) => s.resultsFor)
  const searching = useSearch((s) => s.searching)

  const status = searchStatus(results)

  return (
    <section className="search-results" aria-label="Search results" aria-busy={searching}>
      <p className="search-status" role="status" data-testid="search-status">
        {status}
      </p>
      {results !== null && results.groups.length > 0 && (
        <div onKeyDown={moveFocus}>
          <ul className="search-groups" data-query={resultsFor}>
            {results.groups.map((group) => (
              <SearchGroupItem key={group.articleId} group={group} />
            ))}
          </ul>
          <MoreResults shown={results.groups.length} total={results.total} />
        </div>
      )}
    </section>
  )
}

/**
 * Under a list loaded in part: how many are shown of how many, and a
 * button for the next page, which also loads by itself when scrolled near.
 */
function MoreResults({ shown, total }: { readonly shown: number; readonly total: number }) {
  const more = useSearch(hasMoreResults)
  const loading = useSearch((s) => s.loadingMore)
  const ref = useRef<HTMLDivElement>(null)

  useEffect(() => {
    const element = ref.current
    if (!more || element === null || typeof IntersectionObserver === 'undefined') return
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) void loadMoreResults()
      },
      { rootMargin: `0px 0px ${LOAD_AHEAD_PX}px 0px` },
    )
    observer.observe(element)
    return () => observer.disconnect()
    // A new page changes `shown`: observe again, so a list still short of the end keeps loading.
  }, [more, shown])

  if (!more) return null
  return (
    <div className="search-more-results" ref={ref}>
      <span className="search-more-count" data-testid="search-shown">
        {shownOfTotal(shown, total)}
      </span>
      <button
        type="button"
        className="button search-more-button"
        data-search-item=""
        aria-busy={loading}
        disabled={loading}
        onClick={() => void loadMoreResults()}
      >
        {loading ? 'Loading…' : 'Show more results'}
      </button>
    </div>
  )
}

function SearchGroupItem({ group }: { readonly group: SearchGroup }) {
  const isCurrent = useWorkbench((s) => s.current?.article.id === group.articleId)
  const selectedId = useWorkbench((s) =>
    s.current?.article.id === group.articleId ? s.selectedAnnotationId : null,
  )
  const expanded = useSearch((s): ExpandedGroup | undefined => s.expanded[group.articleId])
  const hits = expanded?.hits ?? group.hits
  const total = expanded?.total ?? group.hitCount
  const more = total - hits.length
  const listId = `search-hits-${group.articleId}`

  return (
    <li className="search-group">
      <button
        type="button"
        className="search-group-header"
        data-search-item=""
        data-article-id={group.articleId}
        aria-current={isCurrent ? 'true' : undefined}
        onClick={() => void openHit(group.articleId, null)}
      >
        <span className="search-group-title">
          <Highlighted text={group.title} ranges={group.titleHighlights} />
        </span>
        <span className="search-group-meta">
          <span className="search-group-source">{group.source ?? 'Unknown source'}</span>
          <span className="search-group-count">{plural(group.hitCount, 'match')}</span>
        </span>
      </button>
      {hits.length > 0 && (
        <ul className="search-hits" id={listId} aria-label={`Matches in ${group.title}`}>
          {hits.map((hit, index) => (
            <li key={hit.annotationId ?? `${hit.kind}-${hit.field}-${index}`}>
              <button
                type="button"
                className={`search-hit search-hit-${hit.annotationKind ?? hit.kind}`}
                data-search-item=""
                data-annotation-id={hit.annotationId}
                data-selected={
                  hit.annotationId !== undefined && hit.annotationId === selectedId
                    ? 'true'
                    : undefined
                }
                onClick={() => void openHit(group.articleId, hit)}
              >
                <span className="search-hit-label">{hitLabel(hit)}</span>
                <span className="search-hit-snippet">
                  <Highlighted text={hit.snippet} ranges={hit.highlights} />
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="search-more">
        {more > 0 && (
          <button
            type="button"
            className="search-more-hits"
            data-search-item=""
            aria-controls={listId}
            aria-expanded={expanded !== undefined}
            aria-busy={expanded?.loading ?? false}
            disabled={expanded?.loading ?? false}
            onClick={() =>
              expanded === undefined ? expandGroup(group) : loadMoreHits(group.articleId)
            }
          >
            {expanded?.loading
              ? 'Loading…'
              : expanded === undefined
                ? `and ${more} more in this article`
                : `Show ${Math.min(more, DEFAULT_HITS_LIMIT)} more of ${more}`}
          </button>
        )}
        {expanded !== undefined && (
          <button
            type="button"
            className="search-more-hits"
            data-search-item=""
            aria-controls={listId}
            aria-expanded="true"
            onClick={() => collapseGroup(group.articleId)}
          >
            Show fewer
          </button>
        )}
      </div>
    </li>
  )
}
