/**
 * The Markdown briefing: what was read, the claims found, the analyst's notes.
 *
 * Why: the briefing is what leaves the app, so it must be a plain file any
 * Markdown tool reads the same way (Obsidian first: `#tags`, `^block` ids,
 * YAML front matter; GitHub and other viewers when block ids are off), it
 * must not be broken or turned into live HTML by hostile article text, and
 * the same input must always give the same bytes so re-exports diff cleanly
 * and the checksum in `keep-regions` means something. The function is pure:
 * time, time zone and what the library knows of linked claims are passed in.
 *
 * It is also read by people: dates are written out, links name the linked
 * claim and its article, and the analyst's notes sit in a callout of their
 * own so nothing they contain can pass for a quoted passage.
 */
import {
  annotationLabel,
  sortInDocumentOrder,
  type Annotation,
  type Claim,
  type ClaimRelation,
} from '../domain/annotation'
import {
  CLAIM_FIELD_NAMES,
  CLAIM_FIELDS,
  claimFieldText,
  isOmitted,
  type ClaimFieldName,
} from '../domain/claim-fields'
import type { ArticleMeta, Block } from '../domain/article'
import type { BriefingGrouping } from '../ipc/contract'
import { nameKey } from '../search/fold'
import { humanDate, humanDateTime } from './briefing-dates'
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

/** One end of a claim link as the library knows it (the contract's `LinkEnd` fits). */
export interface BriefingLinkEnd {
  readonly relation: ClaimRelation
  readonly articleId: string
  readonly annotationId: string
  /** Null when the article is no longer in the library. */
  readonly articleTitle: string | null
  readonly articleTrashed: boolean
  /** The claim's statement or the passage's quote; null when the annotation no longer exists. */
  readonly label: string | null
}

/** The links of one annotation, both ways (the contract's `AnnotationLinks` fits). */
export interface BriefingLinks {
  /** Links the claim makes, "this claim <relation> that one". */
  readonly outgoing: readonly BriefingLinkEnd[]
  /** Links made to it by claims elsewhere, "that claim <relation> this one". */
  readonly incoming: readonly BriefingLinkEnd[]
}

