/**
 * Read a PDF (`.pdf`) into an article.
 *
 * Why: analysts receive reports, press releases and printed pages as PDFs.
 * A PDF has no paragraphs, only pieces of text placed on pages, so this
 * module rebuilds the article from their geometry: pieces on one baseline
 * make a line; a vertical gap clearly larger than the line spacing, a change
 * of indentation or of type size, or a sentence ended on a line the next
 * word would have fitted on (a drawn bullet's item), starts a new paragraph
 * (type larger than the running text's makes a heading; the running text is
 * found in lines of six words or more, not in a menu set small); a
 * paragraph runs on over a page break while its sentence does; lines that
 * repeat at the same place on most pages (running
 * headers and footers, matched on their opening words so a browser's
 * footer whose address is shortened around "10/12" still matches), page
 * numbers and a browser's print stamps (date and time, address) are dropped;
 * a word hyphenated at a line end is joined again, unless the document never
 * breaks words into syllables (a browser's print), where a line-end hyphen
 * is a compound's. The title, author and date come from the document's
 * properties when they are real (a title without the site's name a web
 * page's title carries), else the first page's largest text names the
 * article. The date is a dateline just under the headline when there is one
 * (the story's own date), else the properties' creation date, never for a
 * browser's print, which is dated when it was printed; either is stored as
 * the library stores dates, YYYY-MM-DD.
 *
 * pdf.js (through `unpdf`, whose build needs no worker file, no canvas and
 * no download) does the parsing; this module insulates the rest of the
 * importer from it. A PDF without a text layer (a scan), a password-protected
 * one and a damaged one are refused with a reason, never an exception.
 */
import type { ArticleDraft, DraftBlock, DraftRejection } from './article-draft'
import { datelineDate, normalisePublishedDate } from './published-date'
import { REASONS } from './rejections'

/** Pages read at most; past this a "PDF" is a book, not an article. */
const MAX_PAGES = 2000

/** One piece of text as pdf.js places it, in page coordinates (y grows upwards). */
interface Piece {
  readonly text: string
  readonly x: number
  readonly y: number
  readonly width: number
  readonly size: number
}

/** Pieces sharing a baseline, joined. */
interface Line {
  readonly text: string
  readonly x: number
  /** Where the line's last piece ends. */
  readonly right: number
  readonly y: number
  readonly size: number
  readonly page: number
}

interface DocumentInfo {
  readonly title: string | null
  readonly author: string | null
  readonly date: string | null
  readonly language: string | null
}

type PdfjsDocument = Awaited<ReturnType<typeof import('unpdf').getDocumentProxy>>

/** Read a PDF into a draft article, or a reason it cannot be read. */
export async function parsePdf(bytes: Uint8Array): Promise<ArticleDraft | DraftRejection> {
  if (!looksLikePdf(bytes)) return { rejected: REASONS.pdfDamaged }
  const { getDocumentProxy } = await import('unpdf')
  let pdf: PdfjsDocument
  try {
    // A copy: pdf.js may take over (detach) the buffer it is given.
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      stopAtErrors: false,
      // Text only: no image is decoded, and none may ask for gigabytes.
      maxImageSize: 16 * 1024 * 1024,
      verbosity: 0,
    })
  } catch (error) {
    return { rejected: openFailure(error) }
  }
  try {
    if (pdf.numPages === 0) return { rejected: REASONS.pdfDamaged }
    if (pdf.numPages > MAX_PAGES) return { rejected: REASONS.pdfTooManyPages }
    const pages: Line[][] = []
    for (let number = 1; number <= pdf.numPages; number++) {
      pages.push(linesOf(await readPieces(pdf, number), number))
    }
    const info = await readInfo(pdf)
    return draftFromLines(pages, info)
  } catch (error) {
    return { rejected: openFailure(error) }
  } finally {
    await pdf.loadingTask.destroy().catch(() => undefined)
  }
}

/** pdf.js's reasons for not opening a file, worded for the analyst. */
function openFailure(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name
  if (name === 'PasswordException') return REASONS.pdfEncrypted
  return REASONS.pdfDamaged
}

/** `%PDF-` within the first KB, where readers look for it. */
function looksLikePdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 1024))
  return head.includes('%PDF-')
}

