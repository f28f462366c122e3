/**
 * Choose a saved page's title, source, byline, date and address.
 *
 * Why: a page states its metadata several times over, each copy with its
 * own faults: the `<title>` carries the site's or the author's name ("… |
 * Eleanor Ainge Roy") or is a URL slug ("d-161500790"), a byline element
 * carries a date and slashes, a meta author names the publisher. Each
 * field is taken from the most reliable place that has a usable value
 * (JSON-LD, OpenGraph and meta tags, the canonical link, what Readability
 * found in the text), cleaned, and dropped rather than kept when it is
 * wrong: a missing title is made from the first sentence, never a slug.
 */
import { httpUrlOrNull } from './article-draft'
import { cleanByline, type CleanByline } from './byline'
import { readJsonLd, type JsonLdArticle } from './json-ld'
import { normalisePublishedDate } from './published-date'
import { looksLikeSlug, withoutTitleAffixes } from './title'

/** What the page's markup says, before any choice is made. */
export interface PageMeta {
  readonly jsonLd: JsonLdArticle | null
  readonly ogTitle: string | null
  readonly twitterTitle: string | null
  readonly documentTitle: string | null
  readonly firstHeading: string | null
  readonly siteName: string | null
  /** meta author, byl, parsely-author, article:author, dc.creator, in that order. */
  readonly authors: readonly string[]
  /** article:published_time, datePublished, pubdate, date and the like, in that order. */
  readonly dates: readonly string[]
  readonly canonicalUrl: string | null
  readonly ogUrl: string | null
}

/** What Readability (or another extractor) found, when it ran. */
export interface ExtractedMeta {
  readonly title?: string | null
  readonly byline?: string | null
  readonly siteName?: string | null
  readonly publishedTime?: string | null
}

/** The metadata fields of a draft article. */
export interface ChosenMeta {
  readonly title: string | null
  readonly source: string | null
  readonly byline: string | null
  readonly publishedAt: string | null
  readonly url: string | null
}

/**
 * A selector readPageMeta answers, as the first element of the page it
 * matches: `tag[attribute="value" i]` (`=`), `link[rel~="canonical" i]`
 * (`~=`, one of the space-separated words), or an element test of its own.
 */
type MetaSelector = (element: Element) => boolean

/** `tag[attribute="value" i]`: the value compared ignoring case, as CSS's `i` flag does. */
function attributeIs(tag: string, attribute: string, value: string): MetaSelector {
  const folded = value.toLowerCase()
  return (element) => {
    if (element.localName.toLowerCase() !== tag) return false
    const actual = element.getAttribute(attribute)
    return actual !== null && actual.length === folded.length && actual.toLowerCase() === folded
  }
}

/**
 * `[attribute~="word" i]`: one of the whitespace-separated words, ignoring
 * case, tested with the regular expression css-select builds for it (so
 * whitespace is JavaScript's `\s`, as it was for `querySelector`). The
 * words here are letters only: nothing to escape.
 */
function attributeHasWord(attribute: string, word: string): MetaSelector {
  const pattern = new RegExp(`(?:^|\\s)${word}(?:$|\\s)`, 'i')
  return (element) => {
    const actual = element.getAttribute(attribute)
    return actual !== null && actual.length >= word.length && pattern.test(actual)
  }
}

const isTag =
  (tag: string): MetaSelector =>
  (element) =>
    element.localName.toLowerCase() === tag

const ogUrlSelector = attributeIs('meta', 'property', 'og:url')
const ogTitleSelector = attributeIs('meta', 'property', 'og:title')
const twitterTitleSelector = attributeIs('meta', 'name', 'twitter:title')
const siteNameSelector = attributeIs('meta', 'property', 'og:site_name')
const isLink = isTag('link')
const relCanonical = attributeHasWord('rel', 'canonical')
const canonicalSelector: MetaSelector = (element) => isLink(element) && relCanonical(element)
const isTime = isTag('time')
const itempropDatePublished = attributeHasWord('itemprop', 'datePublished')
/** `time[pubdate], time[itemprop~="datePublished" i], [itemprop~="datePublished" i][datetime]`. */
const timeSelector: MetaSelector = (element) =>
  (isTime(element) && (element.hasAttribute('pubdate') || itempropDatePublished(element))) ||
  (itempropDatePublished(element) && element.hasAttribute('datetime'))
