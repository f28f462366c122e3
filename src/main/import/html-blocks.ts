/**
 * Turn an HTML element tree into article blocks.
 *
 * Why: the reader shows text blocks, never HTML, so a saved page has to be
 * reduced to headings, paragraphs, quotes and list items. Only text nodes
 * are ever read; attributes (event handlers, `javascript:` links, styles)
 * are ignored, so nothing from a hostile page reaches the reader as markup.
 */
import type { BlockType } from '../../shared/domain/article'
import type { DraftBlock } from './article-draft'
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

/** Extract blocks from an element and its descendants. */
export function htmlToBlocks(root: Element): DraftBlock[] {
  const blocks: DraftBlock[] = []
  walkContainer(root, blocks)
  return blocks
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

/**
 * A class or id naming a comment section: "comments", "comment-list",
 * "commentlist", "comments-area", "disqus_thread", "respond", "fb-comments".
 */
const COMMENTS_NAME =
  /^(?:[a-z0-9]+[-_])*(?:comments(?:[-_](?:list|section|area|wrapper|container|block|thread|widget|box|module|form|holder|content))?|comment[-_](?:list|section|area|thread|respond|form|widget)|commentlist|disqus(?:[-_]\w+)?|dsq[-_]\w+|respond|reader[-_]comments)$/i

/**
 * Remove figure captions, photo credits and reader comment sections from a
 * page before extraction.
 *
 * Why: captions and credits came in as body paragraphs ("…Credit: Getty",
 * the same caption under every photo), the largest kind of clutter on the
 * extraction benchmark; readers' comments came in as numbered body items.
 *
 * Captions: `<figcaption>`, a `<figure>` that holds only a picture and its
 * caption, and short elements whose class or id says caption or credit go.
 * A `<figure>` holding a quotation, table, code or list (embedded posts,
 * data tables) stays.
 *
 * Comments: an element whose class or id names a comment section goes with
 * everything in it, unless it is the page's body, main or article element
 * (some sites name the story's wrapper after the comment count it shows).
 *
 * One walk of the page finds every element either rule looks at; the rules
 * then run in turn over what it found, in the order they always have
 * (figcaptions, figures, caption names, comment names), skipping what an
 * earlier rule already took out. Four walks, one per rule, with every class
 * and id split twice, took 3.6 % of the CPU of an HTML import in a profile
 * over the benchmark's pages; the one walk takes 2.9 % of a smaller total.
 */
export function dropCaptionsAndComments(root: Element): void {
  const figcaptions: Element[] = []
  const figures: Element[] = []
  const named: { readonly element: Element; readonly names: readonly string[] }[] = []
  for (const element of Array.from(root.querySelectorAll('figcaption, figure, [class], [id]'))) {
    const tag = tagOf(element)
    if (tag === 'figcaption') figcaptions.push(element)
    else if (tag === 'figure') figures.push(element)
    if (!STRUCTURAL.has(tag) && (element.hasAttribute('class') || element.hasAttribute('id'))) {
      named.push({ element, names: namesOf(element) })
    }
  }
  for (const element of figcaptions) element.remove()
  for (const element of figures) {
    if (!element.isConnected) continue
    if (element.querySelector(FIGURE_CONTENT) !== null) continue
    if ((element.textContent ?? '').length > MAX_CAPTION_CHARS) continue
    element.remove()
  }
  for (const { element, names } of named) {
    if (!element.isConnected) continue
    if (!names.some((name) => CAPTION_NAME.test(name))) continue
    if ((element.textContent ?? '').length > MAX_CAPTION_CHARS) continue
    if (element.querySelector(FIGURE_CONTENT) !== null) continue
    element.remove()
  }
  for (const { element, names } of named) {
    if (!element.isConnected) continue
    if (names.some((name) => COMMENTS_NAME.test(name))) element.remove()
  }
}
