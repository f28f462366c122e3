import type { KeyboardEvent } from 'react'
import type { SearchGroup, SearchHit } from '../../../../shared/search/types'
import { useWorkbench, workbench } from '../../state/workbench-store'
import { openAnnotation } from '../annotations/annotation-actions'
import { openArticle } from '../library/library-actions'
import { Highlighted } from './Highlighted'
import { focusSearchBox, useSearch } from './search-actions'
import { searchStatus } from './search-status'

const FIELD_LABELS: Readonly<Record<SearchHit['field'], string>> = {
  title: 'title',
  text: 'text',
  note: 'note',
  quote: 'quote',
  statement: 'statement',
  claimant: 'claimant',
  attributedVia: 'attributed via',
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
        <ul className="search-groups" onKeyDown={moveFocus} data-query={resultsFor}>
          {results.groups.map((group) => (
            <SearchGroupItem key={group.articleId} group={group} />
          ))}
        </ul>
      )}
    </section>
  )
}

function SearchGroupItem({ group }: { readonly group: SearchGroup }) {
  const isCurrent = useWorkbench((s) => s.current?.article.id === group.articleId)
  const selectedId = useWorkbench((s) =>
    s.current?.article.id === group.articleId ? s.selectedAnnotationId : null,
  )
  const more = group.hitCount - group.hits.length

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
      {group.hits.length > 0 && (
        <ul className="search-hits" aria-label={`Matches in ${group.title}`}>
          {group.hits.map((hit, index) => (
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
      {more > 0 && <p className="search-more">and {more} more</p>}
    </li>
  )
}