export interface BriefingInput {
  /** E.g. "Briefing: 2 articles". */
  readonly title: string
  /** ISO time of the export, passed in so the output is deterministic. */
  readonly generatedAt: string
  /** The IANA time zone the export time is shown in; UTC by default. */
  readonly timeZone?: string
  readonly scope: BriefingScope
  /** Articles in the order the briefing shows them. */
  readonly articles: readonly BriefingArticle[]
  /** The analyst's introduction (Markdown), under the title; neutralised like a note. */
  readonly introduction?: string
  /** Leave out articles without annotations; they are named in one line instead. Default false. */
  readonly skipEmpty?: boolean
  /** Group annotations by article (the default), by tag or by claim status. */
  readonly groupBy?: BriefingGrouping
  /**
   * Obsidian block ids (`^id` lines, `#^id` links, titled callouts); default
   * true. False writes `<a id>` anchors and `#id` links instead, which
   * GitHub and other viewers follow.
   */
  readonly obsidianBlockIds?: boolean
  /** The codebook's claim statuses, in order: the order of status groups. */
  readonly claimStatuses?: readonly string[]
  /**
   * What the library knows of an annotation's links: names the claims at
   * the other end, including those outside the briefing, and the claims
   * elsewhere that link to it. Without it, only links between claims of
   * this briefing are named; others show their ids.
   */
  readonly links?: (articleId: string, annotationId: string) => BriefingLinks | undefined
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

/** How each relation reads from each end of a link. */
const RELATION_TEXT: Readonly<Record<ClaimRelation, { outgoing: string; incoming: string }>> = {
  supports: { outgoing: 'supports', incoming: 'supported by' },
  contradicts: { outgoing: 'contradicts', incoming: 'contradicted by' },
  'same-as': { outgoing: 'same as', incoming: 'same as' },
  repeats: { outgoing: 'repeats', incoming: 'repeated by' },
}

/** The longest linked-claim label shown in full; longer ones are cut at a word. */
const MAX_LINK_LABEL = 140

/**
 * Sort annotations in document order: by start offset, then by id.
 *
 * The id tie-break keeps the order stable whatever order the store returned.
 */
export function inDocumentOrder(annotations: readonly Annotation[]): Annotation[] {
  return sortInDocumentOrder(annotations, (a) => a.target.position.start)
}

/**
 * A claim field's text as the briefing shows it: dates written out for
 * reading ("24 July 2015", "July 2015", "2015"), every other field as
 * `claimFieldText` gives it.
 */
export function briefingFieldText(claim: Claim, name: ClaimFieldName): string {
  const text = claimFieldText(claim, name).trim()
  return CLAIM_FIELDS[name].control.kind === 'date' && text.length > 0 ? humanDate(text) : text
}

/**
 * The built-in briefing in its parts, each already Markdown, in the order
 * the briefing shows them.
 *
 * Why parts: the built-in briefing is a template (`templates/built-in-briefing.liquid`)
 * that lays these parts out, so an analyst who duplicates it can move, drop or
 * surround them, and mix in the template model's own fields.
 */
export interface BriefingParts {
  /** The YAML front matter, between its `---` lines. */
  readonly frontMatter: string
  /** The `# Title` line. */
  readonly title: string
  /** When, by whom and what the briefing covers; the articles left out. */
  readonly summary: string
  /** The analyst's introduction, neutralised; null when there is none. */
  readonly introduction: string | null
  /** The "Analyst notes" heading and its keep region. */
  readonly analystNotes: string
  /** Everything after: the articles, or the articles then the groups. */
  readonly sections: readonly string[]
}

/** The built-in briefing's parts (see {@link BriefingParts}). */
export function briefingParts(input: BriefingInput): BriefingParts {
  const all = input.articles.map((entry) => ({
    ...entry,
    annotations: inDocumentOrder(entry.annotations),
  }))
  const skipEmpty = input.skipEmpty ?? false
  const articles = skipEmpty ? all.filter((a) => a.annotations.length > 0) : all
  const leftOut = skipEmpty ? all.filter((a) => a.annotations.length === 0) : []
  const context = renderContext(input, articles)

  const introduction = input.introduction?.trim() ?? ''
  const sections: string[] = []
  const groupBy = input.groupBy ?? 'article'
  if (groupBy === 'article') {
    for (const entry of articles) sections.push(...articleSections(entry, context))
  } else {
    sections.push('## Articles')
    for (const entry of articles) {
      sections.push(...articleHeader(entry, '###', context))
      if (entry.annotations.length === 0) sections.push('_No annotations._')
    }
    const groups = groupBy === 'tag' ? tagGroups(articles) : statusGroups(input, articles)
    sections.push(...groupSections(groups, articles, context))
  }
  return {
    frontMatter: frontMatter(input, articles),
    title: `# ${escapeHeading(input.title)}`,
    summary: summaryLine(input, articles.length, leftOut),
    introduction: introduction.length > 0 ? neutraliseNote(introduction) : null,
    analystNotes: [
      '## Analyst notes',
      `${keepOpenMarker(ANALYST_NOTES_REGION_ID)}\n${KEEP_CLOSE_MARKER}`,
    ].join('\n\n'),
    sections,
  }
}

/**
 * Render a briefing as Markdown with YAML front matter and a checksum.
 *
 * Layout: front matter, title, a summary line, the analyst's introduction,
 * an empty "Analyst notes" keep region, then per article its heading,
 * source line, note, claims table and annotations in document order (or, by
 * tag or status, the articles first and then one section per group), each
 * annotation with a block id the table and the claim links point at.
 */
export function exportMarkdownBriefing(input: BriefingInput): string {
  const parts = briefingParts(input)
  return withChecksum(
    [
      parts.frontMatter,
      parts.title,
      parts.summary,
      ...(parts.introduction === null ? [] : [parts.introduction]),
      parts.analystNotes,
      ...parts.sections,
    ].join('\n\n'),
  )
}

/** An annotation of the briefing with the article it belongs to. */
interface Placed {
  readonly annotation: Annotation
  readonly article: ArticleMeta
}

/** What rendering an annotation needs to know about the rest of the briefing. */
interface RenderContext {
  /** The sanitised, de-duplicated block id of every annotation. */
  readonly blockIds: ReadonlyMap<Annotation, string>
  /** Article and annotation id (`endKey`) → the annotation in this briefing. */
  readonly inBriefing: ReadonlyMap<string, Placed>
  /** Target (`endKey`) → the claims of this briefing that link to it. */
  readonly incoming: ReadonlyMap<string, readonly Placed[]>
  readonly links: BriefingInput['links']
  readonly obsidian: boolean
}

function endKey(articleId: string, annotationId: string): string {
  return `${articleId}\u0000${annotationId}`
}

function renderContext(
  input: BriefingInput,
  articles: readonly { article: ArticleMeta; annotations: readonly Annotation[] }[],
): RenderContext {
  const placed = articles.flatMap(({ article, annotations }) =>
    annotations.map((annotation) => ({ annotation, article })),
  )
  const blockIds = assignBlockIds(placed.map((p) => p.annotation))
  const inBriefing = new Map<string, Placed>()
  for (const p of placed) {
    const key = endKey(p.article.id, p.annotation.id)
    if (!inBriefing.has(key)) inBriefing.set(key, p)
  }
  const incoming = new Map<string, Placed[]>()
  for (const p of placed) {
    if (!isClaim(p.annotation)) continue
    for (const link of p.annotation.claim.links) {
      const key = endKey(link.articleId, link.annotationId)
      if (!inBriefing.has(key)) continue
      const list = incoming.get(key) ?? []
      if (!list.includes(p)) list.push(p)
      incoming.set(key, list)
    }
  }
  return {
    blockIds,
    inBriefing,
    incoming,
    links: input.links,
    obsidian: input.obsidianBlockIds ?? true,
  }
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

/** The in-document link to an annotation's passage: `#^id` in Obsidian, `#id` elsewhere. */
function anchorHref(annotation: Annotation, context: RenderContext): string {
  const id = context.blockIds.get(annotation) ?? blockId(annotation.id)
  return context.obsidian ? `#^${id}` : `#${id}`
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

/** Obsidian tags of annotations, de-duplicated as Obsidian does (case-insensitively), first spelling kept. */
function collectTags(
  names: Iterable<string>,
  into = new Map<string, string>(),
): Map<string, string> {
  for (const name of names) {
    const tag = obsidianTag(name)
    if (tag !== null && !into.has(nameKey(tag))) into.set(nameKey(tag), tag)
  }
  return into
}

/**
 * The front matter, kept short so a preview opens on the briefing itself:
 * one line per key, lists in YAML flow style, and the scope (which may name
 * many articles) last.
 */
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
    collectTags([...article.tags, ...annotations.flatMap((a) => a.tags)], tags)
  }
  const sortedTags = [...tags.entries()]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([, tag]) => tag)