const headingSelector = isTag('h1')

/** meta author, byl, parsely-author, article:author, dc.creator, sailthru.author, in that order. */
const AUTHOR_SELECTORS: readonly MetaSelector[] = [
  attributeIs('meta', 'name', 'author'),
  attributeIs('meta', 'name', 'byl'),
  attributeIs('meta', 'name', 'parsely-author'),
  attributeIs('meta', 'property', 'article:author'),
  attributeIs('meta', 'name', 'dc.creator'),
  attributeIs('meta', 'name', 'sailthru.author'),
]

/** Publication dates in meta tags, most specific first. */
const DATE_SELECTORS: readonly MetaSelector[] = [
  attributeIs('meta', 'property', 'article:published_time'),
  attributeIs('meta', 'itemprop', 'datePublished'),
  attributeIs('meta', 'name', 'parsely-pub-date'),
  attributeIs('meta', 'name', 'pubdate'),
  attributeIs('meta', 'name', 'publishdate'),
  attributeIs('meta', 'name', 'date'),
  attributeIs('meta', 'name', 'dc.date.issued'),
  attributeIs('meta', 'name', 'dc.date'),
  attributeIs('meta', 'name', 'sailthru.date'),
]

/**
 * Every element any of the selectors above can match, in document order:
 * one walk of the page. Asking `querySelector` for each of the 20 selectors
 * walked the whole page once per selector that matched nothing (most of
 * them, on most pages) and compiled each selector every time: 6 % of the
 * CPU of an HTML import, against about 1 % for this walk.
 */
const CANDIDATES = 'meta, link, time, h1, [itemprop][datetime]'

/** Read every metadata value the page's markup holds. */
export function readPageMeta(document: Document): PageMeta {
  const candidates = Array.from(document.querySelectorAll(CANDIDATES))
  const first = (selector: MetaSelector): Element | null =>
    candidates.find((element) => selector(element)) ?? null
  const content = (selector: MetaSelector): string | null =>
    nonEmpty(first(selector)?.getAttribute('content'))
  const contents = (selectors: readonly MetaSelector[]): string[] =>
    selectors.map(content).filter((value): value is string => value !== null)
  const ogUrl = httpUrlOrNull(content(ogUrlSelector))
  const canonicalHref = nonEmpty(first(canonicalSelector)?.getAttribute('href'))
  const timeElement = first(timeSelector)

  return {
    jsonLd: readJsonLd(document),
    ogTitle: content(ogTitleSelector),
    twitterTitle: content(twitterTitleSelector),
    documentTitle: nonEmpty(document.title),
    firstHeading: nonEmpty(first(headingSelector)?.textContent),
    siteName: content(siteNameSelector),
    authors: contents(AUTHOR_SELECTORS),
    dates: [
      ...contents(DATE_SELECTORS),
      ...[nonEmpty(timeElement?.getAttribute('datetime'))].filter((v): v is string => v !== null),
    ],
    canonicalUrl: resolveUrl(canonicalHref, ogUrl),
    ogUrl,
  }
}

