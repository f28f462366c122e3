/**
 * Turn an HTML element tree into article blocks.
 *
 * Why: the reader shows text blocks, never HTML, so a saved page has to be
 * reduced to headings, paragraphs, quotes, list items and captions. Only text nodes
 * are ever read; attributes (event handlers, `javascript:` links, styles)
 * are ignored, so nothing from a hostile page reaches the reader as markup.
 */
import type { BlockType } from '../../shared/domain/article'
import type { DraftBlock } from './article-draft'
import { clutterRuleFor } from './clutter-rules'
import { linkWordsIn, nameWords, wordsIn } from './marked-clutter'
import { DROPPED_ELEMENTS } from './markup-strip'

/** Elements skipped with all their content. */
const SKIPPED = new Set<string>([
  ...DROPPED_ELEMENTS,
  'head',
  'title',
  'meta',
  'link',
  'base',
  'nav',
  'img',
  'picture',
  'video',
  'audio',
  'source',
  'track',
  'map',
  'input',
  'option',
  'datalist',
  'dialog',
])

const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'])

/** Elements that start a new block; anything else is inline text. */
const BLOCK_ELEMENTS = new Set([
  ...HEADINGS,
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'caption',
  'center',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'header',
  'hgroup',
  'hr',
  'html',
  'legend',
  'li',
  'main',
  'menu',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
])

/** Blocks of text-like content that become one paragraph each. */
const PARAGRAPH_ELEMENTS = new Set(['p', 'pre', 'caption', 'figcaption', 'dt', 'dd', 'summary'])

/** Node types, as numbers so this module needs no DOM globals. */
const ELEMENT_NODE = 1
const TEXT_NODE = 3
const CDATA_SECTION_NODE = 4

/**
 * Extract blocks from an element and its descendants.
 *
 * `captions` are the page's captions set aside by `takeCaptions`: each of
 * their placeholders becomes a caption block where it stands, the first
 * time its text comes up (a caption repeated under every photo is kept once).
 */
export function htmlToBlocks(root: Element, captions: PageCaptions = new Map()): DraftBlock[] {
  const blocks: DraftBlock[] = []
  walkContainer(root, blocks)
  return placeCaptions(blocks, captions)
}

function tagOf(element: Element): string {
  return element.localName.toLowerCase()
}

/**
 * Hidden content is skipped: pages hide tracking text, SEO keyword lists
 * and sometimes instructions aimed at machine readers, none of it part of
 * what a person reading the page saw.
 */
function isSkipped(element: Element): boolean {
  if (SKIPPED.has(tagOf(element))) return true
  if (element.hasAttribute('hidden')) return true
  if (element.getAttribute('aria-hidden') === 'true') return true
  const style = element.getAttribute('style') ?? ''
  return /display\s*:\s*none|visibility\s*:\s*hidden/i.test(style)
}

/**
 * Stands for a `<br>` in gathered text until the text is collapsed: the
 * page's own newlines are only spacing, a `<br>` is a line break the reader
 * saw (an address, a poem, a list of names in one paragraph).
 */
const LINE_BREAK = '\uE000'

/** HTML whitespace collapsed (a no-break space is meant to stay); `<br>`s kept as newlines. */
function collapse(text: string): string {
  return text
    .replace(/[ \t\n\r\f]+/g, ' ')
    .replace(/ ?\uE000 ?/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .replace(/^\n+|\n+$/g, '')
    .trim()
}

/** Collapsed to one line: for table cells and list numbers. */
function collapseLine(text: string): string {
  return collapse(text).replace(/\n/g, ' ')
}

function push(blocks: DraftBlock[], type: BlockType, text: string): void {
  const collapsed = collapse(text)
  if (collapsed !== '') blocks.push({ type, text: collapsed })
}

/** The visible text of an element, with block boundaries read as spaces and `<br>` as a line break. */
function textOf(element: Element, exclude: ReadonlySet<string> = new Set()): string {
  let text = ''
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
      text += textValue(child)
    } else if (child.nodeType === ELEMENT_NODE) {
      const el = child as Element
      const tag = tagOf(el)
      if (isSkipped(el) || exclude.has(tag)) continue
      if (tag === 'br') text += LINE_BREAK
      else if (BLOCK_ELEMENTS.has(tag)) text += ` ${textOf(el, exclude)} `
      else text += textOf(el, exclude)
    }
  }
  return text
}

/** A text node's text; a stray LINE_BREAK character in the page is only a space. */
function textValue(node: Node): string {
  return (node.nodeValue ?? '').replace(/\uE000/g, ' ')
}

