/**
 * Character-level cleanup shared by every import format.
 *
 * Why: annotations point at character offsets in the normalised article
 * text, so the same input must always give the same characters whatever the
 * format it came in. Invisible characters are dangerous for analysts: a
 * zero-width space splits a word so search misses it, and a bidi override
 * can make a quote display differently from what it says.
 */

/** Invisible characters that never carry meaning in a news article's body. */
const INVISIBLE_IN_BODY = /[\u00AD\u200B\u2060-\u2064\uFEFF\u202A-\u202E\u2066-\u2069]/g

/**
 * Titles are shown in lists and used as file names, so they also lose the
 * joiners and direction marks that body text keeps for Arabic, Persian and
 * emoji sequences.
 */
const INVISIBLE_IN_TITLE = /[\u00AD\u200B-\u200F\u2060-\u2064\uFEFF\u202A-\u202E\u2066-\u2069]/g

/** C0 and C1 controls except tab and newline; DEL too. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Replace unpaired UTF-16 surrogates with U+FFFD so the text can be encoded and hashed. */
function toWellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, '\uFFFD')
}

/** Turn CRLF and lone CR line endings into LF. */
function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n')
}

/**
 * Clean a whole decoded document before any format-specific parsing.
 *
 * Newlines are normalised first so that a CR is not mistaken for a control
 * character and deleted, which would glue two lines together.
 */
export function cleanDocument(text: string): string {
  return toWellFormed(normaliseNewlines(text))
    .normalize('NFC')
    .replace(CONTROL_CHARS, '')
    .replace(INVISIBLE_IN_BODY, '')
}

/**
 * Clean one block's text: everything `cleanDocument` does, then collapse runs
 * of spaces and trim.
 *
 * Blank lines are squeezed out because blocks are joined by a blank line to
 * form the article text; one inside a block would read as a block boundary.
 */
export function cleanBlockText(text: string): string {
  return cleanDocument(text)
    .replace(/ {2,}/g, ' ')
    .replace(/[ \t]*\n[\s]*/g, '\n')
    .trim()
}

/** Collapse every run of whitespace (newlines included) into one space. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}

/** Clean a title: one line, no invisible or control characters. */
export function cleanTitle(text: string): string {
  return collapseWhitespace(
    toWellFormed(text).normalize('NFC').replace(CONTROL_CHARS, ' ').replace(INVISIBLE_IN_TITLE, ''),
  )
}
