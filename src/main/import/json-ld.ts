/**
 * Read the article's own description of itself from a page's JSON-LD.
 *
 * Why: news sites describe each story for search engines in schema.org
 * JSON-LD (`NewsArticle` and its kin): the headline without the site's
 * suffix, the authors as names, the publication date as a timestamp, the
 * story's address. It is the most reliable metadata a page carries, but it
 * comes in many shapes: one object, an array, a Yoast-style `@graph` whose
 * author is an `@id` pointing elsewhere in the graph, names as strings or
 * objects. This module reads all of them and never throws on a broken block.
 */

import { countWords } from '../../shared/domain/article'

/** What the page's JSON-LD says about its article; every field may be missing. */
export interface JsonLdArticle {
  readonly headline: string | null
  readonly authors: readonly string[]
  readonly datePublished: string | null
  readonly url: string | null
  readonly publisher: string | null
  /** The words of its `articleBody`, the story's text as the site gives it to search engines; 0 without one. */
  readonly bodyWords: number
}

/** schema.org types for a story, a report or a blog post. */
const ARTICLE_TYPE =
  /^(?:https?:\/\/schema\.org\/)?(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|AskPublicNewsArticle|BlogPosting|LiveBlogPosting|SocialMediaPosting|Report|ScholarlyArticle|TechArticle)$/

/** Most JSON-LD scripts read from one page (some pages carry dozens). */
const MAX_SCRIPTS = 50
const MAX_NODES = 2000

type Node = Record<string, unknown>

/** The first article described in the page's JSON-LD, or null when none is. */
export function readJsonLd(document: Document): JsonLdArticle | null {
  const nodes: Node[] = []
  const scripts = Array.from(
    document.querySelectorAll('script[type="application/ld+json" i]'),
  ).slice(0, MAX_SCRIPTS)
  for (const script of scripts) {
    const parsed = parseJson(script.textContent ?? '')
    if (parsed !== undefined) collectNodes(parsed, nodes)
  }
  const byId = new Map<string, Node>()
  for (const node of nodes) {
    const id = node['@id']
    if (typeof id === 'string' && !byId.has(id)) byId.set(id, node)
  }
  const article = nodes.find((node) => typesOf(node).some((type) => ARTICLE_TYPE.test(type)))
  if (article === undefined) return null
  const resolve = (value: unknown): unknown => {
    if (isNode(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) {
      return byId.get(value['@id']) ?? value
    }
    return value
  }

  return {
    headline: text(article.headline) ?? text(article.name),
    authors: namesOf(article.author, resolve),
    datePublished: text(article.datePublished) ?? text(article.dateCreated),
    url: urlOf(article.url) ?? urlOf(resolve(article.mainEntityOfPage)),
    publisher: namesOf(article.publisher, resolve)[0] ?? null,
    bodyWords: countWords(text(article.articleBody) ?? ''),
  }
}

function parseJson(source: string): unknown {
  const body = source.replace(/^\s*(?:<!--)?\s*(?:<!\[CDATA\[)?|(?:\]\]>)?\s*(?:-->)?\s*$/g, '')
  try {
    return JSON.parse(body) as unknown
  } catch {
    // Some CMSs leave raw line breaks inside strings; JSON forbids them.
    try {
      return JSON.parse(body.replace(/[\r\n\t]+/g, ' ')) as unknown
    } catch {
      return undefined
    }
  }
}

/** Every object in a JSON-LD value, arrays and `@graph`s flattened, in document order. */
function collectNodes(value: unknown, into: Node[]): void {
  const stack: unknown[] = [value]
  while (stack.length > 0 && into.length < MAX_NODES) {
    const item = stack.shift()
    if (Array.isArray(item)) {
      stack.unshift(...(item as unknown[]))
    } else if (isNode(item)) {
      into.push(item)
      if (Array.isArray(item['@graph'])) stack.unshift(...(item['@graph'] as unknown[]))
      // A WebPage whose main entity is the story.
      if (typeof item.mainEntity === 'object') stack.push(item.mainEntity)
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function typesOf(node: Node): string[] {
  const type = node['@type']
  if (typeof type === 'string') return [type]
  if (Array.isArray(type)) return type.filter((t): t is string => typeof t === 'string')
  return []
}

function text(value: unknown): string | null {
  if (Array.isArray(value)) return text(value[0])
  if (typeof value !== 'string') return null
  const trimmed = value.replace(/\s+/g, ' ').trim()
  return trimmed === '' ? null : trimmed
}

/** Names from a string, a Person or Organization, or a list of them. */
function namesOf(value: unknown, resolve: (value: unknown) => unknown): string[] {
  const list = Array.isArray(value) ? (value as unknown[]) : [value]
  const names: string[] = []
  for (const entry of list) {
    const item = resolve(entry)
    const name = typeof item === 'string' ? text(item) : isNode(item) ? text(item.name) : null
    if (name !== null && !/^https?:\/\//i.test(name) && !names.includes(name)) names.push(name)
  }
  return names
}

function urlOf(value: unknown): string | null {
  if (typeof value === 'string') return text(value)
  if (Array.isArray(value)) return urlOf(value[0])
  if (isNode(value)) return text(value['@id']) ?? text(value.url)
  return null
}