function containsBlock(element: Element): boolean {
  return Array.from(element.children).some(
    (child) => BLOCK_ELEMENTS.has(tagOf(child)) || containsBlock(child),
  )
}

/**
 * Walk a container, gathering loose inline text into paragraphs.
 *
 * Pages (and Readability's output for some of them) put text straight
 * into `<div>`s separated by `<br><br>` instead of paragraphs; two breaks
 * in a row end a paragraph, one is a line break within it.
 */
function walkContainer(container: Element, blocks: DraftBlock[]): void {
  let inline = ''
  let breaks = 0
  const flush = (): void => {
    push(blocks, 'paragraph', inline)
    inline = ''
    breaks = 0
  }

  for (const child of Array.from(container.childNodes)) {
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
      const value = textValue(child)
      if (value.trim() !== '') breaks = 0
      inline += value
      continue
    }
    if (child.nodeType !== ELEMENT_NODE) continue
    const el = child as Element
    if (isSkipped(el)) continue
    const tag = tagOf(el)

    if (tag === 'br') {
      breaks++
      if (breaks >= 2) flush()
      else inline += LINE_BREAK
      continue
    }
    if (!BLOCK_ELEMENTS.has(tag) && !containsBlock(el)) {
      inline += textOf(el)
      breaks = 0
      continue
    }

    flush()
    walkBlock(el, tag, blocks)
  }
  flush()
}

function walkBlock(el: Element, tag: string, blocks: DraftBlock[]): void {
  if (HEADINGS.has(tag)) {
    push(blocks, 'heading', textOf(el))
  } else if (PARAGRAPH_ELEMENTS.has(tag)) {
    push(blocks, 'paragraph', textOf(el))
  } else if (tag === 'blockquote') {
    const inner: DraftBlock[] = []
    walkContainer(el, inner)
    for (const block of inner) blocks.push({ type: 'quote', text: block.text })
  } else if (tag === 'ul' || tag === 'ol' || tag === 'menu') {
    walkList(el, blocks)
  } else if (tag === 'li') {
    walkListItem(el, null, blocks)
  } else if (tag === 'tr') {
    const cells = Array.from(el.children)
      .filter((cell) => !isSkipped(cell))
      .map((cell) => collapseLine(textOf(cell)))
      .filter((cell) => cell !== '')
    push(blocks, 'paragraph', cells.join(' | '))
  } else if (tag === 'hr') {
    return
  } else {
    walkContainer(el, blocks)
  }
}

const LISTS: ReadonlySet<string> = new Set(['ul', 'ol', 'menu'])

/**
 * One list item per `<li>`, nested lists after their parent item.
 *
 * Ordered items keep their number ("2. …") because statements are cited by
 * point number and the block type alone does not record it.
 */
function walkList(list: Element, blocks: DraftBlock[]): void {
  const ordered = tagOf(list) === 'ol'
  let number = Number.parseInt(list.getAttribute('start') ?? '1', 10)
  if (!Number.isFinite(number)) number = 1
  for (const child of Array.from(list.children)) {
    if (isSkipped(child)) continue
    if (tagOf(child) !== 'li') {
      walkContainer(child, blocks)
      continue
    }
    const value = Number.parseInt(child.getAttribute('value') ?? '', 10)
    if (Number.isFinite(value)) number = value
    walkListItem(child, ordered ? number : null, blocks)
    number++
  }
}

/**
 * One `<li>`: one list item, its nested lists after it. An item holding
 * headings or paragraphs of its own ("<li><h3>Point</h3><p>…</p></li>")
 * keeps them apart: its headings stay headings and each paragraph becomes
 * a list item, instead of all of it glued into one line.
 */
function walkListItem(item: Element, number: number | null, blocks: DraftBlock[]): void {
  const numbered = (text: string): string => (number === null ? text : `${number}. ${text}`)
  if (!hasOwnBlocks(item)) {
    const text = collapse(textOf(item, LISTS))
    if (text !== '') push(blocks, 'list-item', numbered(text))
    for (const nested of nestedLists(item)) walkList(nested, blocks)
    return
  }
  const inner: DraftBlock[] = []
  walkContainer(item, inner)
  inner.forEach((block, i) => {
    const type = block.type === 'paragraph' ? 'list-item' : block.type
    // The number goes on the item's first block, heading or not.
    blocks.push({ type, text: i === 0 ? numbered(block.text) : block.text })
  })
}

