/**
 * The one definition of "the same word" and "the same name" for the library.
 *
 * Why one module: search, the claim-link picker, tag identity, claim
 * statuses, the renderer's pickers and the command line must agree on which
 * texts are equal, or a tag typed with a decomposed `é` becomes a second tag
 * and the picker finds `и` for `й` while search does not. Every comparison
 * of user text goes through one of two rules here:
 *
 * - **Finding** (`foldText`, `searchWords`, `matchesWords`): how a typed query
 *   meets the library's text. Why hand-written: the index, the phrase check,
 *   the highlighter, the picker and the naive reference must all agree on
 *   what matches, and the index library's own charsets each fold differently
 *   (some drop Cyrillic, some keep accents). So text is folded once, by these
 *   rules, before any library sees it: composed and decomposed spellings are
 *   one (Unicode NFC), case is removed, Latin, Greek and Cyrillic letters lose
 *   their diacritics (café → cafe, ё → е; й stays й because Russian readers
 *   treat it as its own letter), ligatures and compatibility forms are
 *   expanded (ß → ss, ﬁ → fi), and invisible characters are dropped. Other
 *   scripts keep their combining marks, which carry meaning there.
 * - **Naming** (`composedName`, `nameKey`): the identity of a name the
 *   analyst gives, a tag or a claim status. Names are stored composed (NFC)
 *   and compared composed and case-insensitively, but diacritics count:
 *   "Café" and "Cafe" are two tags, as they always were (search's `tag:`
 *   filter finds both, because finding folds). Reads are tolerant: a library
 *   written before names were composed keeps its spelling on disk, and its
 *   decomposed "Café" has the same key as a composed one.
 *
 * A word is a run of letters, digits and marks; Han, Hiragana and Katakana
 * characters are words of one character each (with the marks on them, such
 * as a kana's voicing), because those scripts do not separate words with
 * spaces (a query in them is matched as a phrase).
 */

/** A name as stored: canonically composed (NFC), so one spelling on screen is one string on disk. */
export function composedName(name: string): string {
  return name.normalize('NFC')
}

/**
 * The identity of a name: composed and case-folded, diacritics kept.
 *
 * Plain `toLowerCase` is the locale-independent (root) case mapping, and much
 * cheaper than `toLocaleLowerCase`.
 */
export function nameKey(name: string): string {
  return composedName(name).toLowerCase()
}

/** A folded word and the span of the original text it came from. */
export interface SearchToken {
  readonly token: string
  readonly start: number
  readonly end: number
}

/** Folds that Unicode normalisation does not make. */
const SPECIAL: Readonly<Record<string, string>> = {
  ß: 'ss',
  ẞ: 'ss',
  æ: 'ae',
  Æ: 'ae',
  œ: 'oe',
  Œ: 'oe',
  ø: 'o',
  Ø: 'o',
  đ: 'd',
  Đ: 'd',
  ð: 'd',
  Ð: 'd',
  ł: 'l',
  Ł: 'l',
  þ: 'th',
  Þ: 'th',
  ı: 'i',
  ς: 'σ',
  // Russian keeps й apart from и; ё is folded to е by losing its diaeresis.
  й: 'й',
  Й: 'й',
}

/** Characters that are there for typesetting only: soft hyphen, zero-width space and joiners, BOM. */
const DROPPED = /^[\u00ad\u200b-\u200d\u2060\ufeff]$/u
const FOLDS_ACCENTS = /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}]/u
/** The blocks of combining diacritical marks, used on Latin, Greek and Cyrillic letters. */
const DIACRITIC_BLOCKS: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f],
  [0x1ab0, 0x1aff],
  [0x1dc0, 0x1dff],
  [0x20d0, 0x20ff],
  [0xfe20, 0xfe2f],
]

function withoutDiacriticMarks(text: string): string {
  let out = ''
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    if (!DIACRITIC_BLOCKS.some(([from, to]) => code >= from && code <= to)) out += ch
  }
  return out
}
const MARKS = /\p{M}+/gu

const cache = new Map<string, string>()

