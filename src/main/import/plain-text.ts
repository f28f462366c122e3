/**
 * Read a plain-text article, as saved or copied from a news page.
 *
 * Why: most articles reach analysts as text copied out of a browser, with
 * no markup to say what is a title, a subheading or the site's navigation.
 * These rules recover that structure from the layout conventions such
 * copies follow (see the seed articles): a headline line first, paragraphs
 * separated by blank lines (or one per line), short subheadings, and site
 * chrome around the story.
 */
import { countWords, type BlockType } from '../../shared/domain/article'
import type { ArticleDraft, DraftBlock } from './article-draft'
import { cleanByline } from './byline'
import { findDate } from './published-date'
import { removeChrome } from './site-chrome'
import { cleanDocument } from './text-cleanup'
import { isPageLabel, looksLikeTitle } from './title'

const BULLET = /^[-*+•]\s+/
const ORDINAL = /^\d{1,3}[.)]\s+/
const QUOTE_MARK = /^>\s?/

const MAX_HEADING_CHARS = 100
const MAX_HEADING_WORDS = 12

/** Parse plain text into a draft article. */
export function parsePlainText(raw: string): ArticleDraft {
  const lines = removeChrome(
    cleanDocument(raw)
      .split('\n')
      // A tab inside running text is layout left over from the page, not content.
      .map((line) => line.replace(/[ \t]+/g, ' ').trim()),
    (line) => line,
    (_line, text) => text,
  )

  let start = lines.findIndex((line) => line !== '')
  // Interface labels above the headline ("Advertisement", "Sign In") are not the title.
  const headline = lines.findIndex(
    (line, index) => index >= start && line !== '' && !isLabelLine(line),
  )
  if (headline > start && headline - start <= MAX_LEADING_LABELS) start = headline
  let title: string | null = null
  const firstLine = lines[start]
  const hasMore = lines.slice(start + 1).some((line) => line !== '')
  if (firstLine !== undefined && hasMore && looksLikeTitle(firstLine)) {
    title = firstLine
    start++
  }

  const body = start < 0 ? [] : lines.slice(start)
  const { byline, publishedAt, rest } = takeByline(body)
  return {
    title,
    byline,
    publishedAt,
    blocks: markHeadings(groupLines(rest).flatMap(blocksFromGroup)),
  }
}

/** Labels skipped above the headline; more than this and the text starts with content. */
const MAX_LEADING_LABELS = 4

function isLabelLine(line: string): boolean {
  return line.length <= MAX_HEADING_CHARS && isPageLabel(line) && !BYLINE.test(line)
}

/** Lines below the headline searched for a byline or date. */
const BYLINE_SEARCH_LINES = 8
/** Longer lines are text, not a byline or dateline. */
const MAX_BYLINE_LINE = 160

const BYLINE = /^(?:by|BY|By|от|От|von|Von|por|Por|par|Par)\s+\p{Lu}/u
/** "Eleanor Ainge Roy, 19 July 2013" or "Cory Doctorow | Jul 19, 2013": a name, then a date. */
const NAME_THEN_DATE =
  /^(\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s*(?:[,|/·•–—-]\s*)+(.+)$/u
/** What may stand around a date on a dateline. */
const DATELINE_WORDS =
  /^(?:(?:updated|published|posted|last updated|modified|on|at|[ap]\.?m\.?|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)[a-z]*|[ECMP][SD]T|GMT|UTC|\d{1,2}[:.]\d{2})[\s,.:|/·•–—-]*)*$/i

/**
 * Take the byline and date lines that follow a copied page's headline
 * ("By JEFFREY GETTLEMAN JAN. 13, 2017", "Eleanor Ainge Roy, 19 July
 * 2013", "Updated 10:08 am Fri Jul 19, 2013") out of the body: they are the
 * article's metadata, not its text.
 */
function takeByline(lines: readonly string[]): {
  byline: string | null
  publishedAt: string | null
  rest: string[]
} {
  let byline: string | null = null
  let publishedAt: string | null = null
  const rest = [...lines]
  let seen = 0
  for (let i = 0; i < rest.length && seen < BYLINE_SEARCH_LINES; i++) {
    const line = rest[i] ?? ''
    if (line === '') continue
    seen++
    if (line.length > MAX_BYLINE_LINE) break
    const found = readBylineLine(line)
    if (found === null) continue
    if (byline !== null && found.byline !== null) continue
    byline ??= found.byline
    publishedAt ??= found.date
    rest.splice(i, 1)
    i--
    if (byline !== null && publishedAt !== null) break
  }
  return { byline, publishedAt, rest }
}

/** Whether a line is a date and the words that go with one ("Updated 10:08 am Fri Jul 19, 2013"). */
function isDateline(line: string): boolean {
  const found = findDate(line)
  if (found === null) return false
  const around = `${line.slice(0, found.index)} ${line.slice(found.index + found.length)}`
  return DATELINE_WORDS.test(around.trim())
}

