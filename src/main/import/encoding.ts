/**
 * Turn a file's bytes into text.
 *
 * Why: the articles analysts collect come from Russian-language sites as
 * often as from English ones, and saved pages and exported texts still turn
 * up in Windows-1251 and KOI8-R. Decoding them as UTF-8 would show mojibake
 * that no annotation could ever be anchored to again, so the encoding is
 * decided here once, before any parsing.
 *
 * Order of evidence: a byte order mark, then (for HTML) the page's own
 * charset declaration, then the byte pattern of UTF-16 without a mark (see
 * `utf16-sniff.ts`), then "it is valid UTF-8", then "it is mostly UTF-8"
 * (see `mixed-utf8.ts`), then statistical detection.
 *
 * UTF-8 with a little damage is read as browsers read it, never as a
 * legacy encoding: a file that declares UTF-8 (a byte order mark, a
 * `<meta charset>` or `http-equiv` tag) gets U+FFFD for each bad sequence,
 * as the WHATWG decoder does; a file that declares nothing, typically a
 * text file with a few Windows-1252 smart quotes pasted from Word, gets
 * each stray byte read as Windows-1252 (0x93 is “), since that is what such
 * bytes nearly always are. Whole-file legacy decoding is left for files
 * that are not mostly UTF-8 by the measured rule in `mixed-utf8.ts`.
 *
 * A few stray NUL bytes, damage that `binary-check.ts` forgives, are left
 * out of the evidence, so they cannot tip the choice of a legacy encoding.
 * jschardet alone is unreliable on short Cyrillic text (it mixes up
 * Windows-1251, KOI8-R and MacCyrillic, which all place the same letters at
 * different byte values, and calls a headline in capitals Greek or Tajik),
 * so the Cyrillic encodings are chosen by how Russian each decoding looks
 * and jschardet's guess only settles near-ties.
 */
import iconv from 'iconv-lite'
import { detectAll } from 'jschardet'
import { scoreCyrillic, type CyrillicScore } from './cyrillic-score'
import { decodeUtf8WithFallback, isMostlyUtf8, measureUtf8 } from './mixed-utf8'
import { sniffUtf16 } from './utf16-sniff'

export interface DecodedText {
  readonly text: string
  /** The encoding that was used, as an iconv-lite name. */
  readonly encoding: string
}

export interface DecodeOptions {
  /** Look for a `<meta charset>` declaration in the first bytes. */
  readonly html?: boolean
}

/** How far into an HTML file a charset declaration is looked for. */
const META_SNIFF_BYTES = 2048

/** Encodings tried for text that might be Cyrillic; order breaks ties. */
const CYRILLIC_CANDIDATES = ['windows-1251', 'koi8-r', 'maccyrillic', 'cp866', 'iso-8859-5']

/** Encodings web pages and office software actually used; others are DOS, Mac or mainframe. */
const WEB_ERA_ENCODINGS =
  /^(?:windows-125\d|iso-8859-\d+|koi8-[ru]|gb18030|gbk|gb2312|big5(?:hkscs)?|shift_jis|euc-jp|euc-kr|cp949|tis-620|cp874|iso-2022-jp)$/

/**
 * Chinese, Japanese and Korean double-byte encodings jschardet may name.
 *
 * Their byte pairs read as single bytes are mostly Cyrillic letters in
 * ISO-8859-5 (0xB0-0xEF), enough to pass for Russian; so when jschardet
 * names one of these first and the bytes decode in it without a bad
 * sequence, it is taken before the Cyrillic scoring. Measured on Monaco's
 * translated messages cut into 80- to 2,000-byte pieces: jschardet named
 * one of these first, with confidence 0.2 or more, for 898 of 926 pieces of
 * Chinese, Japanese and Korean text (GBK, Big5, Shift_JIS, EUC-JP, EUC-KR;
 * each then decoding cleanly), and for none of 2,390 pieces of Russian
 * (five encodings), German, French, Czech, Polish and Turkish.
 */
const DOUBLE_BYTE_ENCODINGS =
  /^(?:gb18030|gbk|gb2312|big5(?:hkscs)?|shift_jis|cp932|euc-jp|euc-kr|cp949)$/

/** Below this, jschardet's naming of a double-byte encoding is not trusted. */
const MIN_DOUBLE_BYTE_CONFIDENCE = 0.2

/** Below this, jschardet's answer for non-Cyrillic text is not trusted. */
const MIN_DETECTOR_CONFIDENCE = 0.1

/** How much jschardet is shown; its own default limit, made explicit. */
const DETECTOR_SAMPLE_BYTES = 200_000

/** How much of a legacy-encoded file is scored to choose its encoding. */
const SCORE_SAMPLE_BYTES = 64 * 1024

/** What browsers fall back to for legacy text nobody can identify. */
const FALLBACK_ENCODING = 'windows-1252'

