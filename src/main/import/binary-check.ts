/**
 * Tell text from binary files.
 *
 * Why: analysts drag whole folders onto the app, and a PDF or image renamed
 * `.txt` would otherwise be decoded into pages of garbage characters and
 * stored as an "article". Refusing it with a clear reason is kinder. But a
 * text file is not binary because something once wrote a NUL byte into it
 * (a crashed editor, a C program's string terminator, a bad copy): a few
 * stray NULs are damage inside text, and the text around them is kept.
 */

/** Share of control characters above which decoded content is not text. */
const MAX_CONTROL_SHARE = 0.05

/**
 * How many NUL characters a text may contain and still be read as text:
 * a few, or one in 2,000 characters in a long text.
 *
 * Binary formats are full of NULs (padding, the high bytes of small
 * numbers: several in every hundred bytes; even compressed data has one in
 * 256), while damage leaves one or a few. A real 195 KB news page carrying
 * 22 stray NULs (one in 8,900) was refused as binary under a flat limit.
 */
const MAX_STRAY_NULS = 4
const MAX_NUL_SHARE = 1 / 2000

function strayNulLimit(length: number): number {
  return Math.max(MAX_STRAY_NULS, Math.floor(length * MAX_NUL_SHARE))
}

/** How much of the text is inspected; binary data shows itself early. */
const SAMPLE_CHARS = 64 * 1024

/**
 * How the file formats analysts are likeliest to drop by mistake begin:
 * documents, images, archives and programs. Each is long or odd enough
 * that no text file starts with it by chance.
 */
const SIGNATURES: readonly (readonly number[])[] = [
  [...'%PDF-'].map((char) => char.charCodeAt(0)),
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [...'GIF87a'].map((char) => char.charCodeAt(0)),
  [...'GIF89a'].map((char) => char.charCodeAt(0)),
  [0x50, 0x4b, 0x03, 0x04], // ZIP: also .docx, .xlsx, .odt, .epub
  [0x50, 0x4b, 0x05, 0x06], // empty ZIP
  [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1], // .doc, .xls, .msg
  [0x1f, 0x8b], // gzip
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7-Zip
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // RAR
  [0x7f, 0x45, 0x4c, 0x46], // ELF program
  [0xcf, 0xfa, 0xed, 0xfe], // Mach-O program
]

/**
 * Whether the bytes begin like a known binary file format.
 *
 * Needed besides `looksBinary` because a small PDF is mostly ASCII: with
 * one short compressed stream it has too few control bytes and NULs to
 * look binary once stray NULs are forgiven.
 */
export function hasBinarySignature(bytes: Uint8Array): boolean {
  return SIGNATURES.some(
    (signature) =>
      bytes.length >= signature.length && signature.every((byte, at) => bytes[at] === byte),
  )
}

/**
 * Whether decoded content looks like binary data rather than text.
 *
 * Checked after decoding so UTF-16 text, whose bytes are full of NULs, is
 * judged by its characters. More than a few NULs (one in 2,000 in a long
 * text) means binary; a
 * few count as control characters, which may make up at most 5% of the
 * first 64K characters. So one NUL in a paragraph is damage, while one in
 * "ab\0cd" makes a fifth of the content control characters and is not text.
 */
export function looksBinary(text: string): boolean {
  const limit = strayNulLimit(text.length)
  if (countNuls(text, limit + 1) > limit) return true
  const sample = text.slice(0, SAMPLE_CHARS)
  if (sample.length === 0) return false
  // Tab, newline, vertical tab, form feed and carriage return appear in
  // real text files; the rest of C0 and DEL do not.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const controls = sample.match(/[\u0000-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0
  return controls / sample.length > MAX_CONTROL_SHARE
}

/**
 * Remove the stray NULs from text that `looksBinary` accepted.
 *
 * Dropped, not replaced with U+FFFD: the importer deletes every other
 * control character too (`cleanDocument`), and the HTML parser drops NULs
 * from page text, so all formats give the same article. U+FFFD is kept for
 * bytes that could not be decoded at all, where a character was lost.
 */
export function withoutNuls(text: string): string {
  return text.includes('\u0000') ? text.replaceAll('\u0000', '') : text
}

/** The number of NUL characters in the text, counting no further than `limit`. */
function countNuls(text: string, limit: number): number {
  let count = 0
  for (
    let at = text.indexOf('\u0000');
    at !== -1 && count < limit;
    at = text.indexOf('\u0000', at + 1)
  ) {
    count++
  }
  return count
}