/** Fold one code point (given as a string of one or two code units). */
function foldChar(ch: string): string {
  const known = cache.get(ch)
  if (known !== undefined) return known
  let out: string
  const special = SPECIAL[ch]
  if (special !== undefined) out = special
  else if (DROPPED.test(ch)) out = ''
  else {
    const decomposed = ch.normalize('NFKD')
    const stripped = FOLDS_ACCENTS.test(decomposed)
      ? decomposed.replace(MARKS, '')
      : withoutDiacriticMarks(decomposed)
    out = [...stripped.toLowerCase()].map((c) => SPECIAL[c] ?? c).join('')
    // NFKD turns a Korean syllable into its letters; keep it whole so words stay words.
    if (/^\p{Script=Hangul}/u.test(ch)) out = ch
    // It also splits が into か and a voicing mark, which then glued to a following Latin letter
    // ("がe" folded whole gave か, ゙e): a kana keeps its voicing (NFKC still maps halfwidth ｶ to カ).
    else if (/^[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(ch)) out = ch.normalize('NFKC')
  }
  if (cache.size < 65_536) cache.set(ch, out)
  return out
}

const COMPOSING = /^[\p{M}\u1160-\u11ff\ud7b0-\ud7ff]$/u
const composing = new Map<number, boolean>()

/**
 * Whether a character can compose with or reorder around the one before it
 * (a combining mark or a Hangul vowel or final consonant), so that the text
 * must be composed (NFC) before its characters are folded one by one.
 *
 * Checked only on characters the fast path does not handle; the common
 * letters of Latin, Greek and Cyrillic text are answered by their code.
 */
function mayCompose(code: number): boolean {
  if (code < 0x300) return false
  if (code <= 0x36f) return true
  if (code < 0x483) return false
  if (code >= 0xac00 && code <= 0xd7a3) return false
  if (code >= 0x4e00 && code <= 0x9fff) return false
  let known = composing.get(code)
  if (known === undefined) {
    known = COMPOSING.test(String.fromCodePoint(code))
    if (composing.size < 65_536) composing.set(code, known)
  }
  return known
}

/** Fold a text for comparison: composed, lower case, no diacritics, no invisible characters. */
export function foldText(text: string): string {
  return foldFrom(text, false)
}

function foldFrom(text: string, composed: boolean): string {
  let out = ''
  let plainFrom = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    // Fast path: ASCII other than capitals folds to itself.
    if (code < 0x80 && !(code >= 0x41 && code <= 0x5a)) continue
    out += text.slice(plainFrom, i)
    const wide = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length
    // Rare: a decomposed letter (и + ̆ is й, not и). Start again on the composed text.
    if (!composed && mayCompose(wide ? (text.codePointAt(i) ?? code) : code)) {
      return foldFrom(text.normalize('NFC'), true)
    }
    const ch = wide ? text.slice(i, i + 2) : text.charAt(i)
    out += code >= 0x41 && code <= 0x5a ? String.fromCharCode(code + 32) : foldChar(ch)
    if (wide) i++
    plainFrom = i + 1
  }
  return out + text.slice(plainFrom)
}

const WORD =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]\p{M}*|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}])+/gu

/** The words of an already folded text. */
export function tokensOf(folded: string): string[] {
  return folded.match(WORD) ?? []
}

/** The words of any text, folded. */
export function searchWords(text: string): string[] {
  return tokensOf(foldText(text))
}

/**
 * Whether every query word begins some word of a text; both lists already folded.
 *
 * The claim-link picker's rule: `gaz` finds "Gazprom", `елка` finds "ёлка",
 * `и` does not find "й". A query in Han or kana is a list of one-character
 * words, each found anywhere.
 */
export function matchesWords(queryWords: readonly string[], words: readonly string[]): boolean {
  return queryWords.every((q) => words.some((w) => w.startsWith(q)))
}

const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u

/** Whether a folded word belongs to a script written without spaces (a query in it is a phrase). */
export function isUnspacedWord(token: string): boolean {
  return UNSPACED.test(token)
}

/** A word run of the original text: letters, digits, marks and invisible format characters. */
const ORIGINAL_WORD =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}][\p{M}\p{Cf}]*|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])[\p{L}\p{N}\p{M}\p{Cf}])+/gu

/**
 * The folded words of a text with their spans in the original text.
 *
 * Cheaper than `foldTextWithMap` on long texts: each word is folded on its
 * own and no per-character map is built. A word whose folding splits it
 * (rare: `½` → `1⁄2`) gives several words that share its span. `from` starts
 * the scan at an offset (which may be inside a word).
 */
export function* originalWordSpans(text: string, from = 0): Generator<SearchToken> {
  const words = new RegExp(ORIGINAL_WORD.source, 'gu')
  words.lastIndex = from
  for (let m = words.exec(text); m !== null; m = words.exec(text)) {
    const start = m.index
    const end = start + m[0].length
    for (const token of tokensOf(foldText(m[0]))) yield { token, start, end }
  }
}

const ORIGINAL_WORD_AT = new RegExp(ORIGINAL_WORD.source, 'uy')

/**
 * Where the original word that starts at `start` ends (`start` if none does).
 *
 * Lets a caller that kept only word starts (a search document's `starts`)
 * recover a word's span without scanning the text from its beginning.
 */
export function originalWordEnd(text: string, start: number): number {
  // Most words are ASCII, Latin-1 or Cyrillic letters and digits; the regular expression is for the rest.
  let end = start
  while (end < text.length && isCommonWordChar(text.charCodeAt(end))) end++
  if (end > start && (end === text.length || text.charCodeAt(end) < 0x80)) return end
  ORIGINAL_WORD_AT.lastIndex = start
  const m = ORIGINAL_WORD_AT.exec(text)
  return m === null ? start : start + m[0].length
}

/** ASCII letters and digits, Latin-1 letters, Cyrillic letters: all word characters, none Han or kana. */
function isCommonWordChar(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a) ||
      (code >= 0x61 && code <= 0x7a)
    )
  }
  return (
    (code >= 0xc0 && code <= 0xff && code !== 0xd7 && code !== 0xf7) ||
    (code >= 0x400 && code <= 0x481)
  )
}
