/**
 * The reasons an import is refused, worded for the analyst.
 *
 * Why: the UI shows these strings verbatim, so they live in one place where
 * their wording can be reviewed together and tests can refer to them.
 */
import { describeArticleFileTypes } from '../../shared/import/article-file-types'

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024

const SUPPORTED_EXTENSIONS_HINT = `use ${describeArticleFileTypes()}`

const KB = 1024
const MB = 1024 * 1024

export const REASONS = {
  emptyFile: 'file is empty',
  emptyPaste: 'pasted text is empty',
  binary: 'looks like a binary file, not text',
  noText: 'no readable text found',
  tooDeep: 'the page’s markup is nested too deeply to read safely; save the page as text instead',
  unexpected: 'could not read this file: it is damaged or in an unexpected format',
  docxDamaged:
    'this Word document is damaged or is not a .docx file; open it in Word and save it again',
  docxEncrypted:
    'this Word document is password-protected; open it in Word, remove the password and save it again',
  docxOldFormat:
    'this is an old-style Word document (.doc) named .docx; open it in Word and save it as .docx',
  docxTooLarge: 'this Word document is too large once unpacked to read safely',
  mhtmlDamaged:
    'this web archive is damaged or is not an MHTML file; open it in the browser and save it again',
  mhtmlNoPage: 'this web archive holds no web page (no text/html part)',
  pdfNoTextLayer:
    'This PDF has no text layer (it is a scan); run OCR on it first or paste the text',
  pdfEncrypted:
    'this PDF is password-protected; open it, remove the password (or print it to a new PDF) and import that',
  pdfDamaged: 'this PDF is damaged or is not a PDF file; open it in a PDF reader and save it again',
  pdfUnreadableText:
    'the text of this PDF cannot be read (its fonts do not say which letters they draw); run OCR on it or paste the text',
  pdfTooManyPages:
    'this PDF has more than 2,000 pages; import the article’s pages as a separate PDF',
  /**
   * Only a caller of the synchronous `parseArticleFile` gets this; the app's
   * worker and the command line use `readArticleFile`, which reads Word files.
   */
  docxNotSynchronous: 'Word documents cannot be read by this importer (use readArticleFile)',
  /** As `docxNotSynchronous`, for PDFs (pdf.js is asynchronous). */
  pdfNotSynchronous: 'PDFs cannot be read by this importer (use readArticleFile)',
} as const

/** Format a byte count the way people talk about file sizes, to one decimal. */
export function formatSize(bytes: number, roundUp = false): string {
  const round = (value: number): string => {
    const tenths = roundUp ? Math.ceil(value * 10) : Math.round(value * 10)
    return (tenths / 10).toFixed(1).replace(/\.0$/, '')
  }
  if (bytes >= MB) return `${round(bytes / MB)} MB`
  if (bytes >= KB) return `${round(bytes / KB)} KB`
  return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
}

/** Reason for an input over the size limit, e.g. "file is 6.2 MB; the limit is 5 MB". */
export function tooLargeReason(what: 'file' | 'pasted text', bytes: number, limit: number): string {
  const limitText = formatSize(limit)
  let sizeText = formatSize(bytes)
  // Rounded to the nearest tenth, a file just over the limit would be
  // refused for being "5 MB; the limit is 5 MB".
  if (sizeText === limitText) sizeText = formatSize(bytes, true)
  return `${what} is ${sizeText}; the limit is ${limitText}`
}

/** Reason for a file whose extension no importer handles. */
export function unsupportedTypeReason(extension: string): string {
  const type = extension === '' ? '(no extension)' : extension
  return `unsupported file type ${type}; ${SUPPORTED_EXTENSIONS_HINT}`
}
