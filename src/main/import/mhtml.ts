/**
 * Read a web archive (`.mhtml`, `.mht`): a saved page with its images and
 * styles in one MIME message, as Chrome, Edge and evidence tools such as
 * Hunchly write it.
 *
 * Why: analysts keep pages as archives because one file holds the whole
 * capture and the address it came from. Only the page itself matters here:
 * its HTML part is unpacked (transfer encoding, then charset) and read by
 * the same HTML path as a saved `.html`, so extraction, clean-up, safety
 * limits and citations are the same; images and styles are skipped. The
 * archive's `Snapshot-Content-Location` gives the article's address when
 * the page names none. Written by hand (it is a small part of MIME) to keep
 * a dependency out; every step is bounded by the file's size.
 */
import type { ArticleDraft, DraftRejection } from './article-draft'
import { looksBinary, withoutNuls } from './binary-check'
import { decodeBytes } from './encoding'
import type { ExtractorName } from '../../shared/import/extractors'
import { parseHtml } from './html'
import { REASONS } from './rejections'

/** Multipart nesting followed before giving up; archives use one level, rarely two. */
const MAX_MULTIPART_DEPTH = 4

/** Read a web archive's page into a draft article, or a reason it cannot be read. */
export function parseMhtml(
  bytes: Uint8Array,
  extractor?: ExtractorName,
): ArticleDraft | DraftRejection {
  const page = findPage(bytes)
  if ('rejected' in page) return page
  if (looksBinary(page.html)) return { rejected: REASONS.binary }
  const html = withoutNuls(page.html)
  if (html.trim() === '') return { rejected: REASONS.noText }
  const draft = parseHtml(html, extractor)
  if ('rejected' in draft) return draft
  const archiveUrl = httpUrl(page.location)
  return {
    ...draft,
    title: draft.title ?? page.subject,
    url: draft.url ?? archiveUrl,
    source: draft.source ?? hostOf(archiveUrl),
  }
}

/** The page a web archive holds, decoded to text, with what the archive says about it. */
export interface ArchivedPage {
  readonly html: string
  /** `Snapshot-Content-Location`, else the page part's `Content-Location`. */
  readonly location: string | null
  /** The archive's `Subject` (the page title, when the page has none). */
  readonly subject: string | null
}

/** Find the first HTML part of a web archive and decode it. */
export function findPage(bytes: Uint8Array): ArchivedPage | DraftRejection {
  // Latin-1 maps every byte to one character and back, so the MIME structure
  // (ASCII) can be read as text and a part's bytes recovered exactly.
  const message = splitHeaders(Buffer.from(bytes).toString('latin1'))
  const contentType = message?.headers.get('content-type')
  if (!message || contentType === undefined) return { rejected: REASONS.mhtmlDamaged }
  const part = findHtmlPart(message, MAX_MULTIPART_DEPTH)
  if ('rejected' in part) return part
  const body = decodeTransfer(part.body, part.headers.get('content-transfer-encoding'))
  if (body === null) return { rejected: REASONS.mhtmlDamaged }
  return {
    html: decodeCharset(body, parameter(part.headers.get('content-type') ?? '', 'charset')),
    location:
      nonEmpty(message.headers.get('snapshot-content-location')) ??
      nonEmpty(part.headers.get('content-location')),
    subject: nonEmpty(decodeEncodedWords(message.headers.get('subject') ?? '')),
  }
}

interface MimeEntity {
  /** Lower-cased header names; values unfolded. */
  readonly headers: ReadonlyMap<string, string>
  /** The body as Latin-1 text (one character per byte). */
  readonly body: string
}

function findHtmlPart(entity: MimeEntity, depthLeft: number): MimeEntity | DraftRejection {
  const type = mediaType(entity.headers.get('content-type') ?? 'text/plain')
  if (type === 'text/html' || type === 'application/xhtml+xml') return entity
  if (!type.startsWith('multipart/')) return { rejected: REASONS.mhtmlNoPage }
  const boundary = parameter(entity.headers.get('content-type') ?? '', 'boundary')
  if (boundary === null || depthLeft === 0) return { rejected: REASONS.mhtmlDamaged }
  const parts = splitMultipart(entity.body, boundary)
  if (parts === null) return { rejected: REASONS.mhtmlDamaged }
  for (const part of parts) {
    const found = findHtmlPart(part, depthLeft - 1)
    if (!('rejected' in found)) return found
    if (found.rejected !== REASONS.mhtmlNoPage) return found
  }
  return { rejected: REASONS.mhtmlNoPage }
}

/** Split an entity into its headers and body at the first empty line. */
function splitHeaders(text: string): MimeEntity | null {
  const end = /\r?\n\r?\n/.exec(text)
  const head = end ? text.slice(0, end.index) : text
  const body = end ? text.slice(end.index + end[0].length) : ''
  const headers = new Map<string, string>()
  let name: string | null = null
  for (const line of head.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && name !== null) {
      // A folded header goes on from the line before.
      headers.set(name, `${headers.get(name) ?? ''} ${line.trim()}`)
      continue
    }
    const colon = line.indexOf(':')
    if (colon <= 0) {
      if (line.trim() === '') continue
      return null
    }
    name = line.slice(0, colon).trim().toLowerCase()
    // The first of a repeated header counts, as in mail readers.
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim())
  }
  return headers.size === 0 ? null : { headers, body }
}

