/**
 * Find or make an article's title.
 *
 * Why: every article needs a title for the library list and for briefings,
 * but some sources start straight with a paragraph. A title made from the
 * first sentence is marked `titleDerived` so the analyst knows nobody
 * actually gave the article that title.
 */
import { countWords } from '../../shared/domain/article'
import { cleanTitle } from './text-cleanup'

/** Longest line accepted as a given title. */
const MAX_TITLE_CHARS = 200
const MAX_TITLE_WORDS = 25

/** Length a derived title is cut to, ellipsis included. */
const DERIVED_TITLE_CHARS = 100

const CITATION_MARKER = /\[citation:[^\]\n]{0,500}\]/gi

/** Whether a line reads like a headline rather than the start of the body. */
export function looksLikeTitle(line: string): boolean {
  const text = line.trim()
  if (text.length === 0 || text.length > MAX_TITLE_CHARS) return false
  if (!/\p{L}/u.test(text)) return false
  // Headlines may ask or exclaim, but they do not end like a sentence or a clause.
  if (/[.,;:…]$/.test(text)) return false
  if (/^(?:>|[-*+•]\s|\d+[.)]\s)/.test(text)) return false
  return countWords(text) <= MAX_TITLE_WORDS
}

/**
 * Abbreviations whose full stop does not end a sentence, checked against the
 * word just before a candidate sentence end.
 */
const ABBREVIATION =
  /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|St|Jr|Sr|Inc|Ltd|Co|Corp|Gen|Col|Lt|Sgt|Rep|Sen|Gov|vs|etc|e\.g|i\.e|U\.S|U\.K|No|Nos|т|т\.е|т\.д|т\.п|г|гг|им|ул|д|др|пр|проф|см|тыс|млн|млрд|руб|долл|\p{Lu})\.$/u

/** The first sentence of a text, without a citation marker or final full stop. */
export function firstSentence(text: string): string {
  const plain = text.replace(CITATION_MARKER, ' ').replace(/\s+/g, ' ').trim()
  const sentenceEnd = /[.!?…]+["»”’)]*(?=\s+["«“‘(]?[\p{Lu}\p{N}]|\s*$)/gu
  for (const match of plain.matchAll(sentenceEnd)) {
    const end = match.index + match[0].length
    // Only the last word matters, and a long text has many candidate ends.
    const before = plain.slice(Math.max(0, match.index - 12), match.index + 1)
    if (match[0].startsWith('.') && ABBREVIATION.test(before)) continue
    return plain.slice(0, end).replace(/\.$/, '').trim()
  }
  return plain
}

/**
 * Make a title from the first sentence of the body.
 *
 * Cut at a word boundary so the list never shows half a word, and end with
 * an ellipsis so the reader can see it was cut.
 */
export function deriveTitle(text: string): string {
  const sentence = cleanTitle(firstSentence(text))
  const chars = Array.from(sentence)
  if (chars.length <= DERIVED_TITLE_CHARS) return sentence
  const room = chars.slice(0, DERIVED_TITLE_CHARS - 1).join('')
  const lastSpace = room.lastIndexOf(' ')
  // A single enormous "word" (a URL, a run of digits) has to be cut anyway.
  const cut = lastSpace >= DERIVED_TITLE_CHARS / 2 ? room.slice(0, lastSpace) : room
  return `${cut.replace(/[\s,;:.—–-]+$/u, '')}…`
}
