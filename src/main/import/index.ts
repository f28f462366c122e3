/**
 * Import articles from files and pasted text.
 *
 * Why: this is the one door through which outside text enters a library.
 * It decides the format, enforces the limits and guarantees an answer:
 * either an article whose blocks are valid, or a reason the analyst can
 * read. It never throws, whatever bytes it is given, so one bad file in a
 * dropped folder cannot stop the others from importing.
 */
import { finishArticle, type ArticleDraft, type DraftRejection } from './article-draft'
import { hasBinarySignature, looksBinary, withoutNuls } from './binary-check'
import { decodeBytes } from './encoding'
import { parseHtml } from './html'
import { parseMarkdown } from './markdown'
import type { ImportOptions, ParseOutcome } from './outcome'
import { parsePlainText } from './plain-text'
import { DEFAULT_MAX_BYTES, REASONS, tooLargeReason, unsupportedTypeReason } from './rejections'

export type { ImportOptions, ParseOutcome } from './outcome'

type Format = 'text' | 'markdown' | 'html'

/** By extension: a `Map`, since the extension comes from the user's file name (`x.constructor`). */
const FORMATS: ReadonlyMap<string, Format> = new Map([
  ['.txt', 'text'],
  ['.md', 'markdown'],
  ['.markdown', 'markdown'],
  ['.html', 'html'],
  ['.htm', 'html'],
])

const PARSERS: Readonly<Record<Format, (text: string) => ArticleDraft | DraftRejection>> = {
  text: parsePlainText,
  markdown: parseMarkdown,
  html: parseHtml,
}

/**
 * Parse one file's bytes into an article.
 *
 * The format is chosen from the extension (.txt, .md/.markdown,
 * .html/.htm); other extensions are refused with a reason.
 */
export function parseArticleFile(
  name: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
): ParseOutcome {
  try {
    const extension = extensionOf(name)
    const format = FORMATS.get(extension)
    if (format === undefined) return { ok: false, reason: unsupportedTypeReason(extension) }
    if (bytes.length === 0) return { ok: false, reason: REASONS.emptyFile }
    const limit = maxBytesOf(options)
    if (bytes.length > limit) {
      return { ok: false, reason: tooLargeReason('file', bytes.length, limit) }
    }
    if (hasBinarySignature(bytes)) return { ok: false, reason: REASONS.binary }
    const { text } = decodeBytes(bytes, { html: format === 'html' })
    return parseText(text, format)
  } catch {
    return { ok: false, reason: REASONS.unexpected }
  }
}

/**
 * Parse pasted text into an article.
 *
 * Plain-text rules apply, unless the text is an HTML document (starts
 * with `<!doctype` or `<html`), as when page source is pasted.
 */
export function parsePastedText(text: string, options: ImportOptions = {}): ParseOutcome {
  try {
    if (text.length === 0) return { ok: false, reason: REASONS.emptyPaste }
    const limit = maxBytesOf(options)
    const size = Buffer.byteLength(text, 'utf8')
    if (size > limit) return { ok: false, reason: tooLargeReason('pasted text', size, limit) }
    const withoutBom = text.replace(/^\uFEFF/, '')
    const format: Format = /^\s*<(?:!doctype\b|html\b)/i.test(withoutBom) ? 'html' : 'text'
    return parseText(withoutBom, format)
  } catch {
    return { ok: false, reason: REASONS.unexpected }
  }
}

function parseText(text: string, format: Format): ParseOutcome {
  if (looksBinary(text)) return { ok: false, reason: REASONS.binary }
  const readable = withoutNuls(text)
  if (readable.trim() === '') return { ok: false, reason: REASONS.noText }
  const draft = PARSERS[format](readable)
  if ('rejected' in draft) return { ok: false, reason: draft.rejected }
  return finishArticle(draft)
}

/** The lower-cased extension with its dot, or '' when the name has none. */
function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const dot = base.lastIndexOf('.')
  return dot > 0 ? base.slice(dot).toLowerCase() : ''
}

function maxBytesOf(options: ImportOptions): number {
  const { maxBytes } = options
  return typeof maxBytes === 'number' && maxBytes >= 0 ? maxBytes : DEFAULT_MAX_BYTES
}
