/**
 * Recognise UTF-16 text saved without a byte order mark.
 *
 * Why: some Windows tools and export scripts write UTF-16 with no mark in
 * front. Read byte by byte, such a file is full of NULs (the high byte of
 * every ASCII character) and control bytes (0x04 is the high byte of every
 * Cyrillic letter), so it used to be refused as binary. Read two bytes at a
 * time in the right order, it is ordinary text, and that is the test: a
 * reading is accepted only if it looks like text in some writing system.
 *
 * jschardet 4 also looks for the NUL pattern, but it reads a UTF-8 Russian
 * paragraph with one stray NUL as UTF-16 (3% NULs is enough for it), knows
 * nothing shorter than 10 bytes, and misses Chinese and Japanese, whose
 * UTF-16 has no NULs at all. Hence these rules:
 *
 * - Alphabetic text (Latin, Cyrillic, Greek, Korean...) separates words with
 *   spaces and uses ASCII digits and punctuation, so at least a tenth of its
 *   characters are ASCII (or, without spaces, as in a single word or in
 *   Thai, four fifths are letters of one alphabet), and nearly all the rest
 *   are letters, marks or symbols. This reading is tried only when the
 *   bytes, read one per character, would be binary: a few NULs in UTF-8 or
 *   Windows-1252 text are damage in that text (see `binary-check.ts`), not
 *   a sign of UTF-16.
 * - Chinese and Japanese text is mostly ideographs and kana, and has some
 *   kana or CJK punctuation (、。「」，) among them; a line without any, like
 *   a headline, is not recognised, since Shift_JIS kanji read in pairs are
 *   ideographs too. Eight characters are required, and bytes that are valid
 *   UTF-8 are never read this way: ASCII read in pairs makes ideographs
 *   ("Bush hid the facts").
 * - Either way, a reading with control characters, unpaired surrogates,
 *   private-use or unassigned code points (beyond 1% in long text, where a
 *   damaged character may hide) is not text. Random bytes fail here: about
 *   one code unit in seven is a surrogate, private-use or unassigned. And
 *   UTF-16 has an even number of bytes.
 */
import { looksBinary } from './binary-check'

export type Utf16Encoding = 'utf16le' | 'utf16be'

/** How much of a file is inspected; the verdict on the start holds for the rest. */
const SAMPLE_BYTES = 64 * 1024

/** Share of ASCII characters (spaces, digits, punctuation) alphabetic text has at least. */
const MIN_ASCII_SHARE = 0.1

/** Share of letters from one alphabet that unspaced alphabetic text has at least. */
const MIN_ONE_ALPHABET_SHARE = 0.8

/** Share of characters that must belong to the writing system a reading claims. */
const MIN_FAMILIAR_SHARE = 0.95

/** Share of unreadable characters tolerated as damage. */
const MAX_UNREADABLE_SHARE = 0.01

/** Fewest characters for text without ASCII to be trusted as UTF-16. */
const MIN_CJK_CHARS = 8

/** Share of kana and CJK punctuation that Chinese and Japanese text has at least. */
const MIN_CJK_MARK_SHARE = 0.03

/** What a decoded character says about the text it is in, numbered for a lookup table. */
const KIND = {
  ascii: 0,
  alphabet: 1,
  symbol: 2,
  han: 3,
  cjkMark: 4,
  rare: 5,
  unreadable: 6,
} as const
type Kind = keyof typeof KIND

interface Tally extends Readonly<Record<Kind, number>> {
  readonly chars: number
  /** Letters in the best-represented 256-code-point page below U+2000 (Cyrillic, Greek, Thai...). */
  readonly largestAlphabet: number
}

/**
 * The byte order of UTF-16 text without a byte order mark, or null when
 * the bytes are not such text.
 */
export function sniffUtf16(bytes: Uint8Array): Utf16Encoding | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null
  const sample = bytes.subarray(0, SAMPLE_BYTES)
  const mayBeAlphabetic = looksBinary(Buffer.from(sample).toString('latin1'))
  // Most files are UTF-8 and leave here, before any counting.
  const mayBeCjk = !isValidUtf8(bytes)
  if (!mayBeAlphabetic && !mayBeCjk) return null
  const candidates: { encoding: Utf16Encoding; tally: Tally }[] = [
    { encoding: 'utf16le', tally: tallyCharacters(sample, true) },
    { encoding: 'utf16be', tally: tallyCharacters(sample, false) },
  ]
  const accepted = candidates.filter(
    ({ tally }) => (mayBeAlphabetic && looksAlphabetic(tally)) || (mayBeCjk && looksCjk(tally)),
  )
  // Both readings pass only for odd inputs; the one with fewer unreadable
  // characters wins, and little-endian (what Windows writes) breaks ties.
  accepted.sort((a, b) => a.tally.unreadable - b.tally.unreadable)
  return accepted[0]?.encoding ?? null
}