/** Whether a list item holds headings, paragraphs or other blocks besides nested lists. */
function hasOwnBlocks(item: Element): boolean {
  return Array.from(item.children).some((child) => {
    const tag = tagOf(child)
    if (isSkipped(child) || LISTS.has(tag)) return false
    return BLOCK_ELEMENTS.has(tag) || (containsBlock(child) && nestedLists(child).length === 0)
  })
}

/** Lists inside an element, not counting lists inside those lists. */
function nestedLists(element: Element, found: Element[] = []): Element[] {
  for (const child of Array.from(element.children)) {
    if (isSkipped(child)) continue
    if (LISTS.has(tagOf(child))) found.push(child)
    else nestedLists(child, found)
  }
  return found
}

/**
 * A class or id naming a caption or photo credit: "caption", "wp-caption-text",
 * "media-caption", "image-credit", "photo-credit", "credit".
 */
const CAPTION_NAME =
  /^(?:[a-z0-9]+[-_])*(?:caption|credits?)(?:[-_](?:text|txt|wrap|wrapper|container|inner|body))?$/i

/** Longest caption or credit element removed, in characters: a long one may hold the story. */
const MAX_CAPTION_CHARS = 600

/** Content that makes a `<figure>` part of the story rather than a picture. */
const FIGURE_CONTENT = 'blockquote, table, pre, code, ol, ul'

function namesOf(element: Element): string[] {
  const names = (element.getAttribute('class') ?? '').split(/\s+/)
  names.push(element.getAttribute('id') ?? '')
  return names.filter((name) => name !== '')
}

/** Never removed by a name rule, whatever the class says. */
const STRUCTURAL = new Set(['html', 'body', 'main', 'article'])

/** A class or id naming a caption, not only a credit: "wp-caption-text", "media-caption". */
const CAPTION_ONLY_NAME =
  /^(?:[a-z0-9]+[-_])*caption(?:[-_](?:text|txt|wrap|wrapper|container|inner|body))?$/i

/** Words of a class or id naming a credit inside a caption ("image-credit", "photoCredit"). */
const CREDIT_WORDS: ReadonlySet<string> = new Set(['credit', 'credits', 'copyright'])

/** Page captions set aside before extraction, by the number their placeholder carries. */
export type PageCaptions = ReadonlyMap<number, string>

/*
 * A placeholder carries its caption's number as text in private-use
 * characters: text, unlike an attribute, survives both extractors (defuddle
 * keeps only a few attributes), and these characters count as no word and
 * only a few letters, so they cannot change how either scores the page.
 */
const MARK_OPEN = '\uE001'
const MARK_CLOSE = '\uE002'
const DIGIT_ZERO = 0xe010
const MARKER = /\uE001([\uE010-\uE019]+)\uE002\.?/g
/** A marker character left over (a page's own icon glyph in that range, a cut marker). */
const MARKER_CHARS = /[\uE001\uE002\uE010-\uE019]/g

const PLACEHOLDER_TAG = 'figcaption'

function markerFor(n: number): string {
  const digits = Array.from(String(n), (d) => String.fromCharCode(DIGIT_ZERO + Number(d)))
  return `${MARK_OPEN}${digits.join('')}${MARK_CLOSE}.`
}

function markerNumber(digits: string): number {
  return Number(Array.from(digits, (c) => c.charCodeAt(0) - DIGIT_ZERO).join(''))
}

/*
 * A credit at the end of a caption: "… (AP Photo/Evan Vucci)", "… Photo:
 * Jane Doe/Reuters", "… Photograph by Jane Doe", "…. Joe Raedle/Getty
 * Images". A name or label is only taken for a credit after a sentence's
 * end or a separator, or when it is capitalised as a label, so "a satellite
 * image: the terminal" and "protesters in Lagos" keep their words.
 */
