// The parsed page is typed with the standard DOM interfaces that linkedom
// implements (as jsdom's types once brought them in).
/// <reference lib="dom" />
/**
 * Read a saved web page.
 *
 * Why: a saved news page is mostly not the article (menus, adverts,
 * comments, related stories). Mozilla Readability, the engine of Firefox's
 * Reader View, finds the article and its metadata; the page's own `<meta>`
 * tags fill in what it misses. The page is parsed without scripts or
 * resource loading: nothing in it runs and nothing is fetched.
 */
import { Readability } from '@mozilla/readability'
import { createRequire } from 'node:module'
import type { ExtractorName } from '../../shared/import/extractors'
import { countWords } from '../../shared/domain/article'
import type { ArticleDraft, DraftBlock, DraftRejection } from './article-draft'
import { removeClutter } from './clutter-rules'
import { repeatedRunBlocks } from './extraction-check'
import {
  captionPlaceholdersIn,
  dropCommentSections,
  htmlToBlocks,
  takeCaptions,
  type PageCaptions,
} from './html-blocks'
import { lazyNodeListeners } from './linkedom-events'
import { keepCompiledSelectors } from './linkedom-selectors'
import { pruneLinkTeasers } from './link-teasers'
import { linkWordsIn, nameWords, pruneMarkedFurniture, wordsIn } from './marked-clutter'
import { chooseMetadata, chooseUrl, isBylineLine, readPageMeta } from './page-meta'
import { REASONS } from './rejections'

/**
 * A page parsed into its own document, and the way to let it go.
 *
 * linkedom, a light DOM with the API Readability needs, reads the page.
 * Its parser (htmlparser2) does not build the tree the way the HTML
 * standard says when a page leaves out `<html>`, `<head>` or `<body>` (a
 * pasted fragment, a page saved as only its article): the text would land
 * outside `document.body`. Such a page is first put through parse5 (the
 * standard's tree construction, as browsers do it) and its serialisation
 * read. Measured on the 181 benchmark pages, which all have a `<body>`:
 * linkedom alone gives the same text as through parse5 on 180 (the other
 * differs in one paragraph's spacing) for 29 % less CPU (46 instead of
 * 66 ms a page), and the same text as jsdom did, at 3x its speed and half
 * its peak memory. Nothing in the page runs and nothing is fetched: neither
 * library runs scripts or loads resources. One document per page, dropped
 * as soon as the blocks are read: nothing keeps a reference to it (a reused
 * jsdom window once kept every document it parsed, 1.2 GB for 40 parses).
 */
interface ParsedPage {
  readonly document: Document
  readonly close: () => void
}

/** Documents handed out by parseDocument and not yet closed; stays 0 between imports. */
let openPages = 0

/** How many parsed pages are still held open (for tests: 0 after every import). */
export function openPageCount(): number {
  return openPages
}

interface DomLibraries {
  readonly parse5: typeof import('parse5')
  readonly linkedom: typeof import('linkedom')
  readonly Defuddle: typeof import('defuddle').default
}

let libraries: DomLibraries | null = null

/** Load the parsers on first use: text and Markdown imports never need them. */
function domLibraries(): DomLibraries {
  if (libraries) return libraries
  const load = createRequire(import.meta.url)
  keepCompiledSelectors(load)
  const linkedom = load('linkedom') as typeof import('linkedom')
  lazyNodeListeners(linkedom)
  libraries = {
    parse5: load('parse5') as typeof import('parse5'),
    linkedom,
    // Its CommonJS entry exports the class itself (its `./node` entry is
    // ESM-only and adds only Markdown output, which is not needed here).
    Defuddle: load('defuddle') as typeof import('defuddle').default,
  }
  return libraries
}

/** A `<body>` start tag: the page spells out its structure. */
const HAS_BODY = /<body[\s>/]/i