async function readPieces(pdf: PdfjsDocument, number: number): Promise<Piece[]> {
  const page = await pdf.getPage(number)
  const content = await page.getTextContent()
  page.cleanup()
  const pieces: Piece[] = []
  for (const item of content.items) {
    if (!('str' in item) || item.str.trim() === '') continue
    const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform as number[]
    // Only horizontal text: rotated margin notes are not the article's body.
    if (Math.abs(b) > 0.01 * Math.abs(a) || Math.abs(c) > 0.01 * Math.abs(d)) continue
    const size = Math.abs(d) || item.height
    if (!(size > 0)) continue
    pieces.push({ text: item.str, x, y, width: item.width, size })
  }
  return pieces
}

// --- Lines -------------------------------------------------------------------

/** Pieces grouped into lines, top to bottom. */
function linesOf(pieces: readonly Piece[], page: number): Line[] {
  const sorted = [...pieces].sort((p, q) => q.y - p.y || p.x - q.x)
  const groups: Piece[][] = []
  for (const piece of sorted) {
    const group = groups[groups.length - 1]
    const anchor = group?.[0]
    if (group && anchor && Math.abs(anchor.y - piece.y) < 0.4 * Math.min(anchor.size, piece.size)) {
      group.push(piece)
    } else {
      groups.push([piece])
    }
  }
  return groups.map((group) => {
    const row = group.sort((p, q) => p.x - q.x)
    let text = ''
    let end = -Infinity
    for (const piece of row) {
      const gap = piece.x - end
      if (text !== '' && gap > 0.15 * piece.size && !/\s$/.test(text) && !/^\s/.test(piece.text)) {
        text += ' '
      }
      text += piece.text
      end = piece.x + piece.width
    }
    return {
      text: text.replace(/\s+/g, ' ').trim(),
      x: row[0]?.x ?? 0,
      right: Math.max(...row.map((piece) => piece.x + piece.width)),
      y: Math.max(...row.map((piece) => piece.y)),
      size: Math.max(...row.map((piece) => piece.size)),
      page,
    }
  })
}

// --- Running headers, footers and page numbers -------------------------------

/** How many lines at the top and the bottom of a page may be a header or footer. */
const MARGIN_LINES = 3

const PAGE_NUMBER =
  /^[-–—\s]*(?:(?:page|p\.|seite|página|стр\.?|страница)\s*)?(?:\d{1,4}|[ivxlc]{1,7})(?:\s*(?:of|\/|von|de|из)\s*\d{1,4})?[-–—\s]*$/i

/**
 * What a browser prints at the top and bottom of a page: "12/7/26, 6:51 PM"
 * before the page's title, and the page's address before "1/3".
 */
const PRINT_STAMP =
  /^(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4},?\s+\d{1,2}:\d{2}(?:\s?[AP]M)?\b|(?:https?|file):\/\/\S+(?:\s+\d{1,4}\s*\/\s*\d{1,4})?$)/i

/**
 * A line's identity as page furniture: its height on the page, and its
 * opening words with numbers folded. Only the opening, because a browser's
 * footer shortens the address ("…/page-2019…") to leave room for "10/12",
 * and a header's date and time change from page to page.
 */
function furnitureKey(line: Line): string {
  const text = line.text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ')
  return `${Math.round(line.y / 3)}|${text.slice(0, 24)}`
}

/**
 * The lines of every page without running headers and footers (the same
 * text, numbers aside, at the same height on most pages), page numbers and a
 * browser's print stamps (date and time, address), which a one-page print
 * carries too.
 */
function withoutPageFurniture(pages: readonly Line[][]): Line[][] {
  const inMargin = (lines: readonly Line[], index: number): boolean =>
    index < MARGIN_LINES || index >= lines.length - MARGIN_LINES
  const counts = new Map<string, number>()
  for (const lines of pages) {
    const seen = new Set<string>()
    lines.forEach((line, index) => {
      if (inMargin(lines, index)) seen.add(furnitureKey(line))
    })
    for (const k of seen) counts.set(k, (counts.get(k) ?? 0) + 1)
  }
  const running = Math.max(2, Math.ceil(pages.length * 0.5))
  return pages.map((lines) =>
    lines.filter((line, index) => {
      if (!inMargin(lines, index)) return true
      if (pages.length >= 2 && (counts.get(furnitureKey(line)) ?? 0) >= running) return false
      const edge = index === 0 || index === lines.length - 1
      return !(edge && (PAGE_NUMBER.test(line.text) || PRINT_STAMP.test(line.text)))
    }),
  )
}