const AGENCIES = String.raw`(?:Getty Images|Getty|Shutterstock|Reuters|REUTERS|AFP|AP|AP Photo|EPA|EPA-EFE|Bloomberg|Alamy|dpa|DPA|Anadolu|TASS|ТАСС|RIA Novosti|Xinhua|SIPA|Sipa|IMAGO|imago|picture alliance|picture-alliance)`
/** Where a credit may start: after a sentence's end, or at a separator (a dash only between spaces). */
const AFTER_BREAK = String.raw`(?:(?<=[.!?)”"])\s*|\s*[|/]\s*|\s+[–—-]\s*)`
const TRAILING_CREDITS: readonly RegExp[] = [
  /\s*[([](?:[^()[\]]*\b(?:photo|photograph|image|credit|foto|bild|bildquelle|quelle|source|getty|reuters|afp|ap|epa|shutterstock|courtesy)\b[^()[\]]*)[)\]]\.?$/iu,
  // "© Name / Agency" at the end, often glued to the caption's last word.
  /\s*[–—-]?\s*©[^©]{0,80}$/u,
  /\s*Credits?\s*(?:\.{3}|…)\s*[^.]{1,80}$/u,
  /\s+(?:Submitted|File|Staff|Contributed|Courtesy|Handout|Supplied) (?:photo|image|picture)$/iu,
  new RegExp(
    String.raw`${AFTER_BREAK}(?:photos?|photographs?|photographer|images?|pictures?|fotos?|imagem|bild|bildquelle|credits?|photo credits?|crédito|quelle|source|фото)\s*:\s*.{1,160}$`,
    'iu',
  ),
  /\s+(?:Photos?|Photographs?|Photographer|Images?|Pictures?|Fotos?|Credits?|Photo credits?|PHOTO|CREDIT|Фото)\s*:\s*[^:]{1,80}$/u,
  /\s+(?:Photo|Photograph|Picture|Foto)s? (?:by|von|de|por)\s+[^.!?:]{1,60}$/u,
  new RegExp(
    String.raw`(?:${AFTER_BREAK}|\s+(?=\p{Lu}[\p{L}'’.-]*\s*/))(?:\p{Lu}[\p{L}'’.-]*\s+){0,3}\p{Lu}[\p{L}'’.-]*\s*/\s*${AGENCIES}(?:\s*/\s*[^.!?]{1,40})?(?:\s+(?:file|File|FILE))?$`,
    'u',
  ),
  new RegExp(String.raw`${AFTER_BREAK}${AGENCIES}\s*/\s*(?:\p{Lu}[\p{L}'’.-]*\s*){1,4}$`, 'u'),
  new RegExp(
    String.raw`${AFTER_BREAK}${AGENCIES}$|\s+(?:Getty Images|Shutterstock|AP Photo)$`,
    'u',
  ),
]

/** A label some sites put before a caption for screen readers ("Image caption", "Media caption"). */
const CAPTION_LABEL = /^(?:image|media|video|photo)\s*caption\s*/iu

/**
 * A credit alone, in forms the furniture rules do not know ("Credit...Jane
 * Doe", "Image source: …", "Quelle: Wikipedia"), or an advertisement label.
 */
const CREDIT_ONLY =
  /^(?:(?:credits?|photos?|photographer|images?|fotos?|bild)(?:\s+source)?|bildquelle|quelle|source|fuente|fonte)\s*(?:\.{3}|…|:)\s*\S.{0,80}$|^\((?:credits?|photos?|fotos?|bild|images?|quelle|source)\s*:[^()]{1,80}\)$|^(?:reklama|werbung|anzeige|advertisement|publicidad|photos?|fotos?|bilder|images)$/iu

/** A promotion in a caption's place ("Need more space? Subscribe to our sister title …"). */
const PROMOTION = /\b(?:subscribe|subscription|newsletter)\b/iu

