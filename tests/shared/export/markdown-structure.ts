/**
 * Reading an exported briefing back, for the export tests.
 *
 * Why: "the document is not broken" is only testable if the tests look at
 * the output the way a Markdown tool would: where the front matter ends,
 * how GFM splits a table row, which lines belong to a blockquote. These
 * helpers do that small amount of parsing in one place.
 */
import fc from 'fast-check'
import { parse } from 'yaml'

/** Strings built from the characters and snippets that break naive Markdown and YAML. */
export function hostileText(maxLength = 40): fc.Arbitrary<string> {
  const nasty = fc.constantFrom(
    ...['-', '|', '#', '<', '>', '!', '`', '[', ']', '(', ')', '*', '_', '&', '\\', '"', "'"],
    ...[':', ' ', '\t', '\n', '\r', '=', '%', '$', '^', '~', '+', '.', '1', '@', '{', '}'],
    ...['\u0000', '\u001B', '\u007F', '\u0085', '\u00A0', '\u2028', '\uFEFF', '\uD800', '\uDC00'],
    ...['---', '...', '<!--', '-->', '```', '<script>', ': ', ' #', '\n---\n', '\n> ', '\n- '],
    ...['<!-- workbench:keep -->', '<!-- /workbench:keep -->', '\n<!-- workbench:checksum'],
  )
  const unit = fc.oneof(
    { arbitrary: nasty, weight: 3 },
    { arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }), weight: 1 },
  )
  return fc.string({ unit, maxLength })
}

/** The front matter of a document, parsed, plus the body after it. */
export function splitFrontMatter(doc: string): { data: unknown; body: string } {
  if (!doc.startsWith('---\n')) throw new Error('document does not start with front matter')
  const end = doc.indexOf('\n---\n', 3)
  if (end < 0) throw new Error('front matter is not closed')
  return { data: parse(doc.slice(4, end)), body: doc.slice(end + 5) }
}

/**
 * The cells of a GFM table row.
 *
 * As in cmark-gfm, a backslash escapes the next character and every other
 * `|` separates cells; the outer pipes are not cells.
 */
export function tableCells(row: string): string[] {
  const cells: string[] = []
  let current = ''
  for (let i = 0; i < row.length; i += 1) {
    const ch = row[i] ?? ''
    if (ch === '\\') {
      current += ch + (row[i + 1] ?? '')
      i += 1
    } else if (ch === '|') {
      cells.push(current)
      current = ''
    } else {
      current += ch
    }
  }
  cells.push(current)
  return cells.slice(1, -1).map((c) => c.trim())
}

/** The rows of the first claims table in a document, header and delimiter included. */
export function claimsTableRows(doc: string): string[] {
  const lines = doc.split('\n')
  const start = lines.indexOf('### Claims') + 2
  if (start < 2) return []
  const end = lines.indexOf('', start)
  return lines.slice(start, end < 0 ? undefined : end)
}

/** The lines of the blockquote right above the block id line `^id`. */
export function quoteLinesAbove(doc: string, blockId: string): string[] {
  const lines = doc.split('\n')
  const idLine = lines.indexOf(`^${blockId}`)
  if (idLine < 2 || lines[idLine - 1] !== '') return []
  let first = idLine - 1
  while (first > 0 && (lines[first - 1] ?? '').startsWith('>')) first -= 1
  return lines.slice(first, idLine - 1)
}

/** Lines that CommonMark would read as the start of a block other than a paragraph. */
// `\s` rather than space-or-tab, because JavaScript-regex parsers accept more.
export const BLOCK_START =
  /^(?:\s|>|[-+*](?:\s|$)|\d{1,9}[.)](?:\s|$)|#{1,6}(?:\s|$)|`{3,}|~{3,}|<|=+\s*$|-+\s*$|\|)/u

/**
 * The document's top-level blockquotes (callouts included), each as its
 * lines: a run of lines starting with `>` after a blank line or another
 * block, outside fenced code. Lazy continuation lines are not followed: the
 * exporter prefixes every line of a quote or callout.
 */
export function topLevelBlockquotes(body: string): string[][] {
  const quotes: string[][] = []
  let fence: string | null = null
  let current: string[] | null = null
  for (const line of body.split('\n')) {
    if (fence !== null) {
      if (line.startsWith(fence)) fence = null
      continue
    }
    const open = /^(`{3,}|~{3,})/u.exec(line)?.[1]
    if (open !== undefined) {
      fence = open
      current = null
      continue
    }
    if (line.startsWith('>')) {
      if (current === null) {
        current = []
        quotes.push(current)
      }
      current.push(line)
    } else {
      current = null
    }
  }
  return quotes
}

/** Whether a top-level blockquote is one of the exporter's note callouts. */
export function isNoteCallout(lines: readonly string[]): boolean {
  return (
    lines[0] === '> [!note] Analyst note' ||
    (lines[0] === '> [!NOTE]' && lines[1] === '> **Analyst note**')
  )
}