  const flow = (values: readonly string[]): string => `[${values.map(yamlString).join(', ')}]`
  const scope =
    input.scope.kind === 'query'
      ? `scope: {kind: ${yamlString('query')}, query: ${yamlString(input.scope.query)}}`
      : `scope: {kind: ${yamlString('articles')}, article-ids: ${flow(input.scope.articleIds)}}`
  return [
    '---',
    `title: ${yamlString(input.title)}`,
    `generated-at: ${yamlString(input.generatedAt)}`,
    ...(input.author ? [`author: ${yamlString(input.author.name)}`] : []),
    ...(input.author?.organisation
      ? [`author-organisation: ${yamlString(input.author.organisation)}`]
      : []),
    ...(input.author?.url ? [`author-url: ${yamlString(input.author.url)}`] : []),
    `sources: ${flow(sources)}`,
    `tags: ${flow(sortedTags)}`,
    scope,
    '---',
  ].join('\n')
}

function summaryLine(
  input: BriefingInput,
  count: number,
  leftOut: readonly { article: ArticleMeta }[],
): string {
  const articles = `${count} ${count === 1 ? 'article' : 'articles'}`
  const scope =
    input.scope.kind === 'query'
      ? `matching the query “${escapeInline(input.scope.query)}”`
      : 'selected by the analyst'
  const when = escapeInline(humanDateTime(input.generatedAt, input.timeZone))
  const line = `Generated ${when} · ${articles} ${scope}`
  if (leftOut.length === 0) return line
  // Say what was read and left out, so the reader knows it was looked at.
  const titles = leftOut.map((a) => `*${escapeHeading(a.article.title)}*`).join('; ')
  return `${line}\\\nAlso read, without annotations: ${titles}`
}

