/**
 * The library search: what the analyst typed and what main answered.
 *
 * Why a store of its own: the search box, the result list in the library
 * sidebar and the export dialog's "matching the search" scope all read the
 * same query and results, while the workbench store belongs to the reader
 * and the annotations. Typing is debounced; an answer given while the
 * index is still being built (`ready: false`) is asked for again shortly,
 * and a change to the library re-runs the active query so counts and
 * snippets stay current.
 *
 * Every match is reachable: results come a page of article groups at a
 * time (`loadMoreResults`), and a group's hits beyond the first few are
 * fetched when the analyst expands it (`expandGroup`). A re-run of the same
 * query asks for as many groups as were loaded and fetches the expanded
 * groups' hits again, so the list does not shrink under the analyst.
 */
import { request } from '../../api'
import { createStore, useStore } from '../../state/create-store'
import { workbench } from '../../state/workbench-store'
import {
  DEFAULT_HITS_LIMIT,
  DEFAULT_SEARCH_LIMIT,
  MAX_SEARCH_LIMIT,
  type SearchGroup,
  type SearchHit,
  type SearchResults,
} from '../../../../shared/search/types'

/** How long typing must pause before the query is sent. */
export const SEARCH_DEBOUNCE_MS = 200
/** How soon to ask again while the index is still being built. */
export const SEARCH_RETRY_MS = 500

export interface SearchState {
  /** What is in the search box. */
  readonly query: string
  /** The answer to `resultsFor`, or null before the first answer. */
  readonly results: SearchResults | null
  /** The query `results` answer (trimmed). */
  readonly resultsFor: string
  /** A query is on its way to main or waiting for the debounce. */
  readonly searching: boolean
  /** The next page of groups is on its way. */
  readonly loadingMore: boolean
  /** Groups the analyst expanded to see all their hits, by article id. */
  readonly expanded: Readonly<Record<string, ExpandedGroup>>
}

/** The hits of an expanded group, fetched a page at a time. */
export interface ExpandedGroup {
  /** Every hit of the article; the group's `hitCount` when it was fetched. */
  readonly total: number
  readonly hits: readonly SearchHit[]
  /** A page of hits is on its way. */
  readonly loading: boolean
}

export const searchStore = createStore<SearchState>({
  query: '',
  results: null,
  resultsFor: '',
  searching: false,
  loadingMore: false,
  expanded: {},
})

/** Read part of the search state in a component. */
export function useSearch<T>(selector: (state: SearchState) => T): T {
  return useStore(searchStore, selector)
}

/** Whether a query is active, so results replace the article list. */
export function isSearchActive(state: SearchState): boolean {
  return state.query.trim() !== ''
}

/** The ids of the articles matching the current search, in result order. */
export function searchArticleIds(state: SearchState): string[] {
  if (!isSearchActive(state) || !state.results) return []
  return state.results.groups.map((group) => group.articleId)
}

let timer: ReturnType<typeof setTimeout> | null = null
let sequence = 0

function schedule(delay: number): void {
  if (timer !== null) clearTimeout(timer)
  timer = setTimeout(() => {
    timer = null
    void runSearch()
  }, delay)
}

/** Whether the state still belongs to this search: no newer query and the same text in the box. */
function current(mine: number, query: string): boolean {
  return mine === sequence && searchStore.get().query.trim() === query
}

async function runSearch(): Promise<void> {
  const query = searchStore.get().query.trim()
  if (query === '') return
  const mine = ++sequence
  const before = searchStore.get()
  const again = before.resultsFor === query && before.results !== null
  // The same query again (a library change, a retry): as many groups as were loaded.
  const wanted = again ? Math.max(DEFAULT_SEARCH_LIMIT, before.results?.groups.length ?? 0) : 0
  searchStore.set({ searching: true, ...(again ? {} : { loadingMore: false, expanded: {} }) })
  let results = await request('search:query', {
    query,
    limit: Math.min(MAX_SEARCH_LIMIT, Math.max(DEFAULT_SEARCH_LIMIT, wanted)),
  })
  while (
    results &&
    current(mine, query) &&
    results.groups.length < Math.min(wanted, results.total)
  ) {
    const page = await request('search:query', {
      query,
      offset: results.groups.length,
      limit: Math.min(MAX_SEARCH_LIMIT, wanted - results.groups.length),
    })
    if (!page || page.groups.length === 0) break
    results = { ...page, offset: 0, groups: appendGroups(results.groups, page.groups) }
  }
  // A newer query (or a cleared box) wins over a slower older answer.
  if (!current(mine, query)) return
  searchStore.set({
    results: results ?? { ready: true, total: 0, offset: 0, groups: [] },
    resultsFor: query,
    searching: false,
    loadingMore: false,
  })
  if (results && !results.ready) schedule(SEARCH_RETRY_MS)
  // Expanded groups stay expanded, with their hits as they are now.
  const expanded = searchStore.get().expanded
  const still = new Set(results?.groups.map((g) => g.articleId))
  const kept: Record<string, ExpandedGroup> = {}
  for (const [articleId, group] of Object.entries(expanded)) {
    if (still.has(articleId)) kept[articleId] = group
  }
  searchStore.set({ expanded: kept })
  for (const [articleId, group] of Object.entries(kept)) {
    void fetchHits(articleId, 0, Math.max(group.hits.length, DEFAULT_HITS_LIMIT), true)
  }
}

