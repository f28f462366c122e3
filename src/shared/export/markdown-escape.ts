/**
 * Escaping helpers for the Markdown briefing.
 *
 * Why: article titles, quotes and claimants come from untrusted news text, and
 * a briefing is read in Markdown tools (Obsidian, GitHub, static sites) that
 * turn stray punctuation into structure: a `---` line becomes a heading
 * underline or a second front matter, a `|` splits a table cell, a `<!--`
 * swallows the rest of the document, `<script>` becomes live HTML. Every
 * place that writes untrusted text goes through one of these helpers so the
 * rules live in one spot and can be tested on their own.
 */
import { normaliseTagName } from '../domain/tag'

/**
 * Turn every line ending into LF.
 *
 * CRLF and lone CR, and also U+2028/U+2029: Markdown parsers built on
 * JavaScript regular expressions (marked, for one) end a line there, so
 * leaving them in would let a quote line escape its blockquote or split a
 * table row.
 */
export function normaliseNewlines(text: string): string {
  return text.replace(/\r\n?|[\u2028\u2029]/gu, '\n')
}

// Controls other than tab and newline have no meaning in Markdown and some
// tools choke on them, so they are dropped from rendered text.
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F]/gu // eslint-disable-line no-control-regex

// Outside the YAML printable set, or line breaks in some YAML versions, or
// a BOM a parser might strip: written as \u escapes so the value survives.
const YAML_UNSAFE =
  /[\u0000-\u001F\u007F-\u009F\u2028\u2029\uFEFF\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu // eslint-disable-line no-control-regex

// Readable escapes for the common cases; both YAML and JSON understand them.
const YAML_SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '\n': '\\n',
  '\t': '\\t',
  '\r': '\\r',
}

function unicodeEscape(ch: string): string {
  return `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`
}

/**
 * Quote a string as a YAML double-quoted scalar.
 *
 * JSON-style escaping is valid YAML; anything a YAML parser could reject or
 * normalise away is written as a `\u` escape, so any string round-trips.
 */