function sourceLines(article: ArticleMeta): string[] {
  const parts: string[] = []
  const site = articleSite(article)
  if (site !== null) parts.push(`**Source:** ${escapeInline(site)}`)
  if (article.byline !== null && article.byline.trim().length > 0) {
    parts.push(`**By:** ${escapeInline(article.byline)}`)
  }
  if (article.publishedAt !== null && article.publishedAt.trim().length > 0) {
    parts.push(`**Published:** ${escapeInline(humanDate(article.publishedAt))}`)
  }
  if (article.url !== null && article.url.trim().length > 0) {
    parts.push(`**URL:** ${markdownLink(article.url, article.url)}`)
  }
  const lines = parts.length > 0 ? [parts.join(' · ')] : []
  if (article.citations.length > 0) {
    lines.push(`**Cited sources:** ${article.citations.map((c) => escapeInline(c)).join('; ')}`)
  }
  return lines
}

/**
 * The analyst's note as a callout of its own, every line inside it: a note
 * that starts with `>`, holds an Obsidian callout or a heading cannot pass
 * for a quoted passage or leak into the document. Obsidian shows the title
 * "Analyst note"; elsewhere `[!NOTE]` is GitHub's note box, titled in bold.
 */
function noteCallout(note: string, context: RenderContext): string {
  const header = context.obsidian
    ? ['> [!note] Analyst note']
    : ['> [!NOTE]', '> **Analyst note**', '>']
  const body = neutraliseNote(note)
    .split('\n')
    .map((line) => (line.length > 0 ? `> ${line}` : '>'))
  return [...header, ...body].join('\n')
}

function claimsTable(claims: readonly Annotation[], context: RenderContext): string {
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
      `[quote](${anchorHref(annotation, context)})`,
    ]
    return [`| ${cells.join(' | ')} |`]
  })
  return [...CLAIMS_TABLE_HEADER, ...rows].join('\n')
}

