/**
 * Reduce inline Markdown and stray HTML to the text a reader sees.
 *
 * Why: the article text is what analysts select and quote, so it must be
 * the words on the page, not `**`, link targets or tags. Raw HTML embedded
 * in Markdown is turned into text here without ever being parsed as a
 * document: nothing in it can load or run.
 */

/** Elements whose content is never readable article text. */
export const DROPPED_ELEMENTS = [
  'script',
  'style',
  'form',
  'iframe',
  'svg',
  'noscript',
  'template',
  'object',
  'embed',
  'select',
  'textarea',
  'button',
  'canvas',
  'math',
] as const

const DROPPED_OPENING = new RegExp(
  String.raw`<(${DROPPED_ELEMENTS.join('|')})\b(?:[^<>"']|"[^"]*"|'[^']*')*>`,
  'gi',
)

/** Elements whose unclosed opening tag swallows the rest of the document, as in browsers. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'textarea', 'template'])

const TAG = /<\/?([a-z][a-z0-9-]*)\b(?:[^<>"']|"[^"]*"|'[^']*')*>/gi
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g
const DECLARATION = /<![a-z][^>]*>|<\?[\s\S]*?\?>|<!\[CDATA\[[\s\S]*?\]\]>/gi

/** Tags whose boundary separates words, so removing them must leave a space. */
const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'br',
  'dd',
  'div',
  'dl',
  'dt',
  'figcaption',
  'figure',
  'footer',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'table',
  'td',
  'th',
  'tr',
  'ul',
])

/** Remove raw HTML from text: dropped elements with their content, other tags leaving their text. */
export function stripHtml(text: string): string {
  return removeDroppedElements(text.replace(COMMENT, ''))
    .replace(DECLARATION, '')
    .replace(TAG, (_tag, name: string) => (BLOCK_TAGS.has(name.toLowerCase()) ? ' ' : ''))
}

/**
 * Remove comments and dropped elements (scripts, styles, forms…) from a
 * whole document, before it is split into lines: their content may contain
 * blank lines and would otherwise become paragraphs of script text.
 */
export function stripDroppedHtml(text: string): string {
  return removeDroppedElements(text.replace(COMMENT, ' '))
}

/**
 * Cut out `<script>…</script>` and the like, content included.
 *
 * A loop with `indexOf` rather than one regex: a lazy regex looking for each
 * closing tag rescans the rest of the text for every unclosed opening tag,
 * which hostile input can make take minutes.
 */
function removeDroppedElements(text: string): string {
  // ASCII-only lowering keeps every index in step with `text`.
  const lower = text.replace(/[A-Z]/g, (c) => c.toLowerCase())
  let result = ''
  let last = 0
  DROPPED_OPENING.lastIndex = 0
  for (let match = DROPPED_OPENING.exec(text); match; match = DROPPED_OPENING.exec(text)) {
    const name = (match[1] ?? '').toLowerCase()
    const contentStart = match.index + match[0].length
    const closing = lower.indexOf(`</${name}`, contentStart)
    result += `${text.slice(last, match.index)} `
    if (closing >= 0) {
      const closeEnd = lower.indexOf('>', closing)
      last = closeEnd >= 0 ? closeEnd + 1 : text.length
    } else {
      last = RAW_TEXT_ELEMENTS.has(name) ? text.length : contentStart
    }
    if (last >= text.length) break
    DROPPED_OPENING.lastIndex = last
  }
  return result + text.slice(last)
}

/** By name: a `Map`, since the name comes from the article's text (`&constructor;`). */
const NAMED_ENTITIES: ReadonlyMap<string, string> = new Map([
  ['amp', '&'],
  ['lt', '<'],
  ['gt', '>'],
  ['quot', '"'],
  ['apos', "'"],
  ['nbsp', '\u00a0'],
  ['mdash', '—'],
  ['ndash', '–'],
  ['hellip', '…'],
  ['laquo', '«'],
  ['raquo', '»'],
  ['ldquo', '“'],
  ['rdquo', '”'],
  ['lsquo', '‘'],
  ['rsquo', '’'],
  ['bdquo', '„'],
  ['copy', '©'],
  ['reg', '®'],
  ['trade', '™'],
  ['euro', '€'],
  ['deg', '°'],
  ['shy', ''],
])

/** Decode the HTML character references that turn up in Markdown. */
function decodeEntities(text: string): string {
  return text.replace(/&(?:#(\d{1,7})|#x([0-9a-f]{1,6})|([a-z]+));/gi, (whole, dec, hex, name) => {
    if (name !== undefined) return NAMED_ENTITIES.get(String(name).toLowerCase()) ?? whole
    const code = dec !== undefined ? Number.parseInt(dec, 10) : Number.parseInt(hex, 16)
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)
    return valid ? String.fromCodePoint(code) : '\uFFFD'
  })
}

/** A link destination, allowing one level of parentheses as in Wikipedia URLs. */
const DESTINATION = String.raw`\(\s*(?:<[^>\n]*>|(?:[^()\s]|\([^()\s]*\))*)(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?\s*\)`
const LINK_TEXT = String.raw`\[((?:[^\[\]\\]|\\.|\[[^\[\]]*\])*)\]`
const IMAGE = new RegExp(String.raw`!${LINK_TEXT}(?:${DESTINATION}|\[[^\]]*\])`, 'g')
const LINK = new RegExp(String.raw`${LINK_TEXT}(?:${DESTINATION}|\[[^\]]*\])`, 'g')
const AUTOLINK = /<((?:https?|ftp|mailto):[^\s<>]*|[^\s<>@]+@[^\s<>@]+\.[a-z]{2,})>/gi
const CODE_SPAN = /(`+)([\s\S]*?[^`])\1(?!`)/g

/**
 * Strip inline Markdown from one block's text.
 *
 * Links become their text (the target is not part of what was said);
 * `[citation: …]` markers are not links and stay as written.
 */
export function stripInlineMarkdown(text: string): string {
  // Images go with their alt text, as in the HTML reader: a reader sees a
  // picture there, not words of the article.
  const linked = text
    .replace(IMAGE, '')
    .replace(LINK, (_match, label: string) => label)
    .replace(AUTOLINK, (_match, target: string) => target)

  // Code spans are literal: no emphasis, escapes or tags inside them.
  let result = ''
  let last = 0
  for (const match of linked.matchAll(CODE_SPAN)) {
    result += stripProse(linked.slice(last, match.index))
    result += (match[2] ?? '').replace(/^ (.*[^ ].*) $/s, '$1')
    last = match.index + match[0].length
  }
  return result + stripProse(linked.slice(last))
}

function stripProse(text: string): string {
  return decodeEntities(
    stripHtml(text)
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
      .replace(/(^|[^*\\])\*(?=[^\s*])([^*]*?[^\s*\\])\*(?!\*)/g, '$1$2')
      .replace(/(^|[^\p{L}\p{N}_\\])_(?=[^\s_])([^_]*?[^\s_\\])_(?![\p{L}\p{N}_])/gu, '$1$2')
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
      .replace(/\\([!-/:-@[-`{-~])/g, '$1'),
  )
}
