/**
 * Read a Word document (`.docx`).
 *
 * Why: analysts receive articles as Word files (press releases, translated
 * pieces, reports forwarded by colleagues). mammoth turns the document into
 * plain semantic HTML (headings, lists, block quotes; no Word styling), and
 * that HTML goes through the same path as a saved page, so blocks, chrome
 * removal, titles and citations come out the same. The title and author
 * come from the document's own properties (`docProps/core.xml`) when they
 * are real, else the first heading names the article.
 *
 * The date is the publication date when the document states one, else the
 * file's own. A dateline among the first short lines ("13 January 2017",
 * "Moscow, 13.01.2017") is the story's date as its author wrote it; the
 * properties' `dcterms:created` (then `dcterms:modified`) only say when this
 * file was made or last saved, often days or years after publication, so
 * they are the fallback. Either is stored as the library stores dates
 * (YYYY-MM-DD, as for a saved page), the day as written, no time zone
 * conversion.
 *
 * A .docx is a ZIP file, and a small ZIP can unpack to gigabytes: the
 * archive's directory is read here first, and every part mammoth will read
 * is inflated against a budget before mammoth sees the file. Images are
 * never unpacked. A password-protected document (an encrypted OLE file, not
 * a ZIP) and a damaged one are refused with a reason.
 */
import { createRequire } from 'node:module'
import { inflateRawSync } from 'node:zlib'
import type { ArticleDraft, DraftBlock, DraftRejection } from './article-draft'
import { parseHtml } from './html'
import { datelineDate, normalisePublishedDate } from './published-date'
import { REASONS } from './rejections'

/** How much larger than the file limit the parts mammoth reads may unpack to. */
const UNPACKED_FACTOR = 10

/**
 * Word styles mapped on top of mammoth's defaults (which already keep
 * headings 1-6 and numbered and bulleted lists).
 */
const STYLE_MAP = [
  "p[style-name='Title'] => h1:fresh",
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Block Text'] => blockquote > p:fresh",
  // LibreOffice's name for an indented quotation.
  "p[style-name='Quotations'] => blockquote > p:fresh",
  // Word's caption under a picture or table: a caption block, as on a page.
  "p[style-name='Caption'] => figcaption:fresh",
]

/** Load mammoth on first use: the app and most imports never need it. */
function loadMammoth(): typeof import('mammoth') {
  return createRequire(import.meta.url)('mammoth') as typeof import('mammoth')
}

/** Read a Word document into a draft article, or a reason it cannot be read. */
export async function parseDocx(
  bytes: Uint8Array,
  maxBytes: number,
): Promise<ArticleDraft | DraftRejection> {
  if (startsWith(bytes, OLE_SIGNATURE)) {
    return { rejected: isEncryptedOle(bytes) ? REASONS.docxEncrypted : REASONS.docxOldFormat }
  }
  const zip = readZipDirectory(bytes)
  if (zip === null) return { rejected: REASONS.docxDamaged }
  if (zip.some((entry) => entry.encrypted)) return { rejected: REASONS.docxEncrypted }
  const checked = checkUnpackedSize(bytes, zip, Math.max(maxBytes, 1) * UNPACKED_FACTOR)
  if (checked !== null) return checked

  const mammoth = loadMammoth()
  let html: string
  try {
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) },
      {
        styleMap: STYLE_MAP,
        ignoreEmptyParagraphs: true,
        externalFileAccess: false,
        // The article is text: pictures are neither unpacked nor kept.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    )
    html = result.value
  } catch {
    return { rejected: REASONS.docxDamaged }
  }

  const properties = readCoreProperties(bytes, zip)
  const draft = parseHtml(
    `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body><article>${html}</article></body></html>`,
  )
  if ('rejected' in draft) return draft
  return {
    ...draft,
    title: properties.title ?? firstHeading(draft.blocks) ?? draft.title,
    byline: properties.author ?? draft.byline ?? null,
    publishedAt:
      normalisePublishedDate(draft.publishedAt) ??
      topDate(html) ??
      normalisePublishedDate(properties.date),
    language: properties.language ?? draft.language ?? null,
  }
}

/** How many blocks from the top a dateline may stand at. */
const DATELINE_BLOCKS = 4

/**
 * The date of a short line near the top of the document as mammoth wrote
 * it ("13 January 2017", "By Anna Petrova, 13 January 2017"), read before
 * the HTML path drops bare date lines as page labels. A date inside the
 * story's first paragraph is what the story is about, not when it was
 * published.
 */