/** `loaded` followed by the groups of `page` not already in it. */
function appendGroups(
  loaded: readonly SearchGroup[],
  page: readonly SearchGroup[],
): readonly SearchGroup[] {
  // Between two pages the library may have changed and an article moved up or down a place.
  const seen = new Set(loaded.map((g) => g.articleId))
  return [...loaded, ...page.filter((g) => !seen.has(g.articleId))]
}

/** Whether more matching articles than those loaded exist. */
export function hasMoreResults(state: SearchState): boolean {
  const { results } = state
  return results !== null && results.groups.length < results.total
}

/** Load the next page of article groups (nothing if all are loaded or a page is on its way). */
export async function loadMoreResults(): Promise<void> {
  const state = searchStore.get()
  const { results, resultsFor: query } = state
  if (!results || state.loadingMore || state.searching || !hasMoreResults(state)) return
  const mine = sequence
  searchStore.set({ loadingMore: true })
  const page = await request('search:query', {
    query,
    offset: results.groups.length,
    limit: DEFAULT_SEARCH_LIMIT,
  })
  const now = searchStore.get()
  // A re-run or a new query replaced the results meanwhile: this page belongs to the old ones.
  if (mine !== sequence || now.results !== results) {
    if (mine === sequence) searchStore.set({ loadingMore: false })
    return
  }
  searchStore.set({
    loadingMore: false,
    results: page
      ? {
          ...page,
          offset: 0,
          groups: appendGroups(results.groups, page.groups),
        }
      : results,
  })
}

/**
 * Fetch hits `[offset, offset + limit)` of an article for the current
 * query into its expanded group; `replace` starts the list over (a re-run).
 */
async function fetchHits(
  articleId: string,
  offset: number,
  limit: number,
  replace: boolean,
): Promise<void> {
  const mine = sequence
  const query = searchStore.get().resultsFor
  const setGroup = (group: ExpandedGroup): void =>
    searchStore.set({ expanded: { ...searchStore.get().expanded, [articleId]: group } })
  const before = searchStore.get().expanded[articleId]
  setGroup({ total: before?.total ?? 0, hits: before?.hits ?? [], loading: true })
  const hits: SearchHit[] = []
  let total = 0
  let failed = false
  // At most a page of the contract's size per request: a re-run may want more hits than that.
  for (let at = offset; at < offset + limit;) {
    const page = await request('search:hits', {
      query,
      articleId,
      offset: at,
      limit: Math.min(DEFAULT_HITS_LIMIT, offset + limit - at),
    })
    if (mine !== sequence) return
    if (!page) {
      failed = true
      break
    }
    total = page.total
    hits.push(...page.hits)
    at += page.hits.length
    if (page.hits.length === 0 || at >= total) break
  }
  const now = searchStore.get().expanded[articleId]
  // Collapsed while the hits were on their way.
  if (now === undefined) return
  // A failure was shown as a toast; what was there stays, and the button can try again.
  if (failed && hits.length === 0) setGroup({ ...now, loading: false })
  else setGroup({ total, hits: replace ? hits : [...now.hits, ...hits], loading: false })
}

/** Show every hit of a group: the first page now, the rest with `loadMoreHits`. */
export function expandGroup(group: SearchGroup): void {
  if (searchStore.get().expanded[group.articleId]) return
  // The hits already shown stay while the rest is fetched.
  searchStore.set({
    expanded: {
      ...searchStore.get().expanded,
      [group.articleId]: { total: group.hitCount, hits: group.hits, loading: true },
    },
  })
  void fetchHits(group.articleId, 0, DEFAULT_HITS_LIMIT, true)
}

/** The next page of an expanded group's hits. */
export function loadMoreHits(articleId: string): void {
  const group = searchStore.get().expanded[articleId]
  if (!group || group.loading || group.hits.length >= group.total) return
  void fetchHits(articleId, group.hits.length, DEFAULT_HITS_LIMIT, false)
}

/** Back to the group's first few hits. */
export function collapseGroup(articleId: string): void {
  const { [articleId]: _gone, ...rest } = searchStore.get().expanded
  searchStore.set({ expanded: rest })
}

/** Change the query; the search runs when typing pauses. */
export function setSearchQuery(query: string): void {
  const active = query.trim() !== ''
  searchStore.set({
    query,
    searching: active,
    ...(active ? {} : { results: null, resultsFor: '', loadingMore: false, expanded: {} }),
  })
  if (active) schedule(SEARCH_DEBOUNCE_MS)
  else {
    sequence++
    if (timer !== null) clearTimeout(timer)
    timer = null
  }
}

/** Empty the search box and show the article list again. */
export function clearSearch(): void {
  setSearchQuery('')
}

/** Put keyboard focus in the search box and select what is there. */
export function focusSearchBox(): void {
  const input = document.querySelector<HTMLInputElement>('input[data-search-box]')
  input?.focus()
  input?.select()
}

// A change to the library (an import, a new tag or note, an undo) re-runs the active query.
let lastArticles = workbench.get().articles
workbench.subscribe(() => {
  const { articles } = workbench.get()
  if (articles === lastArticles) return
  lastArticles = articles
  if (isSearchActive(searchStore.get())) schedule(SEARCH_DEBOUNCE_MS)
})
