/**
 * The one-line status above the search results.
 *
 * Why its own module: while the index is being built (a minute on a large
 * library) the analyst must see that results are partial and how far the
 * build has got, and that wording is easier to get right as a pure function.
 */
import type { SearchResults } from '../../../../shared/search/types'

const count = new Intl.NumberFormat('en')

/** "851 articles match", or "Indexing 400 of 1,000 articles… so far 3 articles match". */
export function searchStatus(results: SearchResults | null): string {
  if (results === null) return 'Searching…'
  let matches: string
  if (results.total === 0) matches = 'no matches'
  else matches = `${count.format(results.total)} article${results.total === 1 ? '' : 's'} match`
  if (results.ready) return matches === 'no matches' ? 'No matches' : matches
  const progress = results.progress
  const indexing = progress
    ? `Indexing ${count.format(progress.indexed)} of ${count.format(progress.articles)} articles…`
    : 'Indexing…'
  return results.total === 0 ? `${indexing} no matches yet` : `${indexing} so far ${matches}`
}

/** Under a list loaded in part: "50 of 851 articles shown". */
export function shownOfTotal(shown: number, total: number): string {
  return `${count.format(shown)} of ${count.format(total)} article${total === 1 ? '' : 's'} shown`
}
