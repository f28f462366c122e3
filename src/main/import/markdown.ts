/**
 * Read a Markdown article.
 *
 * Why: analysts clip pages with Markdown tools and write up statements in
 * Markdown. Only the structure the reader shows is needed (headings,
 * paragraphs, quotes, list items), so this is a small line-based reader
 * rather than a full CommonMark implementation; the text it keeps is what
 * a rendered page would show, with all markup removed.
 */
import type { BlockType } from '../../shared/domain/article'
import type { ArticleDraft, DraftBlock } from './article-draft'
import { splitFrontMatter } from './front-matter'
import { stripDroppedHtml, stripHtml, stripInlineMarkdown } from './markup-strip'
import { cleanDocument } from './text-cleanup'

interface MarkdownBlock extends DraftBlock {
  /** Heading level, 1 to 6; 0 for other blocks. */
  readonly level: number
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const SETEXT_H1 = /^ {0,3}=+[ \t]*$/
const SETEXT_H2 = /^ {0,3}-+[ \t]*$/
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const FENCE = /^ {0,3}(`{3,}|~{3,})/
const BLOCKQUOTE = /^ {0,3}> ?/
const NESTED_QUOTE_MARKERS = /^(?: {0,3}> ?)+/
const LIST_ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/
const TABLE_ROW = /^[ \t]*\|.*\|[ \t]*$/
const TABLE_DELIMITER = /^[ \t]*\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/
const LINK_DEFINITION = /^ {0,3}\[(?!citation:)[^\]]+\]:[ \t]*\S/i

/** Front-matter keys read for each field, most usual first. */
const FIELD_KEYS = {
  title: ['title'],
  source: ['source', 'site', 'publisher'],
  url: ['url', 'link', 'canonical', 'source_url'],
  publishedAt: ['date', 'published', 'published_at', 'publishedat'],
  byline: ['author', 'authors', 'byline'],
  language: ['lang', 'language'],
} as const

/** Parse Markdown into a draft article. */
export function parseMarkdown(raw: string): ArticleDraft {
  const { fields, body } = splitFrontMatter(cleanDocument(raw))
  const field = (keys: readonly string[]): string | null =>
    keys.map((key) => fields.get(key)).find((value) => value !== undefined) ?? null

  const blocks = parseBlocks(withoutDroppedHtml(body.split('\n')))
  let title = field(FIELD_KEYS.title)
  const first = blocks[0]
  if (title === null && first?.type === 'heading' && first.level === 1 && blocks.length > 1) {
    title = first.text
    blocks.shift()
  }

  return {
    title,
    blocks: blocks.map(({ type, text }) => ({ type, text })),
    source: field(FIELD_KEYS.source),
    url: field(FIELD_KEYS.url),
    publishedAt: field(FIELD_KEYS.publishedAt),
    byline: field(FIELD_KEYS.byline),
    language: field(FIELD_KEYS.language),
  }
}

/** Split Markdown lines into blocks. */
function parseBlocks(lines: readonly string[]): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = []
  let paragraph: string[] = []

  const push = (type: BlockType, text: string, level = 0): void => {
    const stripped = stripInlineMarkdown(text).replace(/\s+/g, ' ').trim()
    if (stripped !== '') blocks.push({ type, text: stripped, level })
  }
  const flush = (): void => {
    // A backslash or two spaces at a line end is a line break: a space in running text.
    if (paragraph.length > 0) push('paragraph', paragraph.map(stripLineBreak).join(' '))
    paragraph = []
  }

  let i = 0
  while (i < lines.length) {
    const line = lines[i] ?? ''

    const fence = FENCE.exec(line)
    if (fence?.[1]) {
      flush()
      const marker = fence[1]
      const code: string[] = []
      i++
      while (i < lines.length && !(lines[i] ?? '').trimStart().startsWith(marker)) {
        code.push(lines[i] ?? '')
        i++
      }
      i++
      // Code is shown as written: no inline stripping, only tags removed so
      // that no markup survives in any block.
      const text = stripHtml(code.join('\n')).trim()
      if (text !== '') blocks.push({ type: 'paragraph', text, level: 0 })
      continue
    }

    if (line.trim() === '') {
      flush()
      i++
      continue
    }

    const heading = ATX_HEADING.exec(line)
    if (heading?.[1]) {
      flush()
      push('heading', heading[2] ?? '', heading[1].length)
      i++
      continue
    }

    if (paragraph.length > 0 && (SETEXT_H1.test(line) || SETEXT_H2.test(line))) {
      const text = paragraph.join(' ')
      paragraph = []
      push('heading', text, SETEXT_H1.test(line) ? 1 : 2)
      i++
      continue
    }

    if (THEMATIC_BREAK.test(line)) {
      flush()
      i++
      continue
    }

    if (BLOCKQUOTE.test(line)) {
      flush()
      const inner: string[] = []
      while (i < lines.length && BLOCKQUOTE.test(lines[i] ?? '')) {
        // Nested quote markers are stripped together: a quote inside a quote
        // is still quoted text, and this keeps recursion shallow.
        inner.push((lines[i] ?? '').replace(NESTED_QUOTE_MARKERS, ''))
        i++
      }
      // Whatever is inside a quote (paragraphs, lists, even headings) is quoted text.
      for (const block of parseBlocks(inner)) blocks.push({ ...block, type: 'quote', level: 0 })
      continue
    }

    const item = LIST_ITEM.exec(line)
    if (item?.[2] && (paragraph.length === 0 || item[1] === '')) {
      flush()
      const indent = (item[1] ?? '').length
      const ordinal = /\d/.test(item[2]) ? `${item[2].replace(')', '.')} ` : ''
      const text = [item[3] ?? '']
      i++
      // Continuation lines are indented past the marker or run on lazily.
      while (i < lines.length) {
        const next = lines[i] ?? ''
        if (next.trim() === '' || LIST_ITEM.test(next) || startsBlock(next)) break
        if (indent > 0 && !/^[ \t]/.test(next)) break
        text.push(next.trim())
        i++
      }
      push('list-item', ordinal + text.map(stripLineBreak).join(' '))
      continue
    }

    if (TABLE_ROW.test(line)) {
      flush()
      if (!TABLE_DELIMITER.test(line)) {
        const cells = line.trim().slice(1, -1).split('|')
        push('paragraph', cells.map((cell) => cell.trim()).join(' | '))
      }
      i++
      continue
    }

    if (paragraph.length === 0 && LINK_DEFINITION.test(line)) {
      i++
      continue
    }

    paragraph.push(line.trim())
    i++
  }
  flush()
  return blocks
}

/** Remove scripts, styles and comments everywhere except inside code fences, which are literal. */
function withoutDroppedHtml(lines: readonly string[]): string[] {
  const result: string[] = []
  let prose: string[] = []
  let fence: string | null = null
  const flushProse = (): void => {
    // A loop, not push(...lines): spreading a huge array overflows the stack.
    if (prose.length > 0)
      for (const line of stripDroppedHtml(prose.join('\n')).split('\n')) result.push(line)
    prose = []
  }
  for (const line of lines) {
    if (fence !== null) {
      result.push(line)
      if (line.trimStart().startsWith(fence)) fence = null
      continue
    }
    const opening = FENCE.exec(line)?.[1]
    if (opening) {
      flushProse()
      fence = opening
      result.push(line)
    } else {
      prose.push(line)
    }
  }
  flushProse()
  return result
}

function startsBlock(line: string): boolean {
  return (
    ATX_HEADING.test(line) ||
    FENCE.test(line) ||
    BLOCKQUOTE.test(line) ||
    THEMATIC_BREAK.test(line) ||
    TABLE_ROW.test(line)
  )
}

function stripLineBreak(line: string): string {
  return line.replace(/\\$/, '').trimEnd()
}
