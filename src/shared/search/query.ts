/**
 * The search box's little language, parsed.
 *
 * Why a parser of its own: the analyst types one line mixing words, quoted
 * phrases, `key:value` filters and `-` negations, and the app, the command
 * line and the tests must read that line the same way. This module only
 * splits the line; what a word or filter matches is decided by the index.
 *
 * Rules: words are separated by spaces; `"…"` (also `“…”`, `«…»`, `„…“`)
 * makes a phrase; a leading `-` negates a word, phrase or filter; a filter is
 * a known key, a colon and a value, which may itself be quoted
 * (`tag:"two words"`). An unknown key (`foo:bar`) is plain text, and so is a
 * known key with nothing after the colon.
 */

export const FILTER_KEYS = [
  'tag',
  'kind',
  'status',
  'claimant',
  'source',
  'article',
  'has',
  'anchor',
  'is',
] as const
export type FilterKey = (typeof FILTER_KEYS)[number]

export interface QueryFilter {
  readonly key: FilterKey
  readonly value: string
  readonly negated: boolean
}

export interface ParsedQuery {
  /** Words that must all match (each as a word prefix). */
  readonly terms: readonly string[]
  /** Phrases that must all appear, word for word. */
  readonly phrases: readonly string[]
  readonly negatedTerms: readonly string[]
  readonly negatedPhrases: readonly string[]
  readonly filters: readonly QueryFilter[]
}

const CLOSING_QUOTE: Readonly<Record<string, string>> = {
  '"': '"',
  '“': '”',
  '”': '”',
  '«': '»',
  '„': '“',
}

function isSpace(ch: string): boolean {
  return /\s/u.test(ch)
}

function isFilterKey(key: string): key is FilterKey {
  return (FILTER_KEYS as readonly string[]).includes(key)
}

/** Read a quoted run starting at the opening quote; an unclosed quote runs to the end. */
function readQuoted(input: string, at: number): { text: string; next: number } {
  const close = CLOSING_QUOTE[input.charAt(at)] ?? '"'
  let end = input.indexOf(close, at + 1)
  // “…“ and ”…” are typed too: accept the opening character as the closing one.
  if (end < 0) end = input.indexOf(input.charAt(at), at + 1)
  if (end < 0) return { text: input.slice(at + 1), next: input.length }
  return { text: input.slice(at + 1, end), next: end + 1 }
}

/** Read an unquoted run up to the next space. */
function readBare(input: string, at: number): { text: string; next: number } {
  let end = at
  while (end < input.length && !isSpace(input.charAt(end))) end++
  return { text: input.slice(at, end), next: end }
}

/** Parse one line of the search language. Never throws; anything unrecognised is text. */
export function parseQuery(input: string): ParsedQuery {
  const terms: string[] = []
  const phrases: string[] = []
  const negatedTerms: string[] = []
  const negatedPhrases: string[] = []
  const filters: QueryFilter[] = []
  let i = 0
  while (i < input.length) {
    if (isSpace(input.charAt(i))) {
      i++
      continue
    }
    let negated = false
    if (input.charAt(i) === '-' && i + 1 < input.length && !isSpace(input.charAt(i + 1))) {
      negated = true
      i++
    }
    if (input.charAt(i) in CLOSING_QUOTE) {
      const { text, next } = readQuoted(input, i)
      i = next
      const phrase = text.trim()
      if (phrase) (negated ? negatedPhrases : phrases).push(phrase)
      continue
    }
    const filter = /^([A-Za-z]+):/u.exec(input.slice(i, i + 20))
    const key = filter?.[1]?.toLowerCase()
    if (filter && key && isFilterKey(key)) {
      const valueAt = i + filter[0].length
      const quoted = input.charAt(valueAt) in CLOSING_QUOTE
      const { text, next } = quoted ? readQuoted(input, valueAt) : readBare(input, valueAt)
      const value = text.trim()
      if (value) {
        filters.push({ key, value, negated })
        i = next
        continue
      }
    }
    const { text, next } = readBare(input, i)
    i = next
    ;(negated ? negatedTerms : terms).push(text)
  }
  return { terms, phrases, negatedTerms, negatedPhrases, filters }
}

/** Whether a parsed query asks for anything at all. */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return (
    query.terms.length === 0 &&
    query.phrases.length === 0 &&
    query.negatedTerms.length === 0 &&
    query.negatedPhrases.length === 0 &&
    query.filters.length === 0
  )
}