function topDate(html: string): string | null {
  const lines = [...html.matchAll(/<(p|h[1-6])\b[^>]*>([\s\S]*?)<\/\1>/g)]
    .slice(0, DATELINE_BLOCKS)
    .map((match) =>
      (match[2] ?? '')
        .replace(/<[^>]*>/g, '')
        .replace(/&nbsp;|&#160;/g, ' ')
        .replace(/&amp;/g, '&')
        .trim(),
    )
  return datelineDate(lines)
}

function firstHeading(blocks: readonly DraftBlock[]): string | null {
  return blocks.find((block) => block.type === 'heading')?.text ?? null
}

// --- The ZIP directory -------------------------------------------------------

interface ZipEntry {
  readonly name: string
  readonly method: number
  readonly compressedSize: number
  readonly localHeader: number
  readonly encrypted: boolean
}

const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50

/** The entries of a ZIP file's central directory, or null when it is not a readable ZIP. */
function readZipDirectory(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const u16 = (at: number): number => view.getUint16(at, true)
  const u32 = (at: number): number => view.getUint32(at, true)
  // The end record is at most 22 bytes plus a 64 KB comment from the end.
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (u32(at) === END_OF_DIRECTORY) {
      end = at
      break
    }
  }
  if (end === -1) return null
  const count = u16(end + 10)
  let at = u32(end + 16)
  const entries: ZipEntry[] = []
  for (let index = 0; index < count; index++) {
    if (at + 46 > bytes.length || u32(at) !== DIRECTORY_ENTRY) return null
    const nameLength = u16(at + 28)
    const next = at + 46 + nameLength + u16(at + 30) + u16(at + 32)
    if (next > bytes.length) return null
    entries.push({
      name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
      method: u16(at + 10),
      compressedSize: u32(at + 20),
      localHeader: u32(at + 42),
      encrypted: (u16(at + 8) & 1) === 1,
    })
    at = next
  }
  return entries
}

/** An entry's unpacked bytes, or why not: damaged, or more than `limit` bytes. */
function inflateEntry(
  bytes: Uint8Array,
  entry: ZipEntry,
  limit: number,
): Buffer | 'damaged' | 'too-large' {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const at = entry.localHeader
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) return 'damaged'
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true)
  const data = bytes.subarray(start, start + entry.compressedSize)
  if (data.length !== entry.compressedSize) return 'damaged'
  if (entry.method === 0) return data.length <= limit ? Buffer.from(data) : 'too-large'
  if (entry.method !== 8) return 'damaged'
  try {
    return inflateRawSync(data, { maxOutputLength: Math.max(limit, 1) })
  } catch (error) {
    return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'damaged'
  }
}

/**
 * Unpack every part mammoth reads (the XML; not images or embedded files)
 * within a shared budget, so a ZIP bomb is refused before mammoth inflates it.
 */
function checkUnpackedSize(
  bytes: Uint8Array,
  zip: readonly ZipEntry[],
  budget: number,
): DraftRejection | null {
  let left = budget
  for (const entry of zip) {
    if (!/\.(?:xml|rels)$/i.test(entry.name)) continue
    const data = inflateEntry(bytes, entry, left)
    if (data === 'damaged') return { rejected: REASONS.docxDamaged }
    if (data === 'too-large') return { rejected: REASONS.docxTooLarge }
    left -= data.length
  }
  return null
}

// --- Document properties -----------------------------------------------------

interface CoreProperties {
  readonly title: string | null
  readonly author: string | null
  readonly date: string | null
  readonly language: string | null
}

/** Names Word and other writers put in when nobody typed one. */
const PLACEHOLDER_AUTHOR =
  /^(?:microsoft office user|windows user|user|admin|administrator|author|owner|unknown|python-docx)$/i

/** The title, author, date and language a document declares, where they look real. */
function readCoreProperties(bytes: Uint8Array, zip: readonly ZipEntry[]): CoreProperties {
  const entry = zip.find((candidate) => candidate.name === 'docProps/core.xml')
  const data = entry ? inflateEntry(bytes, entry, 1024 * 1024) : null
  const xml = data instanceof Buffer ? data.toString('utf8') : ''
  if (xml === '') return { title: null, author: null, date: null, language: null }
  const title = element(xml, 'title')
  const author = element(xml, 'creator')
  return {
    title: title !== null && !/^microsoft word\b|\.docx?$/i.test(title) ? title : null,
    author: author !== null && !PLACEHOLDER_AUTHOR.test(author) ? author : null,
    date: sensibleDate(element(xml, 'created')) ?? sensibleDate(element(xml, 'modified')),
    language: element(xml, 'language'),
  }
}

/** The text of the first `<prefix:name>` element, entities decoded. */
function element(xml: string, name: string): string | null {
  const match = new RegExp(
    `<(?:[\\w.-]+:)?${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:[\\w.-]+:)?${name}>)`,
  ).exec(xml)
  const text = (match?.[1] ?? '')
    .replace(/<!\[CDATA\[([\s\S]*?)\]\]>/g, '$1')
    .replace(/&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi, (_, dec, hex, named) => {
      if (dec) return String.fromCodePoint(Number(dec))
      if (hex) return String.fromCodePoint(parseInt(hex, 16))
      return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[String(named).toLowerCase()] ?? ''
    })
    .replace(/\s+/g, ' ')
    .trim()
  return text === '' ? null : text
}

/** A W3CDTF date from Word's properties, unless it is a default (1601, 1900) or in the future. */
function sensibleDate(value: string | null): string | null {
  if (value === null) return null
  const time = Date.parse(value)
  if (Number.isNaN(time)) return null
  const year = new Date(time).getUTCFullYear()
  return year >= 1990 && time <= Date.now() + 24 * 60 * 60 * 1000 ? value : null
}

// --- Password-protected documents --------------------------------------------

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, at) => bytes[at] === byte)
}

/**
 * Whether an OLE compound file is an encrypted Office document: Word saves a
 * password-protected .docx as an OLE file with an `EncryptedPackage` stream
 * (its directory names are UTF-16).
 */
function isEncryptedOle(bytes: Uint8Array): boolean {
  const name = Buffer.from('EncryptedPackage', 'utf16le')
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(name)
}