// --- Paragraphs --------------------------------------------------------------

/** The most common value, weighted (type size by characters, spacing by lines). */
function mode(values: readonly { value: number; weight: number }[]): number | null {
  const totals = new Map<number, number>()
  for (const { value, weight } of values) {
    const rounded = Math.round(value * 2) / 2
    totals.set(rounded, (totals.get(rounded) ?? 0) + weight)
  }
  let best: number | null = null
  let bestWeight = -1
  for (const [value, weight] of totals) {
    if (weight > bestWeight) [best, bestWeight] = [value, weight]
  }
  return best
}

function draftFromLines(
  allPages: readonly Line[][],
  info: DocumentInfo,
): ArticleDraft | DraftRejection {
  const characters = allPages
    .flat()
    .reduce((sum, line) => sum + line.text.replace(/\s/g, '').length, 0)
  if (characters === 0) return { rejected: REASONS.pdfNoTextLayer }
  if (unreadableShare(allPages.flat()) > 0.5) return { rejected: REASONS.pdfUnreadableText }

  const pages = withoutPageFurniture(allPages)
  const lines = pages.flat()
  const bodySize = bodyTypeSize(lines)
  const isHeading = (line: Line): boolean => line.size >= bodySize * 1.15
  const spacing = lineSpacing(pages, bodySize)
  const vocabulary = vocabularyOf(lines)
  const hyphenates = breaksSyllables(lines, vocabulary)
  const margins = new Map(pages.map((page, index) => [index + 1, leftMargin(page, bodySize)]))
  const rightEdges = new Map(pages.map((page, index) => [index + 1, rightEdge(page, bodySize)]))

  const blocks: DraftBlock[] = []
  let current: { type: 'paragraph' | 'heading'; text: string } | null = null
  let previous: Line | null = null
  /** The current block's lines: how many, and how far right the widest reaches. */
  let blockLines = 0
  let blockRight = 0
  const flush = (): void => {
    if (current) blocks.push({ type: current.type, text: current.text })
    current = null
  }
  for (const line of lines) {
    const type = isHeading(line) ? 'heading' : 'paragraph'
    if (
      current === null ||
      previous === null ||
      startsNewBlock(previous, line, current.type, type)
    ) {
      flush()
      current = { type, text: line.text }
      blockLines = 0
      blockRight = 0
    } else {
      current.text = joinLines(current.text, line.text, vocabulary, hyphenates)
    }
    blockLines++
    blockRight = Math.max(blockRight, line.right)
    previous = line
  }
  flush()

  function startsNewBlock(
    before: Line,
    line: Line,
    beforeType: 'paragraph' | 'heading',
    type: 'paragraph' | 'heading',
  ): boolean {
    if (type !== beforeType || Math.abs(line.size - before.size) > 0.1 * bodySize) return true
    if (line.page !== before.page) {
      // A paragraph runs on over a page break when its last line does not
      // end a sentence and the next goes on in lower case, or when that last
      // line is full to the right margin ("…as Kentucky GOP" + "Gov. Matt
      // Bevin…"): a paragraph's own last line rarely is.
      if (SENTENCE_END.test(before.text)) return true
      if (/^\p{Ll}/u.test(line.text)) return false
      const edge = rightEdges.get(before.page)
      return edge === undefined || before.right < edge - bodySize * 2
    }
    const gap = before.y - line.y
    // Lines of a larger or smaller type are spaced in proportion.
    if (gap <= 0 || gap > spacing * (line.size / bodySize) * 1.4) return true
    const margin = margins.get(line.page) ?? line.x
    const indent = line.x - margin
    const beforeIndent = before.x - margin
    // A first-line indent opens a paragraph; a line back at the margin after
    // an indented one continues it (the indent was this paragraph's own), and
    // so does a sentence going on in lower case under a list item's number.
    if (!SENTENCE_END.test(before.text) && /^\p{Ll}/u.test(line.text)) return false
    if (SENTENCE_END.test(before.text) && brokenShort(before, line)) return true
    return indent > bodySize * 0.8 && Math.abs(indent - beforeIndent) > bodySize * 0.5
  }

  /**
   * Whether a line ending a sentence was broken on purpose: the next line's
   * first word would have fitted after it. Bulleted items a browser prints
   * (their bullets are drawn, not text) sit at one margin with the usual
   * spacing, and only this tells them apart. The column's edge is the
   * block's own widest line, or the page's when the block has one line.
   */
  function brokenShort(before: Line, line: Line): boolean {
    const edge = blockLines >= 2 ? blockRight : rightEdges.get(before.page)
    if (edge === undefined) return false
    const word = /^\S+/.exec(line.text)?.[0] ?? ''
    const charWidth = (line.right - line.x) / Math.max(1, line.text.length)
    return edge - before.right > word.length * charWidth * 1.3 + bodySize
  }

  const firstPageLargest = largestText(pages[0] ?? [], bodySize)
  const title = info.title === null ? firstPageLargest : withoutSiteName(info.title, blocks)
  return {
    title,
    blocks,
    byline: info.author,
    publishedAt: headlineDate(blocks, title) ?? info.date,
    language: info.language,
  }
}