/** A label cut to a readable length at a word boundary. */
function shortLabel(text: string): string {
  const oneLine = text.replace(/\s+/gu, ' ').trim()
  if (oneLine.length <= MAX_LINK_LABEL) return oneLine
  const cut = oneLine.slice(0, MAX_LINK_LABEL)
  const space = cut.lastIndexOf(' ')
  return `${(space > MAX_LINK_LABEL / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** "«statement» — Article title", linked to the passage when it is in this briefing. */
function endText(end: BriefingLinkEnd, context: RenderContext): string {
  if (end.articleTitle === null) return 'a claim in an article no longer in the library'
  const target = context.inBriefing.get(endKey(end.articleId, end.annotationId))
  const label = end.label === null ? 'a deleted claim' : `«${escapeInline(shortLabel(end.label))}»`
  const claim =
    target === undefined ? label : `[${label}](${anchorHref(target.annotation, context)})`
  const title = escapeInline(shortLabel(end.articleTitle))
  return `${claim} — ${title}${end.articleTrashed ? ' (in the trash)' : ''}`
}

/** Relations that read the same from both ends: the link back says nothing new. */
const SYMMETRIC: ReadonlySet<ClaimRelation> = new Set<ClaimRelation>(['contradicts', 'same-as'])

/** The library's view of a link end, or what the briefing itself knows, or only the ids. */
function resolveEnd(
  relation: ClaimRelation,
  articleId: string,
  annotationId: string,
  known: BriefingLinkEnd | undefined,
  context: RenderContext,
): BriefingLinkEnd | null {
  const target = context.inBriefing.get(endKey(articleId, annotationId))
  if (target !== undefined) {
    return {
      relation,
      articleId,
      annotationId,
      articleTitle: target.article.title,
      articleTrashed: target.article.trashedAt !== null,
      label: annotationLabel(target.annotation),
    }
  }
  return known ?? null
}

/** The link lines of an annotation: the links its claim makes, then those made to it. */
function linkLines(annotation: Annotation, article: ArticleMeta, context: RenderContext): string[] {
  const known = context.links?.(article.id, annotation.id)
  const lines: string[] = []
  if (isClaim(annotation)) {
    for (const link of annotation.claim.links) {
      const fromLibrary = known?.outgoing.find(
        (e) =>
          e.relation === link.relation &&
          e.articleId === link.articleId &&
          e.annotationId === link.annotationId,
      )
      const end = resolveEnd(link.relation, link.articleId, link.annotationId, fromLibrary, context)
      const text =
        end === null
          ? `claim ${escapeInline(link.annotationId)} in article ${escapeInline(link.articleId)}`
          : endText(end, context)
      lines.push(`- ${RELATION_TEXT[link.relation].outgoing} ${text}`)
    }
  }
  const key = endKey(article.id, annotation.id)
  const said = new Set(
    (isClaim(annotation) ? annotation.claim.links : [])
      .filter((l) => SYMMETRIC.has(l.relation))
      .map((l) => `${l.relation}\u0000${endKey(l.articleId, l.annotationId)}`),
  )
  const fromBriefing = context.incoming.get(key) ?? []
  for (const source of fromBriefing) {
    for (const link of source.annotation.claim?.links ?? []) {
      if (endKey(link.articleId, link.annotationId) !== key) continue
      const back = `${link.relation}\u0000${endKey(source.article.id, source.annotation.id)}`
      if (said.has(back)) continue
      const end = resolveEnd(
        link.relation,
        source.article.id,
        source.annotation.id,
        undefined,
        context,
      )
      if (end !== null)
        lines.push(`- ${RELATION_TEXT[link.relation].incoming} ${endText(end, context)}`)
    }
  }
  // Claims outside the briefing that link here, as the library knows them.
  for (const end of known?.incoming ?? []) {
    if (context.inBriefing.has(endKey(end.articleId, end.annotationId))) continue
    if (said.has(`${end.relation}\u0000${endKey(end.articleId, end.annotationId)}`)) continue
    lines.push(`- ${RELATION_TEXT[end.relation].incoming} ${endText(end, context)}`)
  }
  return lines
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
    const text = briefingFieldText(claim, name)
    if (name === 'statement') {
      parts.push(text.length > 0 ? `**Claim:** ${escapeInline(text)}` : '**Claim**')
    } else if (text.length > 0) {
      parts.push(`**${field.shortLabel ?? field.label}:** ${escapeInline(text)}`)
    }
  }
  return parts.join(' · ')
}

/** The passage as a blockquote with its block id: an Obsidian `^id` line, or an HTML anchor. */
function passage(annotation: Annotation, context: RenderContext): string[] {
  const id = context.blockIds.get(annotation) ?? blockId(annotation.id)
  const quote = blockquote(annotation.target.quote.exact)
  // The block id goes on its own line right after the blockquote: that is how
  // Obsidian attaches an id to a quote, so `#^id` links land on the passage.
  if (context.obsidian) return [quote, `^${id}`]
  // GitHub keeps `id` (as `user-content-…`, which its `#id` links find) and
  // drops `^id` lines' meaning; the id holds only letters, digits and dashes.
  return [quote.replace(/^> ?/u, `> <a id="${id}"></a>`)]
}

function annotationSections(
  annotation: Annotation,
  article: ArticleMeta,
  context: RenderContext,
): string[] {
  const sections = passage(annotation, context)
  if (isClaim(annotation)) sections.push(claimLine(annotation.claim))
  const links = linkLines(annotation, article, context)
  if (links.length > 0) sections.push(links.join('\n'))
  const tags = [...new Set(annotation.tags.map(obsidianTag).filter((t) => t !== null))]
  if (tags.length > 0) sections.push(tags.map((t) => `#${t}`).join(' '))
  if (annotation.note.trim().length > 0) {
    sections.push(noteCallout(annotation.note.trim(), context))
  }
  return sections
}

