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
 */
import { request } from '../../api'
import { createStore, useStore } from '../../state/create-store'
import { workbench } from '../../state/workbench-store'
import type { SearchResults } from '../../../../shared/search/types'

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
}

export const searchStore = createStore<SearchState>({
  query: '',
  results: null,
  resultsFor: '',
  searching: false,
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

async function runSearch(): Promise<void> {
  const query = searchStore.get().query.trim()
  if (query === '') return
  const mine = ++sequence
  searchStore.set({ searching: true })
  const results = await request('search:query', { query })
  // A newer query (or a cleared box) wins over a slower older answer.
  if (mine !== sequence || searchStore.get().query.trim() !== query) return
  searchStore.set({
    results: results ?? { ready: true, total: 0, offset: 0, groups: [] },
    resultsFor: query,
    searching: false,
  })
  if (results && !results.ready) schedule(SEARCH_RETRY_MS)
}

/** Change the query; the search runs when typing pauses. */
export function setSearchQuery(query: string): void {
  const active = query.trim() !== ''
  searchStore.set({
    query,
    searching: active,
    ...(active ? {} : { results: null, resultsFor: '' }),
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
