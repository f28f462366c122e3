/**
 * The Markdown briefing: what was read, the claims found, the analyst's notes.
 *
 * Why: the briefing is what leaves the app, so it must be a plain file any
 * Markdown tool reads the same way (Obsidian first: `#tags`, `^block` ids,
 * YAML front matter), it must not be broken or turned into live HTML by
 * hostile article text, and the same input must always give the same bytes
 * so re-exports diff cleanly and the checksum in `keep-regions` means
 * something. The function is pure: time and link labels are passed in.
 */
import {
  sortInDocumentOrder,
  type Annotation,
  type Claim,
  type ClaimLink,
} from '../domain/annotation'
import { CLAIM_FIELD_NAMES, CLAIM_FIELDS, claimFieldText, isOmitted } from '../domain/claim-fields'
import type { ArticleMeta, Block } from '../domain/article'
import { nameKey } from '../search/fold'
import { KEEP_CLOSE_MARKER, keepOpenMarker, withChecksum } from './keep-regions'
import {
  blockId,
  blockquote,
  escapeHeading,
  escapeInline,
  escapeTableCell,
  markdownLink,
  neutraliseNote,
  obsidianTag,
  yamlString,
} from './markdown-escape'

/** One article of a briefing with the analyst's work on it. */
export interface BriefingArticle {
  readonly article: ArticleMeta & { readonly blocks?: readonly Block[] }
  /** The analyst's note on the whole article (Markdown). */
  readonly articleNote?: string
  readonly annotations: readonly Annotation[]
}

export type BriefingScope =
  | { readonly kind: 'articles'; readonly articleIds: readonly string[] }
  | { readonly kind: 'query'; readonly query: string }

export interface BriefingInput {
  /** E.g. "Briefing: 2 articles". */
  readonly title: string
  /** ISO time of the export, passed in so the output is deterministic. */
  readonly generatedAt: string
  readonly scope: BriefingScope
  /** Articles in the order the briefing shows them. */
  readonly articles: readonly BriefingArticle[]
  /** Resolve a claim link to a label (e.g. the linked claim's statement and article title); missing → show the ids. */
  readonly resolveLink?: (link: ClaimLink) => { readonly label: string } | null
  /** The analyst (from their profile): the front matter's `author`. */
  readonly author?: {
    readonly name: string
    readonly organisation?: string
    readonly url?: string
  }
}

/** Id of the keep region every briefing offers for the analyst's own notes. */
export const ANALYST_NOTES_REGION_ID = 'analyst-notes'

const CLAIMS_TABLE_HEADER = [
  '| Claimant | Claim | Status | Confidence | Quote |',
  '| --- | --- | --- | --- | --- |',
]

/**
 * Sort annotations in document order: by start offset, then by id.
 *
 * The id tie-break keeps the order stable whatever order the store returned.
 */
export function inDocumentOrder(annotations: readonly Annotation[]): Annotation[] {
  return sortInDocumentOrder(annotations, (a) => a.target.position.start)
}

/**
 * Render a briefing as Markdown with YAML front matter and a checksum.
 *
 * Layout: front matter, title, an empty "Analyst notes" keep region, then per
 * article its heading, source line, note, claims table and annotations in
 * document order, each annotation with an Obsidian block id the table links to.
 */
export function exportMarkdownBriefing(input: BriefingInput): string {
  const articles = input.articles.map((entry) => ({
    ...entry,
    annotations: inDocumentOrder(entry.annotations),
  }))
  const blockIds = assignBlockIds(articles.flatMap((a) => a.annotations))
  const linkTargets = new Map<string, string>()
  for (const [annotation, id] of blockIds) {
    if (!linkTargets.has(annotation.id)) linkTargets.set(annotation.id, id)
  }
  const context: RenderContext = { blockIds, linkTargets, resolveLink: input.resolveLink }

  const sections: string[] = [
    frontMatter(input, articles),
    `# ${escapeHeading(input.title)}`,
    summaryLine(input),
    '## Analyst notes',
    `${keepOpenMarker(ANALYST_NOTES_REGION_ID)}\n${KEEP_CLOSE_MARKER}`,
  ]
  for (const entry of articles) {
    sections.push(...articleSections(entry, context))
  }
  return withChecksum(sections.join('\n\n'))
}