/** Choose each field from the page's metadata and what the extractor found. */
export function chooseMetadata(meta: PageMeta, extracted: ExtractedMeta | null): ChosenMeta {
  const jsonLd = meta.jsonLd
  const url = chooseUrl(meta)
  const host = hostOf(url)
  const siteName =
    [jsonLd?.publisher, meta.siteName, extracted?.siteName]
      .map((name) => nonEmpty(name))
      .find((name) => name !== null && !/^https?:\/\//i.test(name)) ?? null
  const publisherNames = [siteName, jsonLd?.publisher ?? null, host]

  const bylines: CleanByline[] = [
    ...(jsonLd?.authors.length ? [jsonLd.authors.join(', ')] : []),
    ...meta.authors,
    ...(nonEmpty(extracted?.byline) === null ? [] : [extracted?.byline]),
  ].map((raw) => cleanByline(raw, { publisherNames }))
  const byline = bylines.find((candidate) => candidate.byline !== null)?.byline ?? null

  const dates = [
    jsonLd?.datePublished ?? null,
    ...meta.dates,
    extracted?.publishedTime ?? null,
    ...bylines.map((candidate) => candidate.date),
  ]
  const publishedAt = dates.map(normalisePublishedDate).find((date) => date !== null) ?? null

  const authorNames = byline === null ? [] : [byline, ...byline.split(/,\s*|\s+and\s+/)]
  const affixes = [...publisherNames, ...authorNames]
  const titles = [
    extracted?.title,
    jsonLd?.headline,
    meta.ogTitle,
    meta.twitterTitle,
    meta.documentTitle,
    meta.firstHeading,
  ]
  const title =
    titles
      .map((candidate) => nonEmpty(candidate))
      .filter((candidate): candidate is string => candidate !== null)
      .map((candidate) => withoutTitleAffixes(candidate, affixes))
      .find((candidate) => !looksLikeSlug(candidate) && !isOnlyName(candidate, affixes)) ?? null

  return { title, source: siteName ?? host, byline, publishedAt, url }
}

/**
 * Whether a block's text is the byline line itself ("By Irina Petrova",
 * "By JEFFREY GETTLEMAN JAN. 13, 2017"): metadata, not article text.
 */
export function isBylineLine(text: string, byline: string): boolean {
  const line = text.replace(/\s+/g, ' ').trim()
  if (line.length > 2 * byline.length + 60) return false
  const name = byline.toLowerCase()
  if (line.toLowerCase() === name || line.toLowerCase() === `by ${name}`) return true
  if (!/^(?:by|von|por|par)\s/i.test(line) && !line.startsWith('/')) return false
  return cleanByline(line).byline?.toLowerCase() === name
}

/** A title that is nothing but the site's or the author's name. */
function isOnlyName(title: string, names: readonly (string | null)[]): boolean {
  const folded = title.toLowerCase()
  return names.some((name) => name !== null && name.toLowerCase() === folded)
}

/**
 * The story's address: the canonical link, unless it points at the site's
 * front page while og:url or JSON-LD name the story itself.
 */
export function chooseUrl(meta: PageMeta): string | null {
  const jsonLdUrl = resolveUrl(meta.jsonLd?.url ?? null, meta.canonicalUrl ?? meta.ogUrl)
  const candidates = [meta.canonicalUrl, meta.ogUrl, jsonLdUrl].filter(
    (url): url is string => url !== null,
  )
  return candidates.find((url) => !isFrontPage(url)) ?? candidates[0] ?? null
}

function isFrontPage(url: string): boolean {
  try {
    const parsed = new URL(url)
    return parsed.pathname.replace(/\/+$/, '') === '' && parsed.search === ''
  } catch {
    return false
  }
}

/** An absolute http(s) URL, resolving a relative one against `base`. */
function resolveUrl(href: string | null, base: string | null): string | null {
  if (href === null) return null
  try {
    return httpUrlOrNull(new URL(href, base ?? undefined).href)
  } catch {
    return null
  }
}

/** The site's host name, as a last resort for the source ("www." dropped). */
function hostOf(url: string | null): string | null {
  if (url === null) return null
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null
  } catch {
    return null
  }
}

function nonEmpty(value: string | null | undefined): string | null {
  const text = value?.replace(/\s+/g, ' ').trim()
  return text ? text : null
}