export function yamlString(value: string): string {
  const escaped = value
    .replace(/\\/gu, '\\\\')
    .replace(/"/gu, '\\"')
    .replace(YAML_UNSAFE, (ch) => YAML_SHORT_ESCAPES[ch] ?? unicodeEscape(ch))
  return `"${escaped}"`
}

/**
 * Escape untrusted text for use inside one line of Markdown.
 *
 * Newlines become spaces. Punctuation that CommonMark, GFM or Obsidian give
 * meaning inline (emphasis, code, links, tags, math, comments, highlights,
 * block ids, table pipes) is backslash-escaped, and `<` becomes `&lt;` so no
 * raw HTML or HTML comment can start.
 */
export function escapeInline(text: string): string {
  return normaliseNewlines(text)
    .replace(CONTROL_CHARS, '')
    .replace(/\n/gu, ' ')
    .replace(/[\\`*_[\]|#~$^]/gu, (ch) => `\\${ch}`)
    .replace(/={2,}|%{2,}/gu, (run) => run.replace(/[=%]/gu, (ch) => `\\${ch}`))
    .replace(/&(?=#?[A-Za-z0-9]+;)/gu, '&amp;')
    .replace(/</gu, '&lt;')
}

/**
 * Escape one line of untrusted text that starts a Markdown line.
 *
 * On top of `escapeInline`, leading whitespace (indented code) is dropped and
 * a leading `>`, `-`, `+`, `=` or `1.` is escaped so the line cannot open a
 * blockquote, list, thematic break or setext heading.
 */
export function escapeBlockLine(line: string): string {
  // `\s`, not just space and tab: some parsers count NBSP or BOM as indentation.
  const escaped = escapeInline(line).replace(/^\s+/u, '')
  if (/^[-+=>]/u.test(escaped)) return `\\${escaped}`
  // Only a marker followed by whitespace or the end opens a list: "4.2 million" stays as written.
  return escaped.replace(/^(\d{1,9})([.)])(?=\s|$)/u, '$1\\$2')
}

/** Escape untrusted text for an ATX heading; an empty heading reads "(untitled)". */
export function escapeHeading(text: string): string {
  const escaped = escapeInline(text).trim()
  return escaped.length > 0 ? escaped : '(untitled)'
}

/** Escape untrusted text for a GFM table cell: one line, pipes escaped, trimmed. */
export function escapeTableCell(text: string): string {
  return escapeInline(text).trim()
}

/**
 * Render untrusted text as a Markdown blockquote.
 *
 * Every line, including blank ones, is prefixed with `>` so a multi-line
 * quote stays one blockquote and no line of it can escape into the document.
 */
export function blockquote(text: string): string {
  return normaliseNewlines(text)
    .split('\n')
    .map((line) => {
      const escaped = escapeBlockLine(line)
      return escaped.length > 0 ? `> ${escaped}` : '>'
    })
    .join('\n')
}

// Characters that may stay as they are in a link destination; everything else
// (spaces, parentheses, brackets, quotes, non-ASCII) is percent-encoded.
const URL_SAFE = /[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/u
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/gu

/**
 * Render a link to an untrusted URL.
 *
 * Only http, https and mailto URLs become links, so an article cannot smuggle
 * a `javascript:` link into the briefing; anything else is shown as text.
 */
export function markdownLink(label: string, url: string): string {
  const trimmed = url.trim()
  if (!/^(?:https?:\/\/|mailto:)\S/iu.test(trimmed)) return escapeInline(trimmed)
  let encoded = ''
  for (const ch of trimmed.replace(LONE_SURROGATE, '\uFFFD')) {
    // encodeURIComponent leaves parentheses alone, but they end a link destination.
    encoded += URL_SAFE.test(ch)
      ? ch
      : encodeURIComponent(ch).replace(
          /[()]/gu,
          (p) => `%${p.charCodeAt(0).toString(16).toUpperCase()}`,
        )
  }
  const text = escapeInline(label).trim()
  return `[${text.length > 0 ? text : 'link'}](${encoded})`
}

/**
 * Convert a tag name to an Obsidian tag (without the leading `#`).
 *
 * Obsidian allows letters, digits, `_`, `-` and `/` for nesting, and needs at
 * least one non-digit: spaces become `-`, other characters are dropped and a
 * tag without letters gets a `tag-` prefix. Returns null when nothing is left.
 */
export function obsidianTag(name: string): string | null {
  const parts = normaliseTagName(name)
    .split('/')
    .map((part) =>
      part
        .replace(/\s+/gu, '-')
        .replace(/[^\p{L}\p{M}\p{N}_-]/gu, '')
        .replace(/-{2,}/gu, '-')
        .replace(/^-+|-+$/gu, ''),
    )
    .filter((part) => part.length > 0)
  if (parts.length === 0) return null
  const tag = parts.join('/')
  return /\p{L}/u.test(tag) ? tag : `tag-${tag}`
}

/**
 * Sanitise an id for use as an Obsidian block id (`^id`).
 *
 * Block ids may only hold Latin letters, digits and dashes.
 */
export function blockId(id: string): string {
  const cleaned = id
    .replace(/[^A-Za-z0-9-]+/gu, '-')
    .replace(/-{2,}/gu, '-')
    .replace(/^-+|-+$/gu, '')
  return cleaned.length > 0 ? cleaned : 'block'
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/u
// `\s` rather than CommonMark's space-or-tab: parsers built on JavaScript
// regular expressions (marked, for one) also accept NBSP, BOM and the like.
const THEMATIC_OR_SETEXT = /^ {0,3}(?:=+|-+|([-*_])(?:\s*\1){2,})\s*$/u
const ATX_HEADING = /^( {0,3})(#{1,6})(?=\s|$)/u
const AUTOLINK = /^<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>/u

/** Escape `<` outside inline code spans and autolinks, one line at a time. */
function escapeHtmlOutsideCode(line: string): string {
  let out = ''
  let i = 0
  while (i < line.length) {
    const ch = line[i]
    if (ch === '`') {
      const run = /^`+/u.exec(line.slice(i))?.[0] ?? '`'
      const close = findClosingRun(line, i + run.length, run.length)
      if (close >= 0) {
        out += line.slice(i, close + run.length)
        i = close + run.length
      } else {
        out += run
        i += run.length
      }
      continue
    }
    if (ch === '<') {
      const link = AUTOLINK.exec(line.slice(i))?.[0]
      if (link !== undefined) {
        out += link
        i += link.length
        continue
      }
      out += '&lt;'
      i += 1
      continue
    }
    out += ch
    i += 1
  }
  return out
}

// An Obsidian block id: `^id` ending a line, after whitespace or alone on it.
const BLOCK_ID_AT_END = /(^|\s)\^([A-Za-z0-9-]+)(\s*)$/u

/**
 * Escape a block id at the end of a line of analyst text (not inside a code
 * span): the exporter gives every passage its `^id`, so a note ending in
 * ` ^ann-…` would otherwise make a second block with that id and links to
 * the passage would land on the note.
 */
function escapeBlockIdsOutsideCode(line: string): string {
  const match = BLOCK_ID_AT_END.exec(line)
  if (match === null) return line
  const before = line.slice(0, match.index)
  // An odd number of backticks before it: the id is inside a code span, where it means nothing.
  if ((before.match(/`/gu)?.length ?? 0) % 2 === 1) return line
  return `${before}${match[1] ?? ''}\\^${match[2] ?? ''}${match[3] ?? ''}`
}

/** Index of the next backtick run of exactly `length` after `from`, or -1. */
function findClosingRun(line: string, from: number, length: number): number {
  const re = /`+/gu
  re.lastIndex = from
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    if (m[0].length === length) return m.index
  }
  return -1
}

/**
 * Neutralise analyst Markdown so it cannot break the briefing's structure.
 *
 * The note is kept as written except where it would leak into the rest of
 * the document: `---`/`===` lines (setext headings, thematic breaks) are
 * escaped, headings are demoted below the briefing's own levels, `<` outside
 * code is escaped (no HTML, no `<!--` comment or keep marker), an Obsidian
 * block id ending a line (` ^id`) is escaped so it cannot repeat a passage's
 * id, an unclosed code fence is closed, and an unbalanced Obsidian `%%`
 * comment or `$$` math block is escaped.
 */
export function neutraliseNote(markdown: string): string {
  const lines = normaliseNewlines(markdown).replace(CONTROL_CHARS, '').split('\n')
  const out: { text: string; code: boolean }[] = []
  let fence: { char: string; length: number } | null = null
  for (const line of lines) {
    if (fence !== null) {
      const close = /^ {0,3}(`{3,}|~{3,})[ \t]*$/u.exec(line)?.[1]
      if (close !== undefined && close[0] === fence.char && close.length >= fence.length) {
        fence = null
        out.push({ text: line, code: false })
      } else {
        // Inside code nothing can be escaped, but a keep marker or checksum
        // must not start at column 0 or the keep-region parser would see it.
        out.push({ text: line.startsWith('<!--') ? ` ${line}` : line, code: true })
      }
      continue
    }
    const open = FENCE_OPEN.exec(line)?.[1]
    if (
      open !== undefined &&
      !(open[0] === '`' && line.slice(line.indexOf(open) + open.length).includes('`'))
    ) {
      fence = { char: open[0] ?? '`', length: open.length }
      out.push({ text: line, code: false })
      continue
    }
    if (THEMATIC_OR_SETEXT.test(line)) {
      out.push({ text: line.replace(/^( *)/u, '$1\\'), code: false })
      continue
    }
    const demoted = line.replace(
      ATX_HEADING,
      (_m, indent: string, hashes: string) =>
        `${indent}${'#'.repeat(Math.min(6, hashes.length + 3))}`,
    )
    out.push({ text: escapeBlockIdsOutsideCode(escapeHtmlOutsideCode(demoted)), code: false })
  }
  if (fence !== null) out.push({ text: fence.char.repeat(fence.length), code: false })

  for (const delimiter of ['%%', '$$']) {
    const count = out
      .filter((l) => !l.code)
      .reduce((n, l) => n + l.text.split(delimiter).length - 1, 0)
    if (count % 2 === 1) {
      const escaped = delimiter.replace(/./gu, (ch) => `\\${ch}`)
      for (const l of out) if (!l.code) l.text = l.text.split(delimiter).join(escaped)
    }
  }
  return out.map((l) => l.text).join('\n')
}