/** A caption's text without the credit at its end, or null when nothing but a credit or counter is left. */
function captionText(text: string): string | null {
  let caption = text
    .replace(MARKER_CHARS, '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(CAPTION_LABEL, '')
    // A credit before the caption ("© Getty Images MANCHESTER, ENGLAND - …").
    .replace(new RegExp(String.raw`^©\s*${AGENCIES}\s+`, 'u'), '')
    // A slideshow's counter run into the caption ("1of4Shoppers at …", "Image 2 of 9 …").
    .replace(/^(?:(?:image|photo|slide) \d{1,3} of \d{1,3}|\d{1,3}of\d{1,3})\s*/iu, '')
    // Forbes cuts a long caption with "... [+]", a button that shows the rest.
    .replace(/\s*(?:\.{3}|…)\s*\[\+\]\s*/gu, ' ')
  for (let stripped = true; stripped;) {
    stripped = false
    for (const credit of TRAILING_CREDITS) {
      const rest = caption.replace(credit, '').replace(/[\s|/–—-]+$/u, '')
      if (rest !== caption && isCaption(rest)) {
        caption = rest
        stripped = true
      }
    }
  }
  return isCaption(caption) ? caption : null
}

/**
 * Whether a text can stand as a caption: it has a word, is not a label cut
 * from its value ("Credit:"), and is not a credit alone ("Foto: Getty"), a
 * promotion, a slide counter or another furniture line.
 */
function isCaption(text: string): boolean {
  return (
    /[\p{L}\p{N}]/u.test(text) &&
    !text.endsWith(':') &&
    !CREDIT_ONLY.test(text) &&
    !PROMOTION.test(text) &&
    clutterRuleFor(text) === null
  )
}

/**
 * Set a page's figure captions aside, and remove its photo credits, before extraction.
 *
 * Why: captions and credits came in as body paragraphs ("…Credit: Getty",
 * the same caption under every photo), the largest kind of clutter on the
 * extraction benchmark, yet a caption says who or what a picture shows,
 * which an analyst may want to read and cite. So a caption is kept as a
 * caption block, not a paragraph: `<figcaption>`, a `<figure>` that holds
 * only a picture and its caption, and short elements whose class or id says
 * caption are each replaced by an empty-looking placeholder whose text is
 * kept here, so neither extractor scores caption text as story and
 * `htmlToBlocks` puts the caption back where the placeholder stands. A
 * credit in a caption is cut from it; a short element whose name says credit
 * goes, as does a caption that is only a credit or a slide counter. A
 * `<figure>` holding a quotation, table, code or list (embedded posts, data
 * tables) stays, its `<figcaption>` set aside the same way.
 */
export function takeCaptions(root: Element): PageCaptions {
  const captions = new Map<number, string>()
  const placeholders = new Set<Node>()
  const placeholder = (source: Element, parent: Element | null): Node | null => {
    // A box of links in a caption's place ("More on: …"), or a caption that
    // is a link (another story's teaser picture and title), is not a caption.
    const words = wordsIn(source)
    if (words > 0 && linkWordsIn(source) / words >= CAPTION_MAX_LINK_SHARE) return null
    if (source.closest('a') !== null) return null
    const caption = captionText(readCaption(source, placeholders))
    if (caption === null) return null
    const node = placeholderNode(root.ownerDocument, parent, markerFor(captions.size))
    captions.set(captions.size, caption)
    placeholders.add(node)
    return node
  }
  const setAside = (element: Element, source: Element = element): void => {
    const found = placeholder(source, element.parentElement)
    if (found) element.replaceWith(found)
    else element.remove()
  }

  for (const figure of Array.from(root.querySelectorAll('figure'))) {
    if (!figure.isConnected) continue
    if (figure.querySelector(FIGURE_CONTENT) !== null) continue
    if ((figure.textContent ?? '').length > MAX_CAPTION_CHARS) continue
    // Its caption's text is the figcaption's; without one, all the figure holds.
    setAside(figure, figure.querySelector('figcaption') ?? figure)
  }
  for (const caption of Array.from(root.querySelectorAll('figcaption'))) {
    if (!caption.isConnected || placeholders.has(caption)) continue
    setAside(caption)
  }
  // Innermost first, so a wrapper named "caption" around a caption already
  // set aside is seen holding only its placeholder.
  for (const element of Array.from(root.querySelectorAll('[class], [id]')).reverse()) {
    if (STRUCTURAL.has(tagOf(element)) || !element.isConnected) continue
    const names = namesOf(element)
    if (!names.some((name) => CAPTION_NAME.test(name))) continue
    if ((element.textContent ?? '').length > MAX_CAPTION_CHARS) continue
    if (element.querySelector(FIGURE_CONTENT) !== null) continue
    const inner = placeholderNodesIn(element).filter((node) => placeholders.has(node))
    const own = names.some((name) => CAPTION_ONLY_NAME.test(name))
      ? placeholder(element, element.parentElement)
      : null
    element.replaceWith(...inner, ...(own ? [own] : []))
  }
  return captions
}

/** A caption element with at least this share of its words in links is a link box, not a caption. */
const CAPTION_MAX_LINK_SHARE = 0.5

/** Elements of a caption that are controls, not its text. */
const CAPTION_CONTROLS = new Set(['button', 'select', 'input', 'label'])

/** The text of a caption element, without its credits, controls and any placeholder inside it. */
function readCaption(element: Element, placeholders: ReadonlySet<Node>): string {
  let text = ''
  for (const child of Array.from(element.childNodes)) {
    if (placeholders.has(child)) continue
    if (child.nodeType === TEXT_NODE || child.nodeType === CDATA_SECTION_NODE) {
      text += textValue(child)
    } else if (child.nodeType === ELEMENT_NODE) {
      const el = child as Element
      const tag = tagOf(el)
      if (isSkipped(el) || CAPTION_CONTROLS.has(tag)) continue
      if (namesOf(el).some((name) => nameWords(name).some((word) => CREDIT_WORDS.has(word)))) {
        continue
      }
      if (tag === 'br' || BLOCK_ELEMENTS.has(tag)) text += ` ${readCaption(el, placeholders)} `
      else text += readCaption(el, placeholders)
    }
  }
  return text
}

/** A placeholder's whole text. */
const PLACEHOLDER_TEXT = /^\uE001[\uE010-\uE019]+\uE002\.$/

/**
 * A placeholder for a caption: a bare text node, which adds no element to
 * the tree, so Readability's structural rules (a top candidate that is its
 * parent's only child stands for the parent) see the page as without the
 * caption; in a `<div>`, where Readability would wrap loose text in a new
 * paragraph (and count it as one), an empty-looking `<figcaption>`, which
 * it neither scores nor counts. The trailing full stop lets Readability
 * keep a short paragraph holding only a placeholder beside the story, as it
 * keeps a short sentence.
 */
function placeholderNode(document: Document, parent: Element | null, marker: string): Node {
  if (parent === null || tagOf(parent) !== 'div') return document.createTextNode(marker)
  const element = document.createElement(PLACEHOLDER_TAG)
  element.textContent = marker
  return element
}

/** Placeholder nodes (text or element) inside an element, in document order. */
function placeholderNodesIn(element: Element, found: Node[] = []): Node[] {
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === TEXT_NODE) {
      if (PLACEHOLDER_TEXT.test(child.nodeValue ?? '')) found.push(child)
    } else if (child.nodeType === ELEMENT_NODE) {
      const el = child as Element
      if (tagOf(el) === PLACEHOLDER_TAG && PLACEHOLDER_TEXT.test(el.textContent ?? '')) {
        found.push(el)
      } else {
        placeholderNodesIn(el, found)
      }
    }
  }
  return found
}

