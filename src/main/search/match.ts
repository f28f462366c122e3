/**
 * What it means for one document to match a query.
 *
 * Why apart from the index: the index only narrows the candidates (by word
 * prefixes); the rules for phrases, negation and filters are plain functions
 * over a document, shared by the index and by `naiveSearch`, the slow
 * reference the tests compare the index against.
 */
import { tagKey } from '../../shared/domain/tag'
import { foldText, isUnspacedWord, tokensOf } from '../../shared/search/fold'
import type { ParsedQuery, QueryFilter } from '../../shared/search/query'
import { parseQuery } from '../../shared/search/query'
import type { SearchDocument } from './documents'

/** The longest word prefix the index stores; longer words are checked against the text. */
export const MAX_INDEXED_WORD = 32

/** A sequence of folded words that must appear in one field, in order. */
export interface WordPattern {
  readonly words: readonly string[]
  /** True for a quoted phrase: the last word must be whole. Otherwise it may be a prefix. */
  readonly exact: boolean
}

export interface CompiledQuery {
  readonly required: readonly WordPattern[]
  readonly excluded: readonly WordPattern[]
  readonly filters: readonly CompiledFilter[]
}

function pattern(text: string, exact: boolean): WordPattern | null {
  const words = tokensOf(foldText(text))
  return words.length === 0 ? null : { words, exact }
}

/** Turn a parsed query into folded word patterns. Words that fold to nothing (punctuation) are dropped. */
export function compileQuery(query: ParsedQuery | string): CompiledQuery {
  const parsed = typeof query === 'string' ? parseQuery(query) : query
  const build = (terms: readonly string[], phrases: readonly string[]): WordPattern[] =>
    [...terms.map((t) => pattern(t, false)), ...phrases.map((p) => pattern(p, true))].filter(
      (p): p is WordPattern => p !== null,
    )
  return {
    required: build(parsed.terms, parsed.phrases),
    excluded: build(parsed.negatedTerms, parsed.negatedPhrases),
    filters: parsed.filters.map(compileFilter),
  }
}

/**
 * Whether the index alone decides this pattern: a single prefix word short
 * enough to be stored whole, in a script written with spaces.
 */
export function indexDecides(p: WordPattern): boolean {
  const word = p.words[0] ?? ''
  return (
    p.words.length === 1 && !p.exact && word.length <= MAX_INDEXED_WORD && !isUnspacedWord(word)
  )
}

/** The string a field's word line must contain for the pattern to match there. */
export function needle(p: WordPattern): string {
  return ` ${p.words.join(' ')}${p.exact ? ' ' : ''}`
}

/** Whether any field of the document contains the pattern. */
export function documentHas(doc: SearchDocument, p: WordPattern): boolean {
  const n = needle(p)
  return doc.fields.some((f) => f.words.includes(n))
}

/** A filter with its value prepared once per query rather than once per document. */
export interface CompiledFilter {
  readonly key: QueryFilter['key']
  readonly negated: boolean
  /** Folded, whitespace collapsed. */
  readonly value: string
  /** For `tag:`: the folded tag path. */
  readonly tag: string
  /** For `claimant:` and `source:`: ` word word` to find at a word start; null when the value has no words. */
  readonly words: string | null
}

export function compileFilter(filter: QueryFilter): CompiledFilter {
  const words = tokensOf(foldText(filter.value))
  return {
    key: filter.key,
    negated: filter.negated,
    value: foldText(filter.value.trim().replace(/\s+/gu, ' ')),
    tag: foldText(tagKey(filter.value)),
    words: words.length > 0 ? ` ${words.join(' ')}` : null,
  }
}

function filterPasses(doc: SearchDocument, filter: CompiledFilter): boolean {
  const value = filter.value
  switch (filter.key) {
    case 'tag':
      return doc.meta.tagPaths.includes(filter.tag)
    case 'kind':
      return (
        doc.kind === value ||
        (doc.annotationKind !== null && doc.annotationKind === value) ||
        (value === 'annotation' && doc.kind === 'annotation')
      )
    case 'status':
      return doc.meta.status === value
    case 'claimant':
      return filter.words !== null && ` ${doc.meta.claimant}`.includes(filter.words)
    case 'source':
      return filter.words !== null && ` ${doc.meta.source}`.includes(filter.words)
    case 'article':
      return doc.articleId.toLowerCase() === value
    case 'has':
      if (value === 'note') return doc.meta.hasNote
      if (value === 'tag' || value === 'tags') return doc.meta.tagPaths.length > 0
      if (value === 'claimant') return doc.meta.claimant.length > 0
      return false
    case 'anchor':
      return doc.meta.anchor !== null && value.length > 0 && doc.meta.anchor.startsWith(value)
    case 'is':
      return (value === 'damaged' && doc.meta.damaged) || (value === 'flagged' && doc.meta.flagged)
  }
}

/** Whether a document passes every filter (a negated filter passes when the filter does not). */
export function passesFilters(doc: SearchDocument, filters: readonly CompiledFilter[]): boolean {
  return filters.every((f) => filterPasses(doc, f) !== f.negated)
}

/** Whether a query asks for anything a document could match. */
export function isEmptyCompiled(q: CompiledQuery): boolean {
  return q.required.length === 0 && q.filters.length === 0 && q.excluded.length === 0
}

/** The full rule, checked against the document's text only: what the index must agree with. */
export function documentMatches(doc: SearchDocument, q: CompiledQuery): boolean {
  if (isEmptyCompiled(q)) return false
  return (
    q.required.every((p) => documentHas(doc, p)) &&
    !q.excluded.some((p) => documentHas(doc, p)) &&
    passesFilters(doc, q.filters)
  )
}

/**
 * The reference search: scan every document's folded text.
 *
 * Slow (tens of milliseconds on a large library) and used only by the tests
 * and the benchmark to check the index. Returns the matching documents' keys
 * in the order given.
 */
export function naiveSearch(documents: Iterable<SearchDocument>, query: string): string[] {
  const q = compileQuery(query)
  const out: string[] = []
  for (const doc of documents) if (documentMatches(doc, q)) out.push(doc.key)
  return out
}