/**
 * The body's type size: the most common size of the document's running
 * text, counted in lines of six words or more, since a printed web page's
 * menus, set small, one short item a line, may hold more characters than
 * its story.
 */
function bodyTypeSize(lines: readonly Line[]): number {
  const running = lines.filter((line) => line.text.split(' ').length >= 6)
  const basis = running.length > 0 ? running : lines
  return mode(basis.map((line) => ({ value: line.size, weight: line.text.length }))) ?? 12
}

/**
 * The end of a sentence: its stop, with any closing quotes or brackets after
 * it ('…said."', '…(1997).'), or a colon or semicolon; a quote closed after a
 * comma ('…like that,"') goes on.
 */
const SENTENCE_END = /(?:[.!?…]["'”’»)\]]*|[:;])$/u

/** The usual distance between two body lines, from the lines themselves. */
function lineSpacing(pages: readonly Line[][], bodySize: number): number {
  const gaps: { value: number; weight: number }[] = []
  for (const lines of pages) {
    for (let index = 1; index < lines.length; index++) {
      const [above, below] = [lines[index - 1], lines[index]]
      if (!above || !below) continue
      const gap = above.y - below.y
      if (
        gap > 0 &&
        Math.abs(above.size - bodySize) < 0.5 &&
        Math.abs(below.size - bodySize) < 0.5
      ) {
        gaps.push({ value: gap, weight: 1 })
      }
    }
  }
  // The most common gap is the line spacing; paragraph gaps are rarer.
  return mode(gaps) ?? bodySize * 1.2
}

/** Where most body lines of a page start. */
function leftMargin(lines: readonly Line[], bodySize: number): number {
  const starts = lines
    .filter((line) => Math.abs(line.size - bodySize) < 0.5)
    .map((line) => ({ value: line.x, weight: 1 }))
  const common = mode(starts)
  const leftmost = Math.min(...lines.map((line) => line.x))
  // Paragraphs with first-line indents: the margin is where the other lines start.
  return common === null ? leftmost : Math.min(common, Math.max(leftmost, common - bodySize * 3))
}

/** Where the body lines of a page end at the right, most of them at most (ragged text too). */
function rightEdge(lines: readonly Line[], bodySize: number): number | undefined {
  const ends = lines
    .filter((line) => Math.abs(line.size - bodySize) < 0.5)
    .map((line) => line.right)
    .sort((a, b) => a - b)
  return ends[Math.floor(ends.length * 0.9)]
}

/** The first page's text set larger than the body, when it is. */
function largestText(lines: readonly Line[], bodySize: number): string | null {
  const largest = Math.max(...lines.map((line) => line.size))
  if (!(largest >= bodySize * 1.15)) return null
  const start = lines.findIndex((line) => line.size === largest)
  const parts: string[] = []
  for (let index = start; index < lines.length; index++) {
    const line = lines[index]
    if (!line || line.size !== largest) break
    parts.push(line.text)
  }
  const title = parts.reduce((text, part) => (text === '' ? part : joinLines(text, part)), '')
  return title === '' ? null : title
}

/** How many blocks after the headline a dateline may stand. */
const DATELINE_BLOCKS = 6

/**
 * The date of a short line just under the headline ("19 November 2019",
 * "PUBLISHED WED, NOV 20 2019"): the story's own date, which the document's
 * creation date (when the file was made, or printed) is not. Only near the
 * headline, since a printed page's menus and lists of other stories carry
 * dates of their own.
 */
function headlineDate(blocks: readonly DraftBlock[], title: string | null): string | null {
  const fold = (text: string): string =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  const headline = title === null ? -1 : blocks.findIndex((b) => fold(b.text) === fold(title))
  if (headline < 0) return null
  return datelineDate(
    blocks.slice(headline + 1, headline + 1 + DATELINE_BLOCKS).map((block) => block.text),
  )
}

/** Separators a web page's title puts between the headline and the site's name. */
const TITLE_SEPARATOR = /\s+[|\-–—·•»:]\s+|\s*[|·•»]\s*/gu

/**
 * A document title without the site's name a browser's print carries
 * ("Story - WSJ", "Story | WIRED", "Story - oregonlive.com"): cut when
 * what remains is itself a line of the document, its headline, or what is
 * cut is a host name; so "Brexit: What Happens Next" stays whole unless the
 * page says "Brexit" alone.
 */
function withoutSiteName(title: string, blocks: readonly DraftBlock[]): string {
  const fold = (text: string): string =>
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, ' ')
      .trim()
  const lines = new Set(blocks.map((block) => fold(block.text)))
  for (const cut of [...title.matchAll(TITLE_SEPARATOR)].reverse()) {
    const head = title.slice(0, cut.index).trim()
    const tail = title.slice(cut.index + cut[0].length).trim()
    if (head === '' || tail.split(/\s+/).length > 5) continue
    if (lines.has(fold(head)) || /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$/i.test(tail)) {
      return head
    }
  }
  return title
}

/** The words a document uses, lower-cased: hyphenated compounds and plain words. */
export type Vocabulary = ReadonlySet<string>

/** Every word of the lines (with inner hyphens), for deciding hyphens at line ends. */
function vocabularyOf(lines: readonly Line[]): Vocabulary {
  const words = new Set<string>()
  for (const line of lines) {
    for (const word of line.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []) words.add(word)
  }
  return words
}

/**
 * Join a line to the text before it: a word hyphenated at the line end is
 * joined ("elec-" + "tricity"), a real hyphen kept ("well-" + "known"), a
 * space between other lines.
 *
 * The document decides first: a compound it spells with a hyphen elsewhere
 * keeps the hyphen, a word it spells whole elsewhere is joined. Otherwise a
 * word broken by a hyphen continues in lower case, so "COVID-" + "19" and
 * "Jean-" + "Pierre" keep theirs, and so do a single letter ("e-" + "mail":
 * no typesetter leaves one letter before a break) and a few prefixes that
 * always take one ("well-known", "self-made"). A document that shows no sign
 * of breaking words into syllables (`hyphenates` false: a browser's print,
 * most word processors' output) keeps every hyphen the document did not
 * decide: "friendlier-" + "named" is a compound there, never a syllable.
 */
export function joinLines(
  before: string,
  after: string,
  vocabulary: Vocabulary = new Set(),
  hyphenates = true,
): string {
  if (before.endsWith('\u00AD')) return before.slice(0, -1) + after
  const head = /(\p{L}+)-$/u.exec(before)?.[1]
  if (head === undefined) return `${before} ${after}`
  const tail = /^\p{L}+/u.exec(after)?.[0]
  if (tail !== undefined) {
    const compound = `${head}-${tail}`.toLowerCase()
    const word = `${head}${tail}`.toLowerCase()
    if (vocabulary.has(compound) && !vocabulary.has(word)) return before + after
    if (vocabulary.has(word)) return before.slice(0, -1) + after
  }
  const split =
    hyphenates &&
    head.length > 1 &&
    /^\p{Ll}/u.test(after) &&
    /\p{Ll}$/u.test(head) &&
    !HYPHEN_PREFIX.test(head)
  return split ? before.slice(0, -1) + after : before + after
}

/**
 * Whether a document breaks words into syllables at line ends (as
 * typesetters and justified layouts do) or only ever breaks after a real
 * hyphen (as browsers do): a line-end break whose whole word the document
 * also spells elsewhere shows the former, and so do several breaks whose two
 * halves are no words it uses anywhere else ("elec-" + "tricity").
 */
function breaksSyllables(lines: readonly Line[], vocabulary: Vocabulary): boolean {
  const breaks: { head: string; tail: string }[] = []
  const broken = new Set<number>()
  lines.forEach((line, index) => {
    const head = /(\p{L}+)-$/u.exec(line.text)?.[1]
    const next = lines[index + 1]
    const tail = next ? /^\p{Ll}+/u.exec(next.text)?.[0] : undefined
    if (head === undefined || tail === undefined) return
    breaks.push({ head: head.toLowerCase(), tail: tail.toLowerCase() })
    broken.add(index)
  })
  if (breaks.length === 0) return false
  // Words standing on their own, not the halves at a break.
  const standalone = new Set<string>()
  lines.forEach((line, index) => {
    const words = line.text.toLowerCase().match(/\p{L}+(?:-\p{L}+)*/gu) ?? []
    const from = broken.has(index - 1) ? 1 : 0
    const to = broken.has(index) ? words.length - 1 : words.length
    for (const word of words.slice(from, to)) standalone.add(word)
  })
  const real = breaks.filter(({ head }) => head.length > 1)
  if (real.some(({ head, tail }) => vocabulary.has(head + tail))) return true
  // Two halves that are no words of the document: one such break may be a
  // rare compound ("friendlier-named"), several are a typesetter's habit.
  const fragments = real.filter(({ head, tail }) => !standalone.has(head) && !standalone.has(tail))
  return fragments.length >= 2 && fragments.length * 2 >= real.length
}

/** First parts of compounds that keep their hyphen at a line end (never a syllable). */
const HYPHEN_PREFIX = /^(?:well|self|half|quasi|cross|vice)$/i

/** Share of characters that are no letters anyone can read: fonts without a character map. */
function unreadableShare(lines: readonly Line[]): number {
  const text = lines
    .map((line) => line.text)
    .join('')
    .replace(/\s/g, '')
  if (text.length === 0) return 0
  const bad = text.match(/[\p{Co}\p{Cc}\uFFFD]/gu)?.length ?? 0
  return bad / text.length
}

// --- Document properties -----------------------------------------------------

/** Names PDF writers put in when nobody typed one. */
const PLACEHOLDER_AUTHOR =
  /^(?:microsoft office user|windows user|user|admin|administrator|author|owner|unknown|anonymous)$/i

/** Titles that are a file name or a writer's default, not the article's title. */
const PLACEHOLDER_TITLE =
  /^(?:microsoft (?:word|powerpoint|excel)\s*-|untitled\b|document\d*$|title$)|\.(?:docx?|pdf|indd|rtf|odt|pages|txt|html?|tex|dvi|ps)$/i

/** Creators and producers of PDFs printed from a web page by a browser. */
const BROWSER = /^(?:Mozilla\/|Skia\/PDF\b)|\b(?:HeadlessChrome|Chrome|Chromium|Firefox)\/\d/

async function readInfo(pdf: PdfjsDocument): Promise<DocumentInfo> {
  const { info } = (await pdf.getMetadata().catch(() => ({ info: {} }))) as {
    info: Record<string, unknown>
  }
  const text = (key: string): string | null => {
    const value = info[key]
    if (typeof value !== 'string') return null
    const clean = value.replace(/\s+/g, ' ').trim()
    return clean === '' ? null : clean
  }
  const title = text('Title')
  const author = text('Author')
  // A browser's print is dated when it was printed, not when the story was published.
  const printed = BROWSER.test(text('Creator') ?? '') || BROWSER.test(text('Producer') ?? '')
  const date = printed ? null : (pdfDate(text('CreationDate')) ?? pdfDate(text('ModDate')))
  return {
    title: title !== null && !PLACEHOLDER_TITLE.test(title) ? title : null,
    author: author !== null && !PLACEHOLDER_AUTHOR.test(author) ? author : null,
    date: normalisePublishedDate(date),
    language: text('Language'),
  }
}

/**
 * A PDF date ("D:20250314093000+01'00'") as ISO 8601, when it is plausible:
 * not before 1990, not in the future.
 */
export function pdfDate(value: string | null): string | null {
  const match =
    /^(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz+-])(\d{2})?'?(\d{2})?'?)?/.exec(
      value ?? '',
    )
  if (!match) return null
  const [, year = '', month = '01', day = '01', hour = '00', minute = '00', second = '00'] = match
  const sign = match[7]
  const zone =
    sign === undefined || sign.toUpperCase() === 'Z'
      ? 'Z'
      : `${sign}${match[8] ?? '00'}:${match[9] ?? '00'}`
  const iso = `${year}-${month}-${day}T${hour}:${minute}:${second}${zone}`
  const time = Date.parse(iso)
  if (Number.isNaN(time)) return null
  const inRange = Number(year) >= 1990 && time <= Date.now() + 24 * 60 * 60 * 1000
  return inRange ? iso : null
}