/**
 * The caption placeholders inside an element, for a caller removing the
 * element that wants its captions kept (see `pruneMarkedFurniture`).
 */
export function captionPlaceholdersIn(element: Element): Node[] {
  return placeholderNodesIn(element)
}

/**
 * The blocks with each caption placeholder made a caption block where it
 * stands, splitting the block it was read into; a caption's second and
 * later copies, and placeholders of no known caption, leave nothing.
 */
function placeCaptions(blocks: readonly DraftBlock[], captions: PageCaptions): DraftBlock[] {
  const placed: DraftBlock[] = []
  const seen = new Set<string>()
  const piece = (type: BlockType, text: string): void => {
    const rest = text.replace(MARKER_CHARS, '').trim()
    if (/[\p{L}\p{N}]/u.test(rest)) placed.push({ type, text: rest })
  }
  for (const block of blocks) {
    if (!/[\uE001\uE002\uE010-\uE019]/.test(block.text)) {
      placed.push(block)
      continue
    }
    let from = 0
    for (const match of block.text.matchAll(MARKER)) {
      piece(block.type, block.text.slice(from, match.index))
      from = match.index + match[0].length
      const caption = captions.get(markerNumber(match[1] ?? ''))
      const key = caption?.toLowerCase()
      if (caption === undefined || key === undefined || seen.has(key)) continue
      seen.add(key)
      placed.push({ type: 'caption', text: caption })
    }
    piece(block.type, block.text.slice(from))
  }
  return placed
}

/**
 * A class or id naming a comment section: "comments", "comment-list",
 * "commentlist", "comments-area", "disqus_thread", "respond", "fb-comments".
 */
const COMMENTS_NAME =
  /^(?:[a-z0-9]+[-_])*(?:comments(?:[-_](?:list|section|area|wrapper|container|block|thread|widget|box|module|form|holder|content))?|comment[-_](?:list|section|area|thread|respond|form|widget)|commentlist|disqus(?:[-_]\w+)?|dsq[-_]\w+|respond|reader[-_]comments)$/i

/**
 * Remove reader comment sections from a page before extraction.
 *
 * Why: readers' comments came in as numbered body items. An element whose
 * class or id names a comment section goes with everything in it, unless it
 * is the page's body, main or article element (some sites name the story's
 * wrapper after the comment count it shows).
 */
export function dropCommentSections(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('[class], [id]'))) {
    if (STRUCTURAL.has(tagOf(element)) || !element.isConnected) continue
    if (namesOf(element).some((name) => COMMENTS_NAME.test(name))) element.remove()
  }
}