/** Decode a file's bytes to a string, choosing the encoding from the evidence available. */
export function decodeBytes(bytes: Uint8Array, options: DecodeOptions = {}): DecodedText {
  const bom = decodeWithBom(bytes)
  if (bom) return bom

  if (options.html) {
    const declared = sniffHtmlCharset(bytes)
    if (declared) {
      const fromDeclaration = decodeDeclared(bytes, declared)
      if (fromDeclaration) return fromDeclaration
    }
  }

  const utf16 = sniffUtf16(bytes)
  if (utf16) return { text: decodeWith(bytes, utf16), encoding: utf16 }

  const utf8 = decodeStrictUtf8(bytes)
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' }

  if (isMostlyUtf8(measureUtf8(bytes))) {
    return { text: decodeUtf8WithFallback(bytes, FALLBACK_ENCODING), encoding: 'utf-8' }
  }

  return decodeLegacy(bytes)
}

function decodeWithBom(bytes: Uint8Array): DecodedText | null {
  const [b0, b1, b2, b3] = bytes
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' }
  }
  // UTF-32 LE starts with the UTF-16 LE mark, so it has to be checked first.
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) {
    return { text: decodeWith(bytes.subarray(4), 'utf32le'), encoding: 'utf32le' }
  }
  if (b0 === 0xff && b1 === 0xfe) {
    return { text: decodeWith(bytes.subarray(2), 'utf16le'), encoding: 'utf16le' }
  }
  if (b0 === 0xfe && b1 === 0xff) {
    return { text: decodeWith(bytes.subarray(2), 'utf16be'), encoding: 'utf16be' }
  }
  return null
}

function decodeWith(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(bytes, encoding, { stripBOM: true })
}

/** The text if the bytes are well-formed UTF-8, else null. */
function decodeStrictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

function withoutNulBytes(bytes: Uint8Array): Uint8Array {
  return bytes.includes(0) ? bytes.filter((b) => b !== 0) : bytes
}

function hasNonAscii(bytes: Uint8Array): boolean {
  return bytes.some((b) => b >= 0x80)
}

