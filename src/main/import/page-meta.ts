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

/** Read every metadata value the page's markup holds. */
export function readPageMeta(document: Document): PageMeta {
  const content = (selector: string): string | null =>
    nonEmpty(document.querySelector(selector)?.getAttribute('content'))
  const contents = (selectors: readonly string[]): string[] =>
    selectors.map(content).filter((value): value is string => value !== null)
  const ogUrl = httpUrlOrNull(content('meta[property="og:url" i]'))
  const canonicalHref = nonEmpty(
    document.querySelector('link[rel~="canonical" i]')?.getAttribute('href'),
  )
  const timeElement = document.querySelector(
    'time[pubdate], time[itemprop~="datePublished" i], [itemprop~="datePublished" i][datetime]',
  )

  return {
    jsonLd: readJsonLd(document),
    ogTitle: content('meta[property="og:title" i]'),
    twitterTitle: content('meta[name="twitter:title" i]'),
    documentTitle: nonEmpty(document.title),
    firstHeading: nonEmpty(document.querySelector('h1')?.textContent),
    siteName: content('meta[property="og:site_name" i]'),
    authors: contents([
      'meta[name="author" i]',
      'meta[name="byl" i]',
      'meta[name="parsely-author" i]',
      'meta[property="article:author" i]',
      'meta[name="dc.creator" i]',
      'meta[name="sailthru.author" i]',
    ]),
    dates: [
      ...contents([
        'meta[property="article:published_time" i]',
        'meta[itemprop="datePublished" i]',
        'meta[name="parsely-pub-date" i]',
        'meta[name="pubdate" i]',
        'meta[name="publishdate" i]',
        'meta[name="date" i]',
        'meta[name="dc.date.issued" i]',
        'meta[name="dc.date" i]',
        'meta[name="sailthru.date" i]',
      ]),
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