/** What rendering an annotation needs to know about the rest of the briefing. */
interface RenderContext {
  /** The sanitised, de-duplicated block id of every annotation. */
  readonly blockIds: ReadonlyMap<Annotation, string>
  /** Annotation id → block id, for links to claims that are in this briefing. */
  readonly linkTargets: ReadonlyMap<string, string>
  readonly resolveLink: BriefingInput['resolveLink']
}

/** Code-unit order: the same on every machine, unlike locale collation. */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/**
 * Give every annotation a distinct block id.
 *
 * Sanitising can map two ids to one (`a_1`, `a.1`), so later ones get a
 * numeric suffix; the first occurrence of an annotation id keeps the link target.
 */
function assignBlockIds(annotations: readonly Annotation[]): Map<Annotation, string> {
  const taken = new Set<string>()
  const ids = new Map<Annotation, string>()
  for (const annotation of annotations) {
    const base = blockId(annotation.id)
    let id = base
    for (let n = 2; taken.has(id); n += 1) id = `${base}-${n}`
    taken.add(id)
    ids.set(annotation, id)
  }
  return ids
}

/** The site an article came from: its source, else the host of its URL. */
export function articleSite(article: ArticleMeta): string | null {
  if (article.source !== null && article.source.trim().length > 0) return article.source
  const host = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?([^/?#:]+)/iu.exec(article.url ?? '')?.[1]
  return host === undefined ? null : host.toLowerCase().replace(/^www\./u, '')
}

function isClaim(
  annotation: Annotation,
): annotation is Annotation & { claim: NonNullable<Annotation['claim']> } {
  return annotation.kind === 'claim' && annotation.claim !== null
}

function frontMatter(
  input: BriefingInput,
  articles: readonly { article: ArticleMeta; annotations: readonly Annotation[] }[],
): string {
  const sources = [
    ...new Set(articles.map((a) => articleSite(a.article)).filter((s) => s !== null)),
  ]

  // Obsidian reads `tags` from front matter, so they use the same form as the
  // `#tags` in the body; case-insensitive duplicates collapse as in Obsidian.
  const tags = new Map<string, string>()
  for (const { article, annotations } of articles) {
    for (const name of [...article.tags, ...annotations.flatMap((a) => a.tags)]) {
      const tag = obsidianTag(name)
      if (tag !== null && !tags.has(nameKey(tag))) tags.set(nameKey(tag), tag)
    }
  }
  const sortedTags = [...tags.entries()]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([, tag]) => tag)

  const list = (key: string, values: readonly string[], indent = ''): string[] =>
    values.length === 0
      ? [`${indent}${key}: []`]
      : [`${indent}${key}:`, ...values.map((v) => `${indent}  - ${yamlString(v)}`)]

  const scope =
    input.scope.kind === 'query'
      ? ['scope:', `  kind: ${yamlString('query')}`, `  query: ${yamlString(input.scope.query)}`]
      : [
          'scope:',
          `  kind: ${yamlString('articles')}`,
          ...list('article-ids', input.scope.articleIds, '  '),
        ]

  return [
    '---',
    `title: ${yamlString(input.title)}`,
    `generated-at: ${yamlString(input.generatedAt)}`,
    ...(input.author ? [`author: ${yamlString(input.author.name)}`] : []),
    ...(input.author?.organisation
      ? [`author-organisation: ${yamlString(input.author.organisation)}`]
      : []),
    ...(input.author?.url ? [`author-url: ${yamlString(input.author.url)}`] : []),
    ...scope,
    ...list('sources', sources),
    ...list('tags', sortedTags),
    '---',
  ].join('\n')
}

function summaryLine(input: BriefingInput): string {
  const count = input.articles.length
  const articles = `${count} ${count === 1 ? 'article' : 'articles'}`
  const scope =
    input.scope.kind === 'query'
      ? `matching the query “${escapeInline(input.scope.query)}”`
      : 'selected by the analyst'
  return `Generated ${escapeInline(input.generatedAt)} · ${articles} ${scope}`
}

function sourceLines(article: ArticleMeta): string[] {
  const parts: string[] = []
  const site = articleSite(article)
  if (site !== null) parts.push(`**Source:** ${escapeInline(site)}`)
  if (article.byline !== null && article.byline.trim().length > 0) {
    parts.push(`**By:** ${escapeInline(article.byline)}`)
  }
  if (article.publishedAt !== null)
    parts.push(`**Published:** ${escapeInline(article.publishedAt)}`)
  if (article.url !== null && article.url.trim().length > 0) {
    parts.push(`**URL:** ${markdownLink(article.url, article.url)}`)
  }
  const lines = parts.length > 0 ? [parts.join(' · ')] : []
  if (article.citations.length > 0) {
    lines.push(`**Cited sources:** ${article.citations.map((c) => escapeInline(c)).join('; ')}`)
  }
  return lines
}

function claimsTable(
  claims: readonly Annotation[],
  blockIds: ReadonlyMap<Annotation, string>,
): string {
  const rows = claims.flatMap((annotation) => {
    const claim = annotation.claim
    if (claim === null) return []
    const claimant = escapeTableCell(claim.claimant) || '—'
    const via = escapeTableCell(claim.attributedVia)
    const statement =
      escapeTableCell(claim.statement) || escapeTableCell(annotation.target.quote.exact)
    const cells = [
      via.length > 0 ? `${claimant} (via ${via})` : claimant,
      statement || '—',
      escapeTableCell(claim.status) || '—',
      claim.confidence,
      `[quote](#^${blockIds.get(annotation) ?? blockId(annotation.id)})`,
    ]
    return [`| ${cells.join(' | ')} |`]
  })
  return [...CLAIMS_TABLE_HEADER, ...rows].join('\n')
}

function linkLine(link: ClaimLink, context: RenderContext): string {
  const resolved = context.resolveLink?.(link) ?? null
  const label =
    resolved !== null && resolved.label.trim().length > 0
      ? escapeInline(resolved.label)
      : `article ${escapeInline(link.articleId)}, annotation ${escapeInline(link.annotationId)}`
  // Link within the briefing only when the target is in it; elsewhere the
  // anchor would point nowhere.
  const target = context.linkTargets.get(link.annotationId)
  return `- ${link.relation}: ${target === undefined ? label : `[${label}](#^${target})`}`
}

/**
 * The claim's fields on one line, from their declarations: the statement
 * leads as "Claim", then every other field the briefing shows, when set.
 */
function claimLine(claim: Claim): string {
  const parts: string[] = []
  for (const name of CLAIM_FIELD_NAMES) {
    const field = CLAIM_FIELDS[name]
    if (isOmitted(field.markdown)) continue
    const text = claimFieldText(claim, name).trim()
    if (name === 'statement') {
      parts.push(text.length > 0 ? `**Claim:** ${escapeInline(text)}` : '**Claim**')
    } else if (text.length > 0) {
      parts.push(`**${field.shortLabel ?? field.label}:** ${escapeInline(text)}`)
    }
  }
  return parts.join(' · ')
}

function annotationSections(annotation: Annotation, context: RenderContext): string[] {
  // The block id goes on its own line right after the blockquote: that is how
  // Obsidian attaches an id to a quote, so `#^id` links land on the passage.
  const sections = [
    blockquote(annotation.target.quote.exact),
    `^${context.blockIds.get(annotation) ?? blockId(annotation.id)}`,
  ]
  if (isClaim(annotation)) {
    const { claim } = annotation
    sections.push(claimLine(claim))
    if (claim.links.length > 0) {
      sections.push(claim.links.map((l) => linkLine(l, context)).join('\n'))
    }
  }
  const tags = [...new Set(annotation.tags.map(obsidianTag).filter((t) => t !== null))]
  if (tags.length > 0) sections.push(tags.map((t) => `#${t}`).join(' '))
  if (annotation.note.trim().length > 0) sections.push(neutraliseNote(annotation.note.trim()))
  return sections
}

function articleSections(entry: BriefingArticle, context: RenderContext): string[] {
  const { article, annotations } = entry

  const sections = [`## ${escapeHeading(article.title)}`, ...sourceLines(article)]
  if (entry.articleNote !== undefined && entry.articleNote.trim().length > 0) {
    sections.push(neutraliseNote(entry.articleNote.trim()))
  }
  const claims = annotations.filter(isClaim)
  if (claims.length > 0) sections.push('### Claims', claimsTable(claims, context.blockIds))
  if (annotations.length === 0) {
    sections.push('_No annotations._')
    return sections
  }
  sections.push('### Annotations')
  for (const annotation of annotations) {
    sections.push(...annotationSections(annotation, context))
  }
  return sections
}
