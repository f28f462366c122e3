/**
 * Finding annotations across the library, for the claim-links picker.
 *
 * Served from the library's search index (the same index as search, so one
 * folding rule); while that index is still being built, by a plain scan of
 * the articles that have annotations, which is also the reference the
 * index's answer is tested against. What matches is search's rule, from the
 * one folding module: a query word finds the words it begins, folded alike
 * (`елка` finds "ёлка", `strasse` finds "Straße", `и` does not find "й").
 */
import type { AnnotationKind } from '../../shared/domain/annotation'
import { SEARCHABLE_CLAIM_FIELDS } from '../../shared/domain/claim-fields'
import type { AnnotationHit } from '../../shared/ipc/contract'
import { matchesWords, searchWords } from '../../shared/search/fold'
import type { FoundAnnotation } from '../search/fts-index'
import type { LibraryStore } from '../store/library-store'

export interface AnnotationQuery {
  readonly query: string
  readonly limit?: number
  readonly kind?: AnnotationKind
}

/** How many hits `findAnnotations` returns when no limit is given. */
export const DEFAULT_FIND_LIMIT = 20

const NOTE_PREVIEW = 200

/** The start of a note, cut without splitting a surrogate pair. */
function preview(note: string): string {
  if (note.length <= NOTE_PREVIEW) return note
  const last = note.charCodeAt(NOTE_PREVIEW - 1)
  return note.slice(0, last >= 0xd800 && last <= 0xdbff ? NOTE_PREVIEW - 1 : NOTE_PREVIEW)
}

/** The search index's side of finding annotations (`LibrarySearch.findAnnotations`). */
export interface AnnotationIndex {
  findAnnotations(input: {
    words: readonly string[]
    kind: AnnotationKind | null
    limit: number
  }): Promise<readonly FoundAnnotation[] | null>
}

/**
 * Annotations with a word beginning with each word of the query: from the
 * library's search index when it is complete, else by reading the library.
 * Both follow the same rule (the index's answer is tested against the scan).
 */
export async function findAnnotationsIndexed(
  store: LibraryStore,
  index: AnnotationIndex,
  query: AnnotationQuery,
): Promise<AnnotationHit[]> {
  const found = await index.findAnnotations({
    words: searchWords(query.query),
    kind: query.kind ?? null,
    limit: query.limit ?? DEFAULT_FIND_LIMIT,
  })
  if (found === null) return findAnnotations(store, query)
  return found.map((a) => ({ ...a, note: preview(a.note) }))
}

/**
 * Annotations with a word beginning with each word of the query.
 *
 * The words are those of the quote, claim, claimant, attribution, tags and
 * note. Most recently changed first. An empty query lists the most recently changed annotations.
 */
export async function findAnnotations(
  store: LibraryStore,
  query: AnnotationQuery,
): Promise<AnnotationHit[]> {
  const words = searchWords(query.query)
  const hits: AnnotationHit[] = []
  for (const entry of store.listArticles()) {
    if (entry.annotationCount === 0) continue
    const { annotations } = await store.readArticle(entry.id)
    for (const a of annotations) {
      if (query.kind && a.kind !== query.kind) continue
      const claim = a.kind === 'claim' ? a.claim : null
      const found = (): string[] =>
        searchWords(
          [
            a.target.quote.exact,
            ...SEARCHABLE_CLAIM_FIELDS.map((name) => claim?.[name] ?? ''),
            a.tags.join(' '),
            a.note,
          ].join('\n'),
        )
      if (words.length > 0 && !matchesWords(words, found())) continue
      hits.push({
        articleId: entry.id,
        articleTitle: entry.title,
        annotationId: a.id,
        kind: a.kind,
        quote: a.target.quote.exact,
        statement: claim?.statement ?? null,
        claimant: claim?.claimant ?? null,
        status: claim?.status ?? null,
        tags: a.tags,
        note: preview(a.note),
        updatedAt: a.updatedAt,
      })
    }
  }
  hits.sort(
    (x, y) =>
      (x.updatedAt < y.updatedAt ? 1 : x.updatedAt > y.updatedAt ? -1 : 0) ||
      (x.annotationId < y.annotationId ? -1 : x.annotationId > y.annotationId ? 1 : 0),
  )
  return hits.slice(0, query.limit ?? DEFAULT_FIND_LIMIT)
}