/** An article's heading, source lines and note. */
function articleHeader(
  entry: BriefingArticle,
  level: '##' | '###',
  context: RenderContext,
): string[] {
  const { article } = entry
  const sections = [`${level} ${escapeHeading(article.title)}`, ...sourceLines(article)]
  if (entry.articleNote !== undefined && entry.articleNote.trim().length > 0) {
    sections.push(noteCallout(entry.articleNote.trim(), context))
  }
  return sections
}

function articleSections(entry: BriefingArticle, context: RenderContext): string[] {
  const { article, annotations } = entry
  const sections = articleHeader(entry, '##', context)
  const claims = annotations.filter(isClaim)
  if (claims.length > 0) sections.push('### Claims', claimsTable(claims, context))
  if (annotations.length === 0) {
    sections.push('_No annotations._')
    return sections
  }
  sections.push('### Annotations')
  for (const annotation of annotations) {
    sections.push(...annotationSections(annotation, article, context))
  }
  return sections
}

/** A section of a grouped briefing: its heading and the annotations in it, in briefing order. */
interface Group {
  readonly heading: string
  readonly members: ReadonlySet<Annotation>
}

/** One group per annotation tag (in code-unit order of the tag), then the untagged. */
function tagGroups(articles: readonly BriefingArticle[]): Group[] {
  const byTag = new Map<string, { tag: string; members: Set<Annotation> }>()
  const untagged = new Set<Annotation>()
  for (const { annotations } of articles) {
    for (const annotation of annotations) {
      const tags = collectTags(annotation.tags)
      if (tags.size === 0) untagged.add(annotation)
      for (const [key, tag] of tags) {
        const group = byTag.get(key) ?? { tag, members: new Set<Annotation>() }
        group.members.add(annotation)
        byTag.set(key, group)
      }
    }
  }
  const groups = [...byTag.entries()]
    .sort(([a], [b]) => compareCodeUnits(a, b))
    .map(([, g]) => ({ heading: `Tag: ${escapeHeading(g.tag)}`, members: g.members }))
  if (untagged.size > 0) groups.push({ heading: 'Untagged', members: untagged })
  return groups
}

/** One group per claim status (codebook order, then as met), then highlights and notes. */
function statusGroups(input: BriefingInput, articles: readonly BriefingArticle[]): Group[] {
  const byStatus = new Map<string, Set<Annotation>>()
  for (const status of input.claimStatuses ?? []) byStatus.set(status, new Set())
  const others = new Set<Annotation>()
  for (const { annotations } of articles) {
    for (const annotation of annotations) {
      if (!isClaim(annotation)) {
        others.add(annotation)
        continue
      }
      const members = byStatus.get(annotation.claim.status) ?? new Set<Annotation>()
      members.add(annotation)
      byStatus.set(annotation.claim.status, members)
    }
  }
  const groups: Group[] = [...byStatus.entries()]
    .filter(([, members]) => members.size > 0)
    .map(([status, members]) => ({ heading: `Status: ${escapeHeading(status)}`, members }))
  if (others.size > 0) groups.push({ heading: 'Highlights and notes', members: others })
  return groups
}

/**
 * The groups, each with the articles it draws on as subheadings. An
 * annotation in several groups (several tags) is written out in the first
 * and referred to in the others, so its block id stays unique.
 */
function groupSections(
  groups: readonly Group[],
  articles: readonly BriefingArticle[],
  context: RenderContext,
): string[] {
  const written = new Set<Annotation>()
  const sections: string[] = []
  for (const group of groups) {
    sections.push(`## ${group.heading}`)
    for (const entry of articles) {
      const members = entry.annotations.filter((a) => group.members.has(a))
      if (members.length === 0) continue
      sections.push(`### ${escapeHeading(entry.article.title)}`)
      const claims = members.filter((a) => isClaim(a) && !written.has(a))
      if (claims.length > 0) sections.push(claimsTable(claims, context))
      for (const annotation of members) {
        if (written.has(annotation)) {
          const label = escapeInline(shortLabel(annotationLabel(annotation)))
          sections.push(`See [«${label}»](${anchorHref(annotation, context)}) above.`)
          continue
        }
        written.add(annotation)
        sections.push(...annotationSections(annotation, entry.article, context))
      }
    }
  }
  return sections
}
