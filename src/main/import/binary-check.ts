/**
 * Tell text from binary files.
 *
 * Why: analysts drag whole folders onto the app, and a PDF or image renamed
 * `.txt` would otherwise be decoded into pages of garbage characters and
 * stored as an "article". Refusing it with a clear reason is kinder.
 */

/** Share of control characters above which decoded content is not text. */
const MAX_CONTROL_SHARE = 0.05

/** How much of the text is inspected; binary data shows itself early. */
const SAMPLE_CHARS = 64 * 1024

/**
 * Whether decoded content looks like binary data rather than text.
 *
 * Checked after decoding so UTF-16 text, whose bytes are full of NULs, is
 * judged by its characters. Any NUL character means binary: no text format
 * the app imports uses one.
 */
export function looksBinary(text: string): boolean {
  if (text.includes('\u0000')) return true
  const sample = text.slice(0, SAMPLE_CHARS)
  if (sample.length === 0) return false
  // Tab, newline, vertical tab, form feed and carriage return appear in
  // real text files; the rest of C0 and DEL do not.
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const controls = sample.match(/[\u0001-\u0008\u000E-\u001F\u007F]/g)?.length ?? 0
  return controls / sample.length > MAX_CONTROL_SHARE
}