/**
 * The parts between `--boundary` lines, or null when the boundary never
 * appears. A missing closing `--boundary--` (a truncated archive) keeps the
 * parts that are whole.
 */
function splitMultipart(body: string, boundary: string): MimeEntity[] | null {
  const delimiter = `--${boundary}`
  const starts: number[] = []
  let closed = false
  for (let at = body.indexOf(delimiter); at !== -1; at = body.indexOf(delimiter, at + 1)) {
    if (at !== 0 && body[at - 1] !== '\n') continue
    starts.push(at)
    if (body.startsWith('--', at + delimiter.length)) {
      closed = true
      break
    }
  }
  if (starts.length === 0 || (starts.length === 1 && closed)) return null
  const parts: MimeEntity[] = []
  for (const [index, start] of starts.entries()) {
    const next = starts[index + 1]
    if (next === undefined && closed) break
    const lineEnd = body.indexOf('\n', start)
    if (lineEnd === -1) break
    // The line break before the next delimiter belongs to the delimiter.
    const end = next === undefined ? body.length : body[next - 2] === '\r' ? next - 2 : next - 1
    const entity = splitHeaders(body.slice(lineEnd + 1, Math.max(lineEnd + 1, end)))
    if (entity) parts.push(entity)
  }
  return parts
}

/** A body's bytes after undoing its Content-Transfer-Encoding, or null for an unknown one. */
function decodeTransfer(body: string, encoding: string | undefined): Uint8Array | null {
  const name = (encoding ?? '7bit').trim().toLowerCase()
  if (name === 'quoted-printable') return decodeQuotedPrintable(body)
  if (name === 'base64') return Buffer.from(body.replace(/[^A-Za-z0-9+/=_-]/g, ''), 'base64')
  if (name === '7bit' || name === '8bit' || name === 'binary') return Buffer.from(body, 'latin1')
  return null
}

/**
 * Undo quoted-printable (RFC 2045): `=XX` is a byte, `=` at the end of a
 * line joins it to the next (a soft line break), and spaces at the end of a
 * line are padding. Decoding to bytes first keeps a UTF-8 character whose
 * bytes were encoded separately (`=C3=A9`) whole.
 */
export function decodeQuotedPrintable(body: string): Uint8Array {
  const out = Buffer.alloc(body.length)
  let length = 0
  const lines = body.split('\n')
  for (const [index, rawLine] of lines.entries()) {
    const line = rawLine.replace(/[ \t\r]+$/, '')
    let soft = false
    for (let at = 0; at < line.length; at++) {
      const char = line.charCodeAt(at)
      if (char === 0x3d /* = */) {
        if (at === line.length - 1) {
          soft = true
          break
        }
        const hex = line.slice(at + 1, at + 3)
        if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
          out[length++] = parseInt(hex, 16)
          at += 2
          continue
        }
      }
      out[length++] = char & 0xff
    }
    if (!soft && index < lines.length - 1) out[length++] = 0x0a
  }
  return new Uint8Array(out.buffer, out.byteOffset, length)
}

/** Decode with the charset the part declares, else as an HTML file would be (BOM, `<meta>`). */
function decodeCharset(bytes: Uint8Array, charset: string | null): string {
  if (charset !== null) {
    try {
      return new TextDecoder(charset).decode(bytes)
    } catch {
      // A label no decoder knows: fall back to what the page itself says.
    }
  }
  return decodeBytes(bytes, { html: true }).text
}

/** "text/html" from "Text/HTML; charset=utf-8". */
function mediaType(contentType: string): string {
  return (contentType.split(';')[0] ?? '').trim().toLowerCase()
}

/** A parameter of a header value (`boundary`, `charset`), unquoted. */
function parameter(value: string, name: string): string | null {
  const pattern = /;\s*([\w.-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]*))/g
  for (const match of value.matchAll(pattern)) {
    if (match[1]?.toLowerCase() !== name) continue
    const found = match[2] !== undefined ? match[2].replace(/\\(.)/g, '$1') : (match[3] ?? '')
    return found === '' ? null : found
  }
  return null
}

/** Decode RFC 2047 encoded words ("=?utf-8?Q?Port=20Operator?=") in a header. */
function decodeEncodedWords(value: string): string {
  const word = /=\?([^?\s]+)\?([QqBb])\?([^?\s]*)\?=/g
  // Whitespace between two encoded words is folding, not text.
  const joined = value.replace(/(\?=)\s+(?==\?)/g, '$1')
  return joined.replace(word, (whole, charset: string, kind: string, text: string) => {
    const bytes =
      kind.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : decodeQuotedPrintable(text.replace(/_/g, '=20'))
    try {
      return new TextDecoder(charset.replace(/\*.*$/, '')).decode(bytes)
    } catch {
      return whole
    }
  })
}

function httpUrl(value: string | null): string | null {
  if (value === null) return null
  try {
    const url = new URL(value)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}

/** The site's host name, as the source when the page names none ("www." dropped). */
function hostOf(url: string | null): string | null {
  return url === null ? null : new URL(url).hostname.replace(/^www\./, '') || null
}

function nonEmpty(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim()
  return text ? text : null
}
