/**
 * Page furniture that sits inside the story's container, recognised by the
 * names the site itself gave it.
 *
 * Why: Readability finds the right container on almost every page, but keeps
 * the short elements sites put inside it: the byline and dateline, "Published
 * 2:16 AM EST", share bars, "Image 1 of 23", "POPULAR THIS WEEK" and its
 * numbered teasers, newsletter boxes. On the extraction benchmark these were
 * most of the clutter left (precision 0.942 with them, recall 0.988). Sites
 * name such elements in their markup (`class="article-byline"`,
 * `id="related-stories"`), in every language the same way, so the names are
 * a multilingual signal where the text is not. Only small elements go: a
 * marked element holding a real paragraph is kept, whatever its name, so a
 * story wrapped in `<div class="post-meta-content">` survives.
 *
 * This runs on the container Readability returns (asked to keep classes),
 * not on the whole page, so it can never pick a different story.
 */
import { countWords } from '../../shared/domain/article'

/**
 * Words in a class or id that name furniture. Matched against whole words
 * of the name ("article-byline__name" → article, byline, name), never
 * substrings, so "update" is not "date" and "adapter" is not "ad".
 */
const FURNITURE_WORDS = new Set([
  // who and when
  'byline',
  'bylines',
  'author',
  'authors',
  'dateline',
  'date',
  'dates',
  'timestamp',
  'pubdate',
  'published',
  'updated',
  'meta',
  'metadata',
  'kicker',
  'eyebrow',
  'readtime',
  // sharing and tools
  'share',
  'sharing',
  'sharebar',
  'social',
  'toolbar',
  'tools',
  'print',
  'bookmark',
  // elsewhere on the site
  'related',
  'recommended',
  'recommendations',
  'recirc',
  'recirculation',
  'popular',
  'trending',
  'mostread',
  'promo',
  'teaser',
  'teasers',
  'outbrain',
  'taboola',
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'breadcrumb',
  'breadcrumbs',
  'tags',
  'topics',
  // pictures
  'gallery',
  'slideshow',
  'caption',
  'credit',
  'credits',
  // selling
  'ad',
  'ads',
  'advert',
  'advertisement',
  'sponsor',
  'sponsored',
  'affiliate',
])

/**
 * Two-word names that mean furniture though neither word does alone.
 * "reading" alone was a furniture word until it took every reference of a
 * Springer article (`js-c-reading-companion-references-item`), the only
 * main text Readability had found there (link.springer.com.1007 lost on
 * trafilatura's set); only a reading time is furniture.
 */
const FURNITURE_PAIRS = new Set([
  'read more',
  'more stories',
  'most read',
  'you may',
  'sign up',
  'reading time',
])

/** A marked element with more words than this is not furniture, whatever its name. */
const MAX_WORDS = 30

/** A marked link list (teasers, related stories) may be longer when it is mostly links. */
const MAX_LINK_LIST_WORDS = 200
const MIN_LINK_SHARE = 0.6

/**
 * A marked element holding more than this share of the container's words
 * is the story (or most of what was found), not furniture around it.
 */
const MAX_SHARE = 0.3

/** A paragraph this long inside a marked element makes it part of the story. */
const STORY_PARAGRAPH_WORDS = 25

/** The words of a class or id: split at separators and camelCase, lower-cased. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '')
}

/** Whether a class or id names page furniture. */
export function namesFurniture(name: string): boolean {
  const words = nameWords(name)
  for (let i = 0; i < words.length; i++) {
    if (FURNITURE_WORDS.has(words[i]!)) return true
    if (i > 0 && FURNITURE_PAIRS.has(`${words[i - 1]} ${words[i]}`)) return true
  }
  return false
}

/** The words of an element's text. */
export function wordsIn(element: Element): number {
  return countWords(element.textContent ?? '')
}

/** The words of an element's text that are inside links. */
export function linkWordsIn(element: Element): number {
  return Array.from(element.querySelectorAll('a')).reduce((sum, link) => sum + wordsIn(link), 0)
}

function isFurniture(element: Element, containerWords: number): boolean {
  const names = [...(element.getAttribute('class') ?? '').split(/\s+/), element.id ?? '']
  if (!names.some((name) => name !== '' && namesFurniture(name))) return false
  const words = wordsIn(element)
  if (words > MAX_LINK_LIST_WORDS || words > MAX_SHARE * containerWords) return false
  for (const paragraph of Array.from(element.querySelectorAll('p'))) {
    if (wordsIn(paragraph) >= STORY_PARAGRAPH_WORDS) return false
  }
  if (words <= MAX_WORDS) return true
  return linkWordsIn(element) / words >= MIN_LINK_SHARE
}

/** Words of a name that say the element is a picture's box ("image-meta", "article-gallery"). */
const PICTURE_WORDS = new Set([
  'gallery',
  'slideshow',
  'caption',
  'credit',
  'credits',
  'image',
  'images',
  'img',
  'photo',
  'photos',
  'picture',
  'media',
  'figure',
])

function namesPicture(element: Element): boolean {
  const names = [...(element.getAttribute('class') ?? '').split(/\s+/), element.id ?? '']
  return names.some((name) => nameWords(name).some((word) => PICTURE_WORDS.has(word)))
}

/**
 * Remove the furniture elements inside an extracted article container
 * (see the module header). The container itself is never removed.
 *
 * `captionsIn` gives the caption placeholders inside an element: a
 * picture's box that goes (a gallery, an "image-meta" line, a caption
 * wrapper) leaves them in its place, so the story's captions stay captions;
 * other furniture (related stories, share bars) takes its captions with it.
 */
export function pruneMarkedFurniture(
  container: Element,
  captionsIn: (element: Element) => readonly Node[] = () => [],
): void {
  const containerWords = wordsIn(container)
  for (const element of Array.from(container.querySelectorAll('[class], [id]'))) {
    // Skip what went with an ancestor removed before it.
    if (!container.contains(element)) continue
    if (!isFurniture(element, containerWords)) continue
    element.replaceWith(...(namesPicture(element) ? captionsIn(element) : []))
  }
}
