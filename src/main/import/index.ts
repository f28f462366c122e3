/**
 * Import articles from files and pasted text.
 *
 * Why: this is the one door through which outside text enters a library.
 * It decides the format, enforces the limits and guarantees an answer:
 * either an article whose blocks are valid, or a reason the analyst can
 * read. It never throws, whatever bytes it is given, so one bad file in a
 * dropped folder cannot stop the others from importing.
 */
import { ARTICLE_FILE_TYPES, type ArticleFileFormat } from '../../shared/import/article-file-types'
import { finishArticle, type ArticleDraft, type DraftRejection } from './article-draft'
import { hasBinarySignature, looksBinary, withoutNuls } from './binary-check'
import { parseDocx } from './docx'
import { decodeBytes } from './encoding'
import { parseHtml } from './html'
import { parseMarkdown } from './markdown'
import { parseMhtml } from './mhtml'
import { parsePdf } from './pdf'
import type { ImportOptions, ParseOutcome } from './outcome'
import { parsePlainText } from './plain-text'
import { DEFAULT_MAX_BYTES, REASONS, tooLargeReason, unsupportedTypeReason } from './rejections'

export type { ImportOptions, ParseOutcome } from './outcome'

type Format = ArticleFileFormat

/** Formats read from decoded text; the others (Word, web archives) read the bytes. */
type TextFormat = 'text' | 'markdown' | 'html'

/**
 * By extension, as declared in `shared/import/article-file-types.ts`: a
 * `Map`, since the extension comes from the user's file name (`x.constructor`).
 */
const FORMATS: ReadonlyMap<string, Format> = new Map(Object.entries(ARTICLE_FILE_TYPES))

const PARSERS: Readonly<
  Record<TextFormat, (text: string, options: ImportOptions) => ArticleDraft | DraftRejection>
> = {
  text: parsePlainText,
  markdown: parseMarkdown,
  html: (text, options) => parseHtml(text, options.extractor),
}

/**
 * Read one file's bytes into an article: every format, Word documents and PDFs too.
 *
 * The format is chosen from the extension (see `ARTICLE_FILE_TYPES`);
 * other extensions are refused with a reason. Asynchronous because mammoth
 * (Word documents) and pdf.js (PDFs) are; the other formats answer at once.
 */
export async function readArticleFile(
  name: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
): Promise<ParseOutcome> {
  try {
    const admitted = admitFile(name, bytes, options)
    if ('reason' in admitted) return admitted
    if (admitted.format === 'docx') {
      return finishDraft(await parseDocx(bytes, maxBytesOf(options)))
    }
    if (admitted.format === 'pdf') return finishDraft(await parsePdf(bytes))
    return parseAdmitted(bytes, admitted.format, options)
  } catch {
    return { ok: false, reason: REASONS.unexpected }
  }
}

/**
 * Parse one file's bytes into an article, synchronously: every format but
 * Word documents and PDFs, which only `readArticleFile` reads.
 */
export function parseArticleFile(
  name: string,
  bytes: Uint8Array,
  options: ImportOptions = {},
): ParseOutcome {
  try {
    const admitted = admitFile(name, bytes, options)
    if ('reason' in admitted) return admitted
    if (admitted.format === 'docx') return { ok: false, reason: REASONS.docxNotSynchronous }
    if (admitted.format === 'pdf') return { ok: false, reason: REASONS.pdfNotSynchronous }
    return parseAdmitted(bytes, admitted.format, options)
  } catch {
    return { ok: false, reason: REASONS.unexpected }
  }
}

/** The file's format, or why it is refused before anyone reads it (type, size, emptiness). */
function admitFile(
  name: string,
  bytes: Uint8Array,
  options: ImportOptions,
): { readonly format: Format } | { readonly ok: false; readonly reason: string } {
  const extension = extensionOf(name)
  const format = FORMATS.get(extension)
  if (format === undefined) return { ok: false, reason: unsupportedTypeReason(extension) }
  if (bytes.length === 0) return { ok: false, reason: REASONS.emptyFile }
  const limit = maxBytesOf(options)
  if (bytes.length > limit) {
    return { ok: false, reason: tooLargeReason('file', bytes.length, limit) }
  }
  return { format }
}

function parseAdmitted(
  bytes: Uint8Array,
  format: Exclude<Format, 'docx' | 'pdf'>,
  options: ImportOptions,
): ParseOutcome {
  if (hasBinarySignature(bytes)) return { ok: false, reason: REASONS.binary }
  if (format === 'mhtml') return finishDraft(parseMhtml(bytes, options.extractor))
  const { text } = decodeBytes(bytes, { html: format === 'html' })
  return parseText(text, format, options)
}

function finishDraft(draft: ArticleDraft | DraftRejection): ParseOutcome {
  return 'rejected' in draft ? { ok: false, reason: draft.rejected } : finishArticle(draft)
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
    const format: TextFormat = /^\s*<(?:!doctype\b|html\b)/i.test(withoutBom) ? 'html' : 'text'
    return parseText(withoutBom, format, options)
  } catch {
    return { ok: false, reason: REASONS.unexpected }
  }
}

function parseText(text: string, format: TextFormat, options: ImportOptions): ParseOutcome {
  if (looksBinary(text)) return { ok: false, reason: REASONS.binary }
  const readable = withoutNuls(text)
  if (readable.trim() === '') return { ok: false, reason: REASONS.noText }
  return finishDraft(PARSERS[format](readable, options))
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