/** Parse a page into a light DOM, with a browser's tree for pages that leave out their structure. */
export function parseDocument(html: string): ParsedPage {
  const { parse5, linkedom } = domLibraries()
  const normal = HAS_BODY.test(html) ? html : parse5.serialize(parse5.parse(html))
  const document = new linkedom.DOMParser().parseFromString(
    normal,
    'text/html',
  ) as unknown as Document
  openPages++
  let open = true
  return {
    document,
    close: () => {
      if (!open) return
      open = false
      openPages--
    },
  }
}

/**
 * Nesting beyond which the tree builders slow down badly (parse5 checks the
 * stack of open elements for every tag) and the DOM's recursive walks
 * (cloning, serialising) risk the stack. Real pages stay far below it.
 */
const MAX_TAG_NESTING = 1500

/**
 * Nesting beyond which Readability is skipped: its scoring walks ancestors
 * for every node (100 levels take 0.7 s, 400 levels 7 s). The body walk that
 * replaces it is linear.
 */
const MAX_READABILITY_DEPTH = 120

/**
 * Parse an HTML document into a draft article, or a reason it cannot be read safely.
 *
 * `extractor` forces one article finder; without it Readability reads the
 * page and defuddle is asked too when Readability's text looks wrong.
 */
export function parseHtml(html: string, extractor?: ExtractorName): ArticleDraft | DraftRejection {
  if (approximateNesting(html) > MAX_TAG_NESTING) return { rejected: REASONS.tooDeep }
  const pages: ParsedPage[] = []
  try {
    return readPage(() => {
      const page = parseDocument(html)
      pages.push(page)
      return page.document
    }, extractor)
  } finally {
    for (const page of pages) page.close()
  }
}

/** The article a finder found: its blocks, and what it read of the metadata. */
interface Found {
  readonly extractor: ExtractorName
  readonly blocks: DraftBlock[]
  readonly article: ReadableArticle | null
  /** The class or id of the part of the page the text came from, when it names something other than a story. */
  readonly notStoryName?: string | null
}

/**
 * Everything parseHtml needs from the parsed page, read before the page is closed.
 *
 * `parse` parses the page again each time it is called. The finders rewrite
 * the tree they are given, and the page as parsed is still needed when
 * Readability's text is in doubt (defuddle reads it) or empty (the body
 * walk reads it). Readability reads the parsed page itself and the page is
 * parsed a second time only then, instead of Readability reading a copy of
 * every page: copying took 5 % of the CPU of an import (a profile over the
 * 181 benchmark pages), besides collecting a second tree for every page,
 * while the doubt arises on about 1 page in 20.
 */
