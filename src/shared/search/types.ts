/**
 * What a library search answers, as the window and the command line see it.
 *
 * Why grouped by article: the analyst reads articles, so a hit in a claim and
 * a hit in the text of the same article belong under one heading.
 */

import type { SearchableClaimField } from '../domain/claim-fields'

/** Where in a document the snippet was taken from. */
export type SearchField = 'title' | 'text' | 'note' | 'quote' | SearchableClaimField

/** A half-open span `[start, end)` within a snippet or title. */
export type HighlightRange = readonly [number, number]

export interface SearchHit {
  /** `article` for the article's own title, text or note; `annotation` for a highlight or claim. */
  readonly kind: 'article' | 'annotation'
  /** Set for annotation hits. */
  readonly annotationId?: string
  /** For annotation hits: `highlight` or `claim`. */
  readonly annotationKind?: 'highlight' | 'claim'
  readonly field: SearchField
  /** About 160 characters around the first match, whitespace collapsed; `…` marks a cut. */
  readonly snippet: string
  /** The matched words within `snippet`. */
  readonly highlights: readonly HighlightRange[]
}

export interface SearchGroup {
  readonly articleId: string
  readonly title: string
  /** Matched words within `title`. */
  readonly titleHighlights: readonly HighlightRange[]
  readonly source: string | null
  /** Every matching document of this article; `hits` shows at most the first few. */
  readonly hitCount: number
  readonly hits: readonly SearchHit[]
}

export interface SearchResults {
  /** False while the index is still being built: results cover only what is indexed so far. */
  readonly ready: boolean
  /** While `ready` is false: how many of the library's articles are indexed so far. */
  readonly progress?: { readonly indexed: number; readonly articles: number }
  /** Every matching article, however many `groups` shows. */
  readonly total: number
  /** The rank of the first of `groups` among all matching articles (0 for the best). */
  readonly offset: number
  /** The matching articles ranked `[offset, offset + limit)`, best first. */
  readonly groups: readonly SearchGroup[]
}

/** One page of one article's hits (`search:hits`). */
export interface SearchHitsPage {
  /** Every matching document of the article; the group's `hitCount`. */
  readonly total: number
  /** In the order the group lists them. */
  readonly hits: readonly SearchHit[]
}

/** Default and largest number of article groups one page of a search returns. */
export const DEFAULT_SEARCH_LIMIT = 50
export const MAX_SEARCH_LIMIT = 500
/** Default and largest number of one article's hits one `search:hits` page returns. */
export const DEFAULT_HITS_LIMIT = 100
export const MAX_HITS_LIMIT = 500
export const MAX_QUERY_LENGTH = 1000