/** The charset named by a `<meta>` tag (or XML declaration) near the start of an HTML file. */
export function sniffHtmlCharset(bytes: Uint8Array): string | null {
  // Latin-1 maps each byte to one character, so ASCII markup reads correctly
  // whatever the real encoding is.
  const head = Buffer.from(bytes.subarray(0, META_SNIFF_BYTES))
    .toString('latin1')
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
  const patterns = [
    /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([a-z0-9_:.()-]+)/i,
    /<\?xml\b[^>]*?\bencoding\s*=\s*["']([a-z0-9_:.()-]+)/i,
  ]
  for (const pattern of patterns) {
    const match = pattern.exec(head)
    if (match?.[1]) return match[1].toLowerCase()
  }
  return null
}

/** Map a charset label from a web page to an iconv-lite encoding, following what browsers do. */
function resolveCharsetLabel(label: string): string | null {
  const name = label.trim().toLowerCase()
  if (['utf-8', 'utf8', 'unicode-1-1-utf-8'].includes(name)) return 'utf-8'
  // A page that could be read as ASCII to find this tag is not UTF-16.
  if (name.startsWith('utf-16') || name.startsWith('utf-32') || name === 'unicode') return 'utf-8'
  // Browsers read Latin-1 labels as Windows-1252, which only adds characters.
  if (['iso-8859-1', 'latin1', 'l1', 'ascii', 'us-ascii', 'iso8859-1'].includes(name)) {
    return 'windows-1252'
  }
  if (['x-mac-cyrillic', 'mac-cyrillic', 'x-mac-ukrainian'].includes(name)) return 'maccyrillic'
  return iconv.encodingExists(name) ? name : null
}

/**
 * Decode with the encoding the page declares, unless the bytes contradict it.
 *
 * Pages re-saved by editors often become UTF-8 but keep their old
 * `charset=windows-1251` tag. Russian text in a single-byte encoding is
 * practically never valid UTF-8 (two Cyrillic letters in a row are already
 * an invalid sequence), so valid non-ASCII UTF-8 beats a legacy label.
 * A UTF-8 label holds on bytes that are mostly UTF-8, with U+FFFD where a
 * sequence is bad, as in a browser; on bytes that are not (a legacy page
 * whose template says UTF-8) it is ignored.
 */
function decodeDeclared(bytes: Uint8Array, label: string): DecodedText | null {
  const encoding = resolveCharsetLabel(label)
  if (encoding === null) return null
  const utf8 = decodeStrictUtf8(bytes)
  if (encoding === 'utf-8') {
    if (utf8 !== null) return { text: utf8, encoding }
    if (!isMostlyUtf8(measureUtf8(bytes))) return null
    return { text: new TextDecoder('utf-8').decode(bytes), encoding }
  }
  if (utf8 !== null && hasNonAscii(bytes)) return { text: utf8, encoding: 'utf-8' }
  return { text: decodeWith(bytes, encoding), encoding }
}

/** Pick a single-byte (or legacy multi-byte) encoding for bytes that are not UTF-8. */
function decodeLegacy(bytes: Uint8Array): DecodedText {
  // jschardet calls bytes with a NUL binary. No legacy encoding uses 0x00
  // inside a character, so leaving NULs out of the evidence changes nothing
  // else; the decoded text keeps them for the binary check to judge.
  const guesses = safeDetectAll(withoutNulBytes(bytes.subarray(0, DETECTOR_SAMPLE_BYTES)))
  const topEncoding = guesses[0]?.encoding ? normaliseDetectorName(guesses[0].encoding) : null

  // The choice is made on a sample: a few pages of text are plenty of
  // evidence, and scoring five decodings of a 5 MB file is slow.
  const sample = withoutNulBytes(bytes.subarray(0, SCORE_SAMPLE_BYTES))

  const doubleByte = chooseDoubleByte(guesses, sample, sample.length < bytes.length)
  if (doubleByte !== null) return { text: decodeWith(bytes, doubleByte), encoding: doubleByte }

  let best: { encoding: string; total: number } | null = null
  for (const encoding of CYRILLIC_CANDIDATES) {
    const score = scoreCyrillic(decodeWith(sample, encoding))
    if (!looksCyrillic(score)) continue
    // A small bonus lets the detector settle near-ties (for example very
    // short lowercase text that reads the same in two encodings).
    const total = score.perChar + (encoding === topEncoding ? 0.05 : 0)
    if (!best || total > best.total) best = { encoding, total }
  }

  if (best) {
    // KOI8-U is KOI8-R plus Ukrainian letters; only the detector, which
    // knows Ukrainian, can tell that they are there.
    const encoding =
      best.encoding === 'koi8-r' && topEncoding === 'koi8-u' ? 'koi8-u' : best.encoding
    return { text: decodeWith(bytes, encoding), encoding }
  }

  // With little evidence (a few accented letters, a © sign) the detector's
  // guesses are noise, often exotic DOS or Mac code pages; browsers read
  // such text as Windows-1252, and so does this. With more evidence, the
  // first web-era encoding on its list is likelier than a DOS one.
  if ((guesses[0]?.confidence ?? 0) < MIN_DETECTOR_CONFIDENCE) {
    return { text: decodeWith(bytes, FALLBACK_ENCODING), encoding: FALLBACK_ENCODING }
  }
  const webEra = guesses
    .map((guess) => (guess.encoding ? normaliseDetectorName(guess.encoding) : null))
    .find((name): name is string => name !== null && WEB_ERA_ENCODINGS.test(name))
  const encoding = webEra ?? FALLBACK_ENCODING
  return { text: decodeWith(bytes, encoding), encoding }
}

interface DetectorGuess {
  readonly encoding: string | null
  readonly confidence: number
}

/**
 * A Chinese, Japanese or Korean encoding, when jschardet names one first
 * with some confidence and the sample decodes in it without a bad sequence.
 *
 * Of the names jschardet gives, the first web-era one is used, so that
 * Shift_JIS is called Shift_JIS even when CP932 comes first.
 */
function chooseDoubleByte(
  guesses: readonly DetectorGuess[],
  sample: Uint8Array,
  sampleIsCut: boolean,
): string | null {
  const top = guesses[0]
  const topName = top?.encoding ? normaliseDetectorName(top.encoding) : null
  if (topName === null || !DOUBLE_BYTE_ENCODINGS.test(topName)) return null
  if ((top?.confidence ?? 0) < MIN_DOUBLE_BYTE_CONFIDENCE) return null
  const encoding =
    guesses
      .map((guess) => (guess.encoding ? normaliseDetectorName(guess.encoding) : null))
      .find(
        (name): name is string =>
          name !== null && DOUBLE_BYTE_ENCODINGS.test(name) && WEB_ERA_ENCODINGS.test(name),
      ) ?? topName
  const decoded = decodeWith(sample, encoding)
  // A sample cut inside a character ends in one bad sequence that the file does not have.
  const checked = sampleIsCut ? decoded.slice(0, -1) : decoded
  return checked.includes('\uFFFD') ? null : encoding
}

function safeDetectAll(bytes: Uint8Array): readonly DetectorGuess[] {
  try {
    return detectAll(bytes)
  } catch {
    return []
  }
}

/** Translate a jschardet encoding name to one iconv-lite knows, or null. */
function normaliseDetectorName(name: string): string | null {
  const lower = name.toLowerCase()
  if (lower === 'ascii') return FALLBACK_ENCODING
  if (lower === 'ibm866') return 'cp866'
  const resolved = resolveCharsetLabel(lower)
  return resolved !== null && resolved !== 'utf-8' ? resolved : null
}

/**
 * Whether the best Cyrillic decoding is Cyrillic text at all.
 *
 * Western text in Windows-1252 also decodes to Cyrillic letters under
 * Windows-1251 ("café" becomes "cafй"), but those letters sit inside Latin
 * words, which real Cyrillic text does not do.
 */
function looksCyrillic(score: CyrillicScore): boolean {
  // A lone letter ("5€" read as "5Ђ") is no evidence of Cyrillic text.
  return score.russianShare >= 0.5 && score.pureWordShare >= 0.7 && score.wordLetters >= 2
}