function readPage(parse: () => Document, extractor: ExtractorName | undefined): ArticleDraft {
  const document = parse()
  const meta = readPageMeta(document)
  // The same page parsed again sets its captions aside under the same numbers.
  const captions = preparePage(document)
  const language = document.documentElement?.getAttribute('lang') ?? null
  const shallow =
    document.documentElement !== null &&
    treeDepth(document.documentElement) <= MAX_READABILITY_DEPTH
  // The page as prepared, until a finder rewrites it.
  let unread: Document | null = document
  const take = (): Document => {
    const page = unread ?? parse()
    if (page !== unread) preparePage(page)
    unread = null
    return page
  }
  // The page's own long paragraphs, read before a finder rewrites anything:
  // what the automatic choice checks Readability's text against (a forced
  // extractor is not second-guessed, so it needs none).
  const paragraphs = extractor === undefined && shallow ? storyParagraphs(document) : null
  let found: Found
  if (extractor === 'defuddle' && shallow) {
    found = findWithDefuddle(take(), chooseUrl(meta), captions)
  } else {
    found = findWithReadability(shallow ? take() : null, captions)
    if (paragraphs !== null) {
      // Judged on the story alone: the captions were not there to judge
      // when these rules were measured, and are not the story.
      const titleWords = wordsOfTitle(chooseMetadata(meta, null).title)
      const schemaWords = meta.jsonLd?.bodyWords ?? 0
      const doubt = doubtAbout(
        { ...found, blocks: storyOf(found.blocks) },
        paragraphs,
        titleWords,
        schemaWords,
      )
      if (doubt !== null) {
        const other = findWithDefuddle(take(), chooseUrl(meta), captions)
        const better = betterThan(
          storyOf(other.blocks),
          storyOf(found.blocks),
          doubt,
          paragraphs,
          titleWords,
        )
        if (better) found = other
      }
    }
  }
  const article = found.article
  let blocks = found.blocks
  let container = article?.content ?? null
  const body = storyOf(blocks).length === 0 ? take().body : null
  if (body) {
    blocks = htmlToBlocks(body, captions)
    container = body
  }
  blocks = removeClutter(blocks)
  // A body that repeats itself (a page carrying its story twice, a caption
  // run repeated under every photo) keeps its first copy: the same runs the
  // "check this import" flag recognises.
  const repeated = new Set(repeatedRunBlocks(blocks))
  if (repeated.size > 0) blocks = blocks.filter((_, i) => !repeated.has(i))

  const { title, source, byline, publishedAt, url } = chooseMetadata(meta, article)
  return {
    title,
    // Readability leaves the byline line in when the byline came from a
    // <meta> tag; it is metadata, not article text.
    blocks: blocks.filter((block) => byline === null || !isBylineLine(block.text, byline)),
    source,
    byline,
    publishedAt,
    url,
    language,
    extractor: found.extractor,
    warning:
      (container ? containerWarning(container) : null) ??
      (found.notStoryName ? notStoryWarning(found.notStoryName) : null),
  }
}

/**
 * Remove ruby readings (`<rt>`, and the `<rp>` brackets around them).
 *
 * Why: Japanese news for learners prints furigana over every kanji; read as
 * text they are glued into the sentence ("子こどもへの体罰たいばつ"), so the
 * story can be neither read nor searched. Browsers show them above the line
 * and copy only the base text; so does the import.
 */
function dropRubyReadings(root: Element): void {
  for (const element of Array.from(root.querySelectorAll('rt, rp'))) element.remove()
}

/** The blocks that tell the story: all but the captions. */
function storyOf(blocks: readonly DraftBlock[]): DraftBlock[] {
  return blocks.filter((block) => block.type !== 'caption')
}

/** Captions set aside, ruby readings and comment sections removed, before any finder reads the page. */
function preparePage(document: Document): PageCaptions {
  const root = document.documentElement
  if (!root) return new Map()
  dropRubyReadings(root)
  const captions = takeCaptions(root)
  dropCommentSections(root)
  return captions
}

/** Run Readability on `document` (null: a page too deep for it), which it rewrites. */
function findWithReadability(document: Document | null, captions: PageCaptions): Found {
  const article = document ? readArticle(document) : null
  const notStoryName = article?.content ? notStoryNameOf(article.content) : null
  if (article?.content) {
    pruneMarkedFurniture(article.content, captionPlaceholdersIn)
    pruneLinkTeasers(article.content)
  }
  return {
    extractor: 'readability',
    blocks: article?.content ? htmlToBlocks(article.content, captions) : [],
    article,
    notStoryName,
  }
}

/**
 * Run defuddle on `document`, which it rewrites (it removes what it judges
 * clutter from the tree it is given). Only its synchronous parse is used:
 * the asynchronous one may fetch from the network, which an import never does.
 */
function findWithDefuddle(document: Document, url: string | null, captions: PageCaptions): Found {
  try {
    const { Defuddle } = domLibraries()
    // Its site-specific readers are chosen by URL; a page without one is read
    // by its general rules (a missing URL would make it log an error).
    const result = new Defuddle(document, { useAsync: false, url: url ?? 'about:blank' }).parse()
    const holder = document.createElement('div')
    holder.innerHTML = result.content
    pruneLinkTeasers(holder)
    return {
      extractor: 'defuddle',
      blocks: htmlToBlocks(holder, captions),
      article: {
        title: result.title || null,
        content: holder,
        byline: result.author || null,
        siteName: result.site || null,
        publishedTime: result.published || null,
      },
    }
  } catch {
    return { extractor: 'defuddle', blocks: [], article: null }
  }
}

