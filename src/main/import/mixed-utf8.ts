/**
 * Read UTF-8 that is not quite UTF-8.
 *
 * Why: real files are often UTF-8 with a little damage. A page declares
 * UTF-8 but a CMS pasted a few bytes in another encoding into it (4 of
 * 1,189 real pages); a text file was written in UTF-8 but a paragraph
 * pasted from Word brought its smart quotes along as single Windows-1252
 * bytes (0x93/0x94). Strict UTF-8 decoding rejects such a file, and reading
 * the whole of it as a legacy encoding turns every correct accented or
 * Cyrillic letter into mojibake ("atakÃ³w"). This module says how much of
 * a file is UTF-8, and decodes one that mostly is while mapping only the
 * bytes that do not fit.
 *
 * What counts: a well-formed multi-byte sequence by the rules browsers
 * use (the WHATWG decoder: no overlong forms, no surrogates, nothing past
 * U+10FFFF) is evidence of UTF-8; a byte at or above 0x80 that does not
 * start or continue one is evidence against. ASCII says nothing either way.
 *
 * The rule, measured: bytes are "mostly UTF-8" when they hold at least one
 * well-formed multi-byte sequence and at least two for every invalid byte
 * (a share of two thirds or more). Legacy text only forms a well-formed
 * sequence by chance, when the right pair or triple of bytes meets. Over
 * the translated messages of the Monaco editor (1.18 million characters in
 * 12 languages) encoded in 16 legacy encodings (21 language and encoding
 * pairs) and cut into 80-, 150- and 300-byte pieces (48,216 pieces), the
 * share of well-formed sequences (sequences / (sequences + invalid bytes))
 * was at most 0.018 for
 * the single-byte encodings of Western, Central European, Turkish and
 * Russian text (Windows-125x, ISO-8859-x, KOI8-R, MacCyrillic), at most
 * 0.33 for CP866, and at most 0.50 for the double-byte encodings of
 * Chinese, Japanese and Korean (Big5, one 80-byte piece; GBK 0.47, EUC-JP
 * 0.46, Shift_JIS 0.43, EUC-KR 0.35); no piece reached 0.6. Whole files sit
 * far lower (GBK 0.20, EUC-JP 0.22). UTF-8 text with stray bytes sits far
 * higher: a Russian paragraph has a well-formed sequence for every letter,
 * a German one a handful per sentence, against one invalid byte per stray
 * quote, dash or ellipsis. What the rule gives up: a text with fewer than
 * two UTF-8 letters per stray byte (one "é" and a pair of smart quotes) is
 * read as a legacy file.
 */
import iconv from 'iconv-lite'

/** Fewest well-formed multi-byte sequences per invalid byte for text to count as UTF-8. */
const MIN_SEQUENCES_PER_INVALID_BYTE = 2

export interface Utf8Evidence {
  /** Well-formed sequences of two to four bytes. */
  readonly multiByteSequences: number
  /** Bytes at or above 0x80 that are not part of a well-formed sequence. */
  readonly invalidBytes: number
}

/** Count what the bytes say for and against UTF-8. */
export function measureUtf8(bytes: Uint8Array): Utf8Evidence {
  let multiByteSequences = 0
  let invalidBytes = 0
  let i = 0
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i++
      continue
    }
    const length = sequenceLength(bytes, i)
    if (length === 0) {
      invalidBytes++
      i++
    } else {
      multiByteSequences++
      i += length
    }
  }
  return { multiByteSequences, invalidBytes }
}

/** Whether the evidence says UTF-8 with some damage rather than a legacy encoding. */
export function isMostlyUtf8(evidence: Utf8Evidence): boolean {
  const { multiByteSequences, invalidBytes } = evidence
  return (
    multiByteSequences > 0 && multiByteSequences >= MIN_SEQUENCES_PER_INVALID_BYTE * invalidBytes
  )
}

/**
 * Decode UTF-8, reading every byte that is not part of a well-formed
 * sequence as a single character of `fallbackEncoding` (a single-byte
 * encoding such as Windows-1252), so 0x93 becomes “ and 0x85 becomes ….
 */
export function decodeUtf8WithFallback(bytes: Uint8Array, fallbackEncoding: string): string {
  const table = singleByteTable(fallbackEncoding)
  const utf8 = new TextDecoder('utf-8')
  const parts: string[] = []
  let runStart = 0
  let i = 0
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      i++
      continue
    }
    const length = sequenceLength(bytes, i)
    if (length > 0) {
      i += length
      continue
    }
    if (runStart < i) parts.push(utf8.decode(bytes.subarray(runStart, i)))
    parts.push(table[bytes[i]!]!)
    i++
    runStart = i
  }
  if (runStart < bytes.length) parts.push(utf8.decode(bytes.subarray(runStart)))
  return parts.join('')
}

/**
 * The length of the well-formed UTF-8 sequence starting at `i`, or 0.
 *
 * The ranges are those of the Unicode standard's table of well-formed byte
 * sequences (and of the WHATWG decoder): C0, C1 and F5-FF never start one,
 * E0 and F0 exclude overlong forms, ED excludes surrogates, F4 stops at
 * U+10FFFF.
 */
function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i]!
  let length: number
  let low = 0x80
  let high = 0xbf
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3
    if (lead === 0xe0) low = 0xa0
    if (lead === 0xed) high = 0x9f
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4
    if (lead === 0xf0) low = 0x90
    if (lead === 0xf4) high = 0x8f
  } else {
    return 0
  }
  if (i + length > bytes.length) return 0
  const second = bytes[i + 1]!
  if (second < low || second > high) return 0
  for (let k = 2; k < length; k++) {
    const next = bytes[i + k]!
    if (next < 0x80 || next > 0xbf) return 0
  }
  return length
}

const tables = new Map<string, readonly string[]>()

/** Each of the 256 byte values decoded on its own, worked out once per encoding. */
function singleByteTable(encoding: string): readonly string[] {
  let table = tables.get(encoding)
  if (table === undefined) {
    const all = Uint8Array.from({ length: 256 }, (_, byte) => byte)
    table = Array.from(iconv.decode(Buffer.from(all), encoding))
    if (table.length !== 256) throw new Error(`${encoding} is not a single-byte encoding`)
    tables.set(encoding, table)
  }
  return table
}