function looksAlphabetic(tally: Tally): boolean {
  const { chars, ascii, alphabet, symbol, unreadable, largestAlphabet } = tally
  return (
    unreadable <= chars * MAX_UNREADABLE_SHARE &&
    ascii + alphabet + symbol >= chars * MIN_FAMILIAR_SHARE &&
    // Spaced text, or text in one alphabet: a single Russian word, or Thai,
    // which writes no spaces between words.
    (ascii >= chars * MIN_ASCII_SHARE || largestAlphabet >= chars * MIN_ONE_ALPHABET_SHARE)
  )
}

function looksCjk(tally: Tally): boolean {
  const { chars, ascii, symbol, han, cjkMark, unreadable } = tally
  return (
    chars >= MIN_CJK_CHARS &&
    unreadable <= chars * MAX_UNREADABLE_SHARE &&
    cjkMark >= chars * MIN_CJK_MARK_SHARE &&
    han + cjkMark >= chars / 2 &&
    ascii + symbol + han + cjkMark >= chars * MIN_FAMILIAR_SHARE
  )
}

/** Count the kinds of character in the bytes read as UTF-16 in one byte order. */
function tallyCharacters(bytes: Uint8Array, littleEndian: boolean): Tally {
  const kinds = kindTable()
  const counts = new Uint32Array(Object.keys(KIND).length)
  const alphabetPages = new Uint32Array(ALPHABET_END >> 8)
  const bump = (array: Uint32Array, index: number): void => {
    array[index] = (array[index] ?? 0) + 1
  }
  const units = Math.floor(bytes.length / 2)
  const unitAt = (index: number): number => {
    const low = bytes[littleEndian ? 2 * index : 2 * index + 1] ?? 0
    const high = bytes[littleEndian ? 2 * index + 1 : 2 * index] ?? 0
    return (high << 8) | low
  }
  let chars = 0
  for (let index = 0; index < units; index++) {
    const unit = unitAt(index)
    chars++
    if (isHighSurrogate(unit) && index + 1 < units && isLowSurrogate(unitAt(index + 1))) {
      // A character beyond the first 65,536: emoji, rare ideographs,
      // historic scripts. Only emoji are common in news text.
      bump(counts, KIND.symbol)
      index++
      continue
    }
    const kind = kinds[unit] ?? KIND.unreadable
    bump(counts, kind)
    if (kind === KIND.alphabet && unit < ALPHABET_END) bump(alphabetPages, unit >> 8)
  }
  const count = (kind: Kind): number => counts[KIND[kind]] ?? 0
  return {
    chars,
    ascii: count('ascii'),
    alphabet: count('alphabet'),
    symbol: count('symbol'),
    han: count('han'),
    cjkMark: count('cjkMark'),
    rare: count('rare'),
    unreadable: count('unreadable'),
    // Page 0 is Latin-1, whose letters come with ASCII ones.
    largestAlphabet: Math.max(0, ...alphabetPages.subarray(1)),
  }
}

/** Where the alphabets (Latin to Greek Extended, Cyrillic and Thai among them) end. */
const ALPHABET_END = 0x2000

/** Printable ASCII and the whitespace controls text files use. */
const ASCII_TEXT = /[\t\n\v\f\r\u0020-\u007E]/
/** Controls, surrogates without a partner, private use and unassigned code points. */
const UNREADABLE = /[\p{Cc}\p{Cs}\p{Co}\p{Cn}]/u
/**
 * The kana and CJK punctuation common in Chinese and Japanese text: 、。「」
 * 『』【】, hiragana, katakana and the prolonged sound mark, fullwidth ！（），：；？.
 */
const CJK_MARK =
  /[\u3001\u3002\u300C-\u300F\u3010\u3011\u3041-\u3096\u30A1-\u30FC\uFF01\uFF08\uFF09\uFF0C\uFF1A\uFF1B\uFF1F]/
/** Unified and compatibility ideographs; the rare Extension A is left out. */
const HAN = /[\u4E00-\u9FFF\uF900-\uFAFF]/
const SYMBOL = /[\p{P}\p{S}\p{Zs}]/u
const HANGUL = /[\u3130-\u318F\uAC00-\uD7A3]/

function kindOf(unit: number): Kind {
  const char = String.fromCharCode(unit)
  if (ASCII_TEXT.test(char)) return 'ascii'
  if (UNREADABLE.test(char)) return 'unreadable'
  if (CJK_MARK.test(char)) return 'cjkMark'
  if (HAN.test(char)) return 'han'
  if (SYMBOL.test(char)) return 'symbol'
  // Korean is written in spaced words like the alphabets below U+2000.
  if (unit < ALPHABET_END || HANGUL.test(char)) return 'alphabet'
  return 'rare'
}

let kindCache: Uint8Array | null = null

/** The kind of each of the 65,536 code units, worked out once (about 20 ms) and kept. */
function kindTable(): Uint8Array {
  if (kindCache === null) {
    const table = new Uint8Array(0x10000)
    for (let unit = 0; unit < table.length; unit++) table[unit] = KIND[kindOf(unit)]
    kindCache = table
  }
  return kindCache
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff
}

function isValidUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes)
    return true
  } catch {
    return false
  }
}