/** At least this share of the kept words in links: a link list, not a story. */
const LINKS_SHARE = 0.6
/** At least this share of the kept words in one table: a table, not a story. */
const TABLE_SHARE = 0.7
/** Below this many words the "tiny" check speaks instead. */
const SHARE_MIN_WORDS = 40

/**
 * Why the kept part of the page looks like something else than a story,
 * or null: mostly links (a menu, a list of teasers) or mostly one table
 * (an e-mail listing, a results grid). The other checks (tiny, repeated,
 * mostly short lines) look at the blocks and run for every format.
 */
function containerWarning(container: Element): string | null {
  const words = wordsIn(container)
  if (words < SHARE_MIN_WORDS) return null
  const linkWords = linkWordsIn(container)
  if (linkWords / words >= LINKS_SHARE) {
    const percent = Math.round((100 * linkWords) / words)
    return `${percent} % of the text is links (a menu or a list of other stories?): check that this is the story.`
  }
  let tableWords = 0
  for (const table of Array.from(container.querySelectorAll('table'))) {
    if (table.parentElement?.closest('table')) continue
    tableWords = Math.max(tableWords, wordsIn(table))
  }
  if (tableWords / words >= TABLE_SHARE) {
    const percent = Math.round((100 * tableWords) / words)
    return `${percent} % of the text is one table: check that this is the story.`
  }
  return null
}

/**
 * Why Readability's text may be the wrong part of the page, or null: it
 * comes from a part of the page named as something else than a story (an
 * author's note, a form), too little text, far less than the story the
 * page's JSON-LD carries (a page whose story is only in its `articleBody`,
 * which defuddle reads: scmp.com.playbook on trafilatura's set, where
 * Readability took the author's bio), mostly short lines, most of the
 * page's story-like paragraphs left out (it took an author's bio, a
 * service box or a product's specifications instead of the story beside
 * it), or a text that never mentions the title.
 */
type Doubt =
  'not-a-story' | 'tiny' | 'short-lines' | 'missed-paragraphs' | 'schema-body' | 'off-title'

function doubtAbout(
  found: { readonly blocks: readonly DraftBlock[]; readonly notStoryName?: string | null },
  paragraphs: StoryParagraphs,
  titleWords: readonly string[],
  schemaWords: number,
): Doubt | null {
  if (found.notStoryName) return 'not-a-story'
  const blocks = found.blocks
  const words = blocks.map((block) => countWords(block.text))
  const total = words.reduce((a, b) => a + b, 0)
  if (total < DOUBT_TINY_WORDS) return 'tiny'
  if (schemaWords >= SCHEMA_MIN_WORDS && schemaWords >= SCHEMA_RATIO * total) return 'schema-body'
  const short = words.filter((n) => n <= 4).length
  if (blocks.length >= 12 && short / blocks.length >= 0.5) return 'short-lines'
  if (paragraphs.words >= MISSED_MIN_WORDS && coverage(blocks, paragraphs) < MISSED_COVERAGE) {
    return 'missed-paragraphs'
  }
  if (titleWords.length >= 2 && !holdsTitleWord(blocks, titleWords)) return 'off-title'
  return null
}

/** The title's words of four letters or more, folded: what the story's text is expected to mention. */
function wordsOfTitle(title: string | null): string[] {
  return [...new Set((title ?? '').toLowerCase().match(/\p{L}{4,}/gu) ?? [])]
}

/** Whether the text mentions at least one of the title's words. */
function holdsTitleWord(blocks: readonly DraftBlock[], titleWords: readonly string[]): boolean {
  const words = new Set(
    blocks.flatMap((block) => block.text.toLowerCase().match(/\p{L}{4,}/gu) ?? []),
  )
  return titleWords.some((word) => words.has(word))
}

