/**
 * What the search index holds: one document per article and per annotation.
 *
 * Why documents of two kinds: a hit must say whether it is in the article's
 * own text or in one of the analyst's annotations, and filters (`kind:`,
 * `status:`, `anchor:`) mean different things for each. Each document keeps
 * its fields' original text (for snippets), their folded words (for phrase
 * checks) and the metadata filters look at, so no query touches the disk.
 */
import { anchorAll, type AnchorStatus } from '../../shared/anchoring'
import { articleText, type Block } from '../../shared/domain/article'
import type { Annotation } from '../../shared/domain/annotation'
import { tagKey } from '../../shared/domain/tag'
import { foldText, originalWordSpans, tokensOf } from '../../shared/search/fold'
import { SEARCHABLE_CLAIM_FIELDS } from '../../shared/domain/claim-fields'
import type { SearchField } from '../../shared/search/types'

export interface SearchDocumentField {
  readonly name: SearchField
  readonly text: string
  /** The field's folded words joined by single spaces, with a space at each end. */
  readonly words: string
  /** `starts[i]`: offset in `text` of the original word that folded word `i` came from. */
  readonly starts: Int32Array
}

export interface SearchDocument {
  /** `art-…` for an article, `art-…#ann-…` for an annotation. */
  readonly key: string
  readonly kind: 'article' | 'annotation'
  readonly articleId: string
  readonly annotationId: string | null
  /** `highlight` or `claim` for annotations; null for articles. */
  readonly annotationKind: 'highlight' | 'claim' | null
  /** The article's source as shown (site or outlet). */
  readonly source: string | null
  readonly fields: readonly SearchDocumentField[]
  readonly meta: SearchMeta
  /** For annotations: what the claim-link picker shows and sorts by; null for articles. */
  readonly picker: PickerFacts | null
}

/** An annotation's facts the claim-link picker needs besides its text fields. */
export interface PickerFacts {
  readonly tags: readonly string[]
  /** A claim's status; null for a highlight. */
  readonly status: string | null
  readonly updatedAt: string
}

/** What filters look at; text values are folded. */
export interface SearchMeta {
  /** The source's folded words joined by spaces. */
  readonly source: string
  /** Every tag and every ancestor of it (`a/b/c` gives `a`, `a/b`, `a/b/c`), folded. */
  readonly tagPaths: readonly string[]
  /** The article's reading status, or a claim's status; '' for a highlight. */
  readonly status: string
  /** A claim's claimant, folded words joined by spaces; '' otherwise. */
  readonly claimant: string
  readonly hasNote: boolean
  /** Null for articles. */
  readonly anchor: AnchorStatus | null
  /** An article whose annotation file or text cannot be read (`is:damaged`); false for annotations. */
  readonly damaged: boolean
  /** An article whose import needs a look (`is:flagged`); false for annotations. */
  readonly flagged: boolean
}

/** The state of an article that search needs (a subset of the article file). */
export interface ArticleSearchState {
  readonly status: string
  readonly tags: readonly string[]
  readonly note: string
  readonly annotations: readonly Annotation[]
}

export interface ArticleSearchSource {
  readonly id: string
  readonly title: string
  readonly source: string | null
  readonly contentHash: string
  /** Its annotation file or text cannot be read. */
  readonly damaged?: boolean
  /** Its extracted text needs a look ("check this import"). */
  readonly flagged?: boolean
}

/** Folded words of a text, joined by spaces with a space at each end (so ` word ` finds whole words). */
export function wordLine(text: string): string {
  const words = tokensOf(foldText(text))
  return words.length === 0 ? ' ' : ` ${words.join(' ')} `
}

/**
 * A field's folded words and where each starts in the original, so a
 * snippet can jump straight to the first match in a long text.
 */
export function searchField(name: SearchField, text: string): SearchDocumentField[] {
  if (text.trim().length === 0) return []
  const words: string[] = []
  const starts: number[] = []
  for (const word of originalWordSpans(text)) {
    words.push(word.token)
    starts.push(word.start)
  }
  return [
    {
      name,
      text,
      words: words.length === 0 ? ' ' : ` ${words.join(' ')} `,
      starts: Int32Array.from(starts),
    },
  ]
}

/** `a/b/c` → folded `a`, `a/b`, `a/b/c`; case-, space- and diacritics-insensitive. */
export function tagPaths(tags: readonly string[]): string[] {
  const out = new Set<string>()
  for (const tag of tags) {
    const parts = foldText(tagKey(tag)).split('/')
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join('/'))
  }
  return [...out]
}

/** The article document alone: its title, text and note. */
export function articleDocument(
  entry: ArticleSearchSource,
  text: string,
  state: ArticleSearchState,
): SearchDocument {
  return {
    key: entry.id,
    kind: 'article',
    articleId: entry.id,
    annotationId: null,
    annotationKind: null,
    source: entry.source,
    fields: [
      ...searchField('title', entry.title),
      ...searchField('text', text),
      ...searchField('note', state.note),
    ],
    meta: {
      source: wordLine(entry.source ?? '').trim(),
      tagPaths: tagPaths(state.tags),
      status: foldText(state.status),
      claimant: '',
      hasNote: state.note.trim().length > 0,
      anchor: null,
      damaged: entry.damaged ?? false,
      flagged: entry.flagged ?? false,
    },
    picker: null,
  }
}

/** The documents of an article's annotations, anchored on the article's text. */
export function annotationDocuments(
  entry: ArticleSearchSource,
  text: string,
  annotations: readonly Annotation[],
): SearchDocument[] {
  const anchors = anchorAll(
    text,
    entry.contentHash,
    annotations.map((a) => a.target),
  )
  return annotations.map((a, i) => {
    const claim = a.kind === 'claim' ? a.claim : null
    return {
      key: `${entry.id}#${a.id}`,
      kind: 'annotation' as const,
      articleId: entry.id,
      annotationId: a.id,
      annotationKind: a.kind,
      source: entry.source,
      fields: [
        ...searchField('quote', a.target.quote.exact),
        ...SEARCHABLE_CLAIM_FIELDS.flatMap((name) => searchField(name, claim?.[name] ?? '')),
        ...searchField('note', a.note),
      ],
      meta: {
        source: wordLine(entry.source ?? '').trim(),
        tagPaths: tagPaths(a.tags),
        status: foldText(claim?.status ?? ''),
        claimant: wordLine(claim?.claimant ?? '').trim(),
        hasNote: a.note.trim().length > 0,
        anchor: anchors[i]?.status ?? 'orphaned',
        damaged: false,
        flagged: false,
      },
      picker: { tags: a.tags, status: claim?.status ?? null, updatedAt: a.updatedAt },
    }
  })
}

/** Every document of one article: the article itself first, then its annotations. */
export function articleDocuments(
  entry: ArticleSearchSource,
  blocks: readonly Block[],
  state: ArticleSearchState,
): SearchDocument[] {
  const text = articleText(blocks)
  return [
    articleDocument(entry, text, state),
    ...annotationDocuments(entry, text, state.annotations),
  ]
}