/** A byline, a dateline, or a name and a date on one line; null for any other line. */
function readBylineLine(line: string): { byline: string | null; date: string | null } | null {
  if (BYLINE.test(line)) {
    const cleaned = cleanByline(line)
    return cleaned.byline === null ? null : cleaned
  }
  if (isDateline(line)) return { byline: null, date: findDate(line)?.date ?? null }
  const named = NAME_THEN_DATE.exec(line)
  if (named?.[1] === undefined || named[2] === undefined || !isDateline(named[2])) return null
  const cleaned = cleanByline(named[1])
  return cleaned.byline === null
    ? null
    : { byline: cleaned.byline, date: findDate(named[2])?.date ?? null }
}

/**
 * Split lines into paragraph groups.
 *
 * Copies from some sites keep one paragraph per line with no blank lines
 * between them (seed 001); joining those lines would turn the article into
 * one enormous paragraph, so without blank lines each line is a group.
 */
function groupLines(lines: readonly string[]): string[][] {
  const content = trimBlankEnds(lines)
  if (!content.includes('')) return content.map((line) => [line])
  const groups: string[][] = []
  let current: string[] = []
  for (const line of content) {
    if (line === '') {
      if (current.length > 0) groups.push(current)
      current = []
    } else {
      current.push(line)
    }
  }
  if (current.length > 0) groups.push(current)
  return groups
}

function trimBlankEnds(lines: readonly string[]): string[] {
  let from = 0
  let to = lines.length
  while (from < to && lines[from] === '') from++
  while (to > from && lines[to - 1] === '') to--
  return lines.slice(from, to)
}

/** Turn one group of lines into blocks: list items and quotes start their own. */
function blocksFromGroup(group: readonly string[]): DraftBlock[] {
  const blocks: { type: BlockType; lines: string[] }[] = []
  group.forEach((line, index) => {
    const current = blocks[blocks.length - 1]
    if (BULLET.test(line) || ORDINAL.test(line)) {
      blocks.push({ type: 'list-item', lines: [line] })
    } else if (QUOTE_MARK.test(line)) {
      if (current?.type === 'quote') current.lines.push(line)
      else blocks.push({ type: 'quote', lines: [line] })
    } else if (
      current === undefined ||
      current.type === 'quote' ||
      // A subheading typed directly above its paragraph, with no blank line.
      (index === 1 && isSubheading(group)) ||
      endsUnwrappedParagraph(group[index - 1])
    ) {
      blocks.push({ type: 'paragraph', lines: [line] })
    } else {
      current.lines.push(line)
    }
  })
  return blocks.map(({ type, lines }) => {
    if (type === 'list-item') {
      return { type, text: lines.join(' ').replace(BULLET, '') }
    }
    if (type === 'quote') {
      return { type, text: lines.map((line) => line.replace(QUOTE_MARK, '')).join(' ') }
    }
    const text = lines.join(' ')
    return { type: isWhollyQuoted(text) ? 'quote' : 'paragraph', text }
  })
}

/** Wider than any hard-wrapped text; such a line is a whole paragraph. */
const MAX_WRAPPED_LINE = 120

/**
 * Whether a line is a whole paragraph on its own: long and ending a sentence.
 *
 * Text pasted from two sources can mix blank-line paragraphs with
 * one-paragraph-per-line runs; only short lines are hard wrapping to join.
 */
function endsUnwrappedParagraph(line: string | undefined): boolean {
  return line !== undefined && line.length > MAX_WRAPPED_LINE && /[.!?…]["”»’)]*$/u.test(line)
}

/** Whether the first line of a hard-wrapped group is a subheading rather than its first line. */
function isSubheading(group: readonly string[]): boolean {
  const [first, second] = group
  if (first === undefined || second === undefined) return false
  if (!isHeadingLike(first)) return false
  if (!/^["«“„(]?[\p{Lu}\p{N}]/u.test(second)) return false
  // Wrapped lines are all about the same width; a subheading is shorter.
  const widest = group.slice(1).reduce((max, line) => Math.max(max, line.length), 0)
  return first.length < 0.75 * widest
}

/** Short, unpunctuated, capitalised: how subheadings look in copied news text. */
function isHeadingLike(text: string): boolean {
  if (text.length > MAX_HEADING_CHARS) return false
  if (countWords(text) === 0 || countWords(text) > MAX_HEADING_WORDS) return false
  if (/[.,;:…!»”"')\]]$/.test(text)) return false
  if (/\[citation:/i.test(text)) return false
  if (isPageLabel(text)) return false
  return /^["«“„]?[\p{Lu}\p{N}]/u.test(text)
}

/** A paragraph that is only a quotation, such as a pull quote. */
function isWhollyQuoted(text: string): boolean {
  const pairs: Record<string, string> = { '"': '"', '“': '”', '«': '»', '„': '“' }
  const close = pairs[text.charAt(0)]
  if (close === undefined) return false
  const body = text.replace(/[.!?…]$/, '')
  if (body.length < 3 || !body.endsWith(close)) return false
  return !body.slice(1, -1).includes(close)
}

/** Promote short lone paragraphs that introduce a following paragraph to headings. */
function markHeadings(blocks: readonly DraftBlock[]): DraftBlock[] {
  return blocks.map((block, index) => {
    const next = blocks[index + 1]
    if (block.type === 'paragraph' && next?.type === 'paragraph' && isHeadingLike(block.text)) {
      return { type: 'heading', text: block.text }
    }
    return block
  })
}