/** Whether the other finder's text answers the doubt about the first one's. */
function betterThan(
  other: readonly DraftBlock[],
  first: readonly DraftBlock[],
  doubt: Doubt,
  paragraphs: StoryParagraphs,
  titleWords: readonly string[],
): boolean {
  const words = (blocks: readonly DraftBlock[]): number =>
    blocks.reduce((sum, block) => sum + countWords(block.text), 0)
  if (other.length === 0) return false
  if (doubt === 'tiny') return words(other) > Math.max(DOUBT_TINY_WORDS, 2 * words(first))
  if (doubt === 'missed-paragraphs') {
    return coverage(other, paragraphs) >= coverage(first, paragraphs) + MISSED_GAIN
  }
  if (doubt === 'off-title')
    return words(other) >= DOUBT_TINY_WORDS && holdsTitleWord(other, titleWords)
  if (doubt === 'not-a-story') return words(other) >= DOUBT_TINY_WORDS && !sameText(other, first)
  if (doubt === 'schema-body') return words(other) >= SCHEMA_RATIO * words(first)
  return (
    doubtAbout({ blocks: other }, paragraphs, titleWords, 0) === null &&
    words(other) >= words(first) / 2
  )
}

/** Whether most of one text's paragraphs are the other's: the same part of the page, found twice. */
function sameText(other: readonly DraftBlock[], first: readonly DraftBlock[]): boolean {
  const firstTexts = new Set(first.map((block) => block.text))
  const shared = other.filter((block) => firstTexts.has(block.text)).length
  return shared * 2 >= other.length
}

/**
 * Words in the class or id of the part of the page a finder kept that name
 * something other than a story: an author's note, reader comments, a form, a sign-up box, a pop-up, a disclosure or a consent
 * banner. Whole words of the name, as in marked-clutter.ts. On trafilatura's
 * evaluation set Readability kept such a part instead of the story on
 * pages where the story sat beside it (`author-description`,
 * `wrap-form`, `advertiser-disclosure-body`).
 */
const NOT_A_STORY_WORDS = new Set([
  'author',
  'authors',
  'bio',
  'biography',
  'comment',
  'comments',
  'form',
  'newsletter',
  'subscribe',
  'signup',
  'login',
  'register',
  'registration',
  'modal',
  'popup',
  'disclosure',
  'cookie',
  'cookies',
  'consent',
])

/**
 * The class or id of the element Readability chose, when it names
 * something other than a story (see NOT_A_STORY_WORDS), or null. Readability
 * returns its choice inside a wrapper of its own, with any siblings it
 * added; the element holding most of the text (more than half) is the one
 * that counts.
 */
function notStoryNameOf(content: Element): string | null {
  const page = content.children.length === 1 ? content.children[0] : undefined
  const wrapper = page?.id.startsWith('readability-page') ? page : content
  const total = wordsIn(wrapper)
  const chosen = Array.from(wrapper.children).find((child) => 2 * wordsIn(child) > total)
  if (chosen === undefined) return null
  const names = [
    ...(chosen.getAttribute('class') ?? '').split(/\s+/),
    chosen.getAttribute('id') ?? '',
  ]
  return (
    names.find(
      (name) => name !== '' && nameWords(name).some((word) => NOT_A_STORY_WORDS.has(word)),
    ) ?? null
  )
}

/** The "check this import" reason for a text taken from a part of the page that is not a story. */
function notStoryWarning(name: string): string {
  return `The text comes from a part of the page named “${name}” (an author’s note, a form or comments?): check that this is the story.`
}

/** A JSON-LD `articleBody` this long… */
const SCHEMA_MIN_WORDS = 150
/** …and this many times Readability's text: ask defuddle, and take its text when as much longer. */
const SCHEMA_RATIO = 3

/** A paragraph of the page this long reads like the story's. */
const STORY_PARAGRAPH_WORDS = 25
/** Only pages with at least this many words in such paragraphs are checked for missing them. */
const MISSED_MIN_WORDS = 150
/** Readability's text holding less than this share of those words: ask the other finder. */
const MISSED_COVERAGE = 0.5
/** The other finder's text must hold this much more of them to be taken instead. */
const MISSED_GAIN = 0.25

