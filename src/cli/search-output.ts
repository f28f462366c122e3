/**
 * How `workbench search` prints its results as text.
 *
 * Why apart from the command: the layout (article line, indented hits,
 * matches in `[[…]]`) is the part scripts and tests read, so it is one small
 * pure function.
 */
import type { SearchHit, SearchResults } from '../shared/search/types'

/** Wrap each highlighted range of a snippet in `[[…]]`. */
export function markHighlights(
  text: string,
  highlights: readonly (readonly [number, number])[],
): string {
  let out = ''
  let at = 0
  for (const [start, end] of highlights) {
    out += `${text.slice(at, start)}[[${text.slice(start, end)}]]`
    at = end
  }
  return out + text.slice(at)
}

function hitLabel(hit: SearchHit): string {
  if (hit.kind === 'article') return hit.field
  return `${hit.annotationKind ?? 'annotation'} ${hit.annotationId ?? ''}`.trim()
}

/** `<article id>  <title>` per article, then one indented line per hit. */
export function formatSearchResults(results: SearchResults): string {
  const lines: string[] = []
  for (const group of results.groups) {
    lines.push(`${group.articleId}  ${group.title}`)
    for (const hit of group.hits) {
      lines.push(
        `    ${hitLabel(hit)} (${hit.field}): ${markHighlights(hit.snippet, hit.highlights)}`,
      )
    }
    if (group.hitCount > group.hits.length) {
      lines.push(`    … and ${group.hitCount - group.hits.length} more`)
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`
}