/** The page's long paragraphs, folded for comparison, and their words. */
interface StoryParagraphs {
  readonly texts: readonly {
    readonly head: string
    readonly tail: string
    readonly words: number
  }[]
  readonly words: number
}

function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim()
}

function storyParagraphs(document: Document): StoryParagraphs {
  const texts: { head: string; tail: string; words: number }[] = []
  let total = 0
  for (const paragraph of Array.from(document.querySelectorAll('p'))) {
    const text = paragraph.textContent ?? ''
    const words = countWords(text)
    if (words < STORY_PARAGRAPH_WORDS) continue
    // Its opening and its end recognise it in extracted text: a teaser or
    // a description that repeats only the opening does not hold it.
    const folded = fold(text)
    texts.push({ head: folded.slice(0, 80), tail: folded.slice(-40), words })
    total += words
  }
  return { texts, words: total }
}

/** The share of the page's long paragraphs' words that `blocks` hold. */
function coverage(blocks: readonly DraftBlock[], paragraphs: StoryParagraphs): number {
  if (paragraphs.words === 0) return 1
  const text = fold(blocks.map((block) => block.text).join(' '))
  let held = 0
  for (const { head, tail, words } of paragraphs.texts) {
    if (text.includes(head) && text.includes(tail)) held += words
  }
  return held / paragraphs.words
}

/** Fewer words than this from Readability: ask the other finder too. */
const DOUBT_TINY_WORDS = 60

/** Tags that never enclose others, or close themselves when the next one opens. */
const NON_NESTING = new Set(
  (
    'area base br col embed hr img input link meta source track wbr param keygen ' +
    'p li dt dd option optgroup tr td th tbody thead tfoot colgroup caption rb rt rp'
  ).split(' '),
)

/**
 * How deeply the tags of a document nest, counted on the raw text before
 * parsing. Only an estimate (stray close tags, tags inside scripts), but
 * cheap, linear, and enough to refuse a pathological file.
 */
function approximateNesting(html: string): number {
  let depth = 0
  let max = 0
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9-]*)/g)) {
    if (NON_NESTING.has((match[2] ?? '').toLowerCase())) continue
    depth = match[1] ? Math.max(0, depth - 1) : depth + 1
    if (depth > max) max = depth
  }
  return max
}

/**
 * The depth of the deepest element, found without recursion: a walk from
 * each element to its first child, else its next sibling, else its
 * nearest ancestor's next sibling. (Copying every element's `children`
 * into an array, as this once did, cost 1 % of the CPU of an import.)
 */
function treeDepth(root: Element): number {
  let max = 0
  let depth = 1
  let element: Element | null = root
  while (element !== null) {
    if (depth > max) max = depth
    const child: Element | null = element.firstElementChild
    if (child !== null) {
      element = child
      depth++
      continue
    }
    let next: Element | null = null
    while (element !== null && element !== root) {
      next = element.nextElementSibling
      if (next !== null) break
      element = element.parentElement
      depth--
    }
    element = next
  }
  return max
}

interface ReadableArticle {
  readonly title: string | null | undefined
  readonly content: Element | null | undefined
  readonly byline: string | null | undefined
  readonly siteName: string | null | undefined
  readonly publishedTime: string | null | undefined
}

/** Run Readability on the document, which it rewrites; null when it finds nothing or trips. */
function readArticle(document: Document): ReadableArticle | null {
  try {
    // Hand back the content element itself rather than HTML to parse again.
    const reader = new Readability<Element>(document, {
      serializer: (node) => node as Element,
      // The names are what `pruneMarkedFurniture` reads; nothing else uses them.
      keepClasses: true,
    })
    return reader.parse()
  } catch {
    // Readability's heuristics can trip over odd pages; the body walk still works.
    return null
  }
}
