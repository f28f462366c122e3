/**
 * W3C Web Annotation export and parsing (JSON-LD).
 *
 * Why: the W3C Web Annotation Data Model is how annotation tools exchange
 * their work, so two analysts (or this app and another tool) can pass
 * annotations on the same articles back and forth. The export is one
 * `AnnotationCollection` whose single `AnnotationPage` (`first`) holds every
 * annotation: a collection rather than a bare array because it is a single
 * JSON-LD document with one `@context` that the model itself defines, and it
 * carries a label and a total. The parser accepts that, a page, a plain
 * array or a single annotation, so files from other tools read too.
 *
 * Mapping of one annotation:
 * - `id` `urn:workbench:annotation:<id>` (percent-encoded), `type` `Annotation`,
 *   `motivation` `highlighting` (highlight) or `assessing` (claim);
 * - `created`, `modified` and, when the export is given one, `creator`
 *   (the analyst, a `Person` with `name` and `homepage`);
 * - `target` a `SpecificResource` whose `source` is the article as a `Text`
 *   resource. Its `id` is the article's web address when it has one (what
 *   other tools — Hypothesis, Recogito — match annotations by), with
 *   `canonical` `urn:workbench:article:<content hash>`; without an address
 *   the `id` is that URN. The hash (of the article's text, the same in every
 *   library that imported the same text) goes in `canonical` because the
 *   model defines it as the IRI that identifies a resource whatever address
 *   it was reached at, which is what the hash does, and because it needs no
 *   extension: other tools keep it, ours matches by it when the address is
 *   absent or different. The hash names one version of the text; title and
 *   address still name the story after the outlet changed it, so an importer
 *   can keep every annotation on the right article. Then a
 *   `TextQuoteSelector` and a `TextPositionSelector`; positions count
 *   Unicode code points, as the model requires, not UTF-16 units as
 *   JavaScript does;
 * - `body`: `TextualBody`s, one `tagging` per tag and one `commenting` for
 *   the note (`text/markdown`), and for a claim one `describing` body of
 *   type `wb:Claim` whose properties are the claim's fields under their
 *   declared W3C names (`claim-fields.ts`), defined by the workbench
 *   extension context that the document carries inline in its `@context`
 *   ({@link workbenchContext}; docs/formats.md), so a JSON-LD processor
 *   keeps them, offline.
 *
 * The article's own note and tags travel as one more annotation per article,
 * after its passages: `motivation` `commenting` (or `tagging` with tags
 * only), `id` `urn:workbench:article-note:<article id>`, a target with the
 * article's source and no selector (a page note, as Hypothesis writes them),
 * and the same tag and note bodies. The importer adds such a note to the
 * article's note unless the note already holds it, so importing the same
 * file twice adds it once.
 *
 * Files written before the extension carried the claim as JSON in a
 * `TextualBody` (`format` {@link CLAIM_BODY_FORMAT}); the parser reads both.
 *
 * Both directions are pure; matching parsed annotations to articles in a
 * library lives in `src/main/services/w3c-import.ts`.
 */
import { z } from 'zod'
import { type Annotation, type AnnotationKind, type Claim } from '../domain/annotation'
import { articleText } from '../domain/article'
import {
  CLAIM_FIELD_NAMES,
  CLAIM_FIELDS,
  claimFieldText,
  claimLinkSchema,
  isOmitted,
  readClaimLeniently,
} from '../domain/claim-fields'
import type { W3cImportItem, W3cImportReport } from '../ipc/contract'
import { fnv1a64 } from './fnv1a'
import { fromHypothesis, isHypothesisDocument } from './w3c-hypothesis'
import { readSelectors, type RangeSpec } from './w3c-selectors'
import { inDocumentOrder, type BriefingArticle } from './markdown'

export const W3C_ANNOTATION_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
export const ANNOTATION_URN_PREFIX = 'urn:workbench:annotation:'
export const ARTICLE_URN_PREFIX = 'urn:workbench:article:'
export const COLLECTION_URN_PREFIX = 'urn:workbench:collection:'
/** The id prefix of the annotation that carries an article's own note and tags. */
export const ARTICLE_NOTE_URN_PREFIX = 'urn:workbench:article-note:'
/** The namespace of the workbench's JSON-LD terms (the `wb:` prefix). */
export const WORKBENCH_NAMESPACE = 'urn:workbench:ns:'
/** The type of the body that carries a claim's fields. */
export const CLAIM_BODY_TYPE = 'wb:Claim'
/** Media type of the `describing` body that carried a claim's fields as JSON, before the extension context (still read). */
export const CLAIM_BODY_FORMAT = 'application/vnd.analyst-workbench.claim+json'
/** Media type of the `commenting` body that carries the analyst's note. */
export const NOTE_BODY_FORMAT = 'text/markdown'

export interface W3cTextQuoteSelector {
  readonly type: 'TextQuoteSelector'
  readonly exact: string
  readonly prefix?: string
  readonly suffix?: string
}

export interface W3cTextPositionSelector {
  readonly type: 'TextPositionSelector'
  readonly start: number
  readonly end: number
}

export interface W3cTextualBody {
  readonly type: 'TextualBody'
  readonly purpose: 'tagging' | 'commenting' | 'describing'
  readonly value: string
  readonly format?: string
}

/** The `describing` body of a claim: its fields, under their W3C names, as properties. */
export interface W3cClaimBody {
  readonly type: readonly ['TextualBody', typeof CLAIM_BODY_TYPE]
  readonly purpose: 'describing'
  /** The claim in words, for tools that know only textual bodies. */
  readonly value: string
  readonly format: 'text/plain'
  readonly [property: string]: unknown
}

/** The analyst who made the annotations, as the model's `creator`. */
export interface W3cCreator {
  readonly type: 'Person'
  readonly name: string
  readonly homepage?: string
}

/** The annotated article as a target's `source`: its text's IRI, title and web address. */
export interface W3cArticleSource {
  readonly id: string
  readonly type: 'Text'
  readonly title: string
  /** The content hash URN, when `id` is the article's web address. */
  readonly canonical?: string
}

export interface W3cAnnotation {
  readonly id: string
  readonly type: 'Annotation'
  /** `commenting` or `tagging` only for an article's own note and tags. */
  readonly motivation: 'highlighting' | 'assessing' | 'commenting' | 'tagging'
  readonly created: string
  readonly modified: string
  readonly creator?: W3cCreator
  readonly body?: readonly (W3cTextualBody | W3cClaimBody)[]
  /** A passage of the article; for an article's own note, the whole article. */
  readonly target:
    | {
        readonly type: 'SpecificResource'
        readonly source: W3cArticleSource
        readonly selector: readonly [W3cTextQuoteSelector, W3cTextPositionSelector]
      }
    | W3cArticleSource
}

export interface W3cAnnotationPage {
  readonly id: string
  readonly type: 'AnnotationPage'
  readonly startIndex: 0
  readonly items: readonly W3cAnnotation[]
}

export interface W3cAnnotationCollection {
  readonly '@context': readonly [typeof W3C_ANNOTATION_CONTEXT, Readonly<Record<string, unknown>>]
  readonly id: string
  readonly type: 'AnnotationCollection'
  readonly label: string
  readonly total: number
  readonly generated: string
  readonly generator: { readonly id: string; readonly type: 'Software'; readonly name: string }
  readonly first?: W3cAnnotationPage
  readonly last?: string
}

export interface W3cExportOptions {
  /** ISO time of the export, passed in so the output is deterministic. */
  readonly generatedAt: string
  /** The collection's label; defaults to "Analyst Workbench annotations". */
  readonly label?: string
  /** The analyst, from their profile; every annotation names them as its creator. Omitted when absent. */
  readonly creator?: { readonly name: string; readonly url?: string }
}

/** The IRI of an annotation. */
export function annotationUrn(id: string): string {
  return `${ANNOTATION_URN_PREFIX}${encodeURIComponent(id)}`
}

/** The IRI of an article: its content hash, so the same text has the same IRI everywhere. */
export function articleUrn(contentHash: string): string {
  return `${ARTICLE_URN_PREFIX}${encodeURIComponent(contentHash)}`
}

/** A web address that is also an IRI as the model requires: no spaces or excluded characters. */
const WEB_ADDRESS_IRI = /^https?:\/\/[^\s<>"{}|\\^`]+$/iu

/** The article a target points at: the IRI of its text, its title and its web address. */
export function articleSource(article: {
  readonly contentHash: string
  readonly title: string
  readonly url: string | null
}): W3cArticleSource {
  const address = article.url?.trim() ?? ''
  const hash = articleUrn(article.contentHash)
  // Only a web page: an address that is not an IRI (pasted with spaces, say)
  // or not http(s) (`javascript:`) is left out rather than passed on.
  return WEB_ADDRESS_IRI.test(address)
    ? { id: address, type: 'Text', title: article.title, canonical: hash }
    : { id: hash, type: 'Text', title: article.title }
}

/**
 * The workbench extension context, given inline after the model's own so
 * the document needs no network: the `wb:` prefix, two terms the model's
 * context lacks (`title` as `dcterms:title`, the motivation `assessing` as
 * `oa:assessing`), and one term per claim field (its declared W3C name) and per link
 * property, each `wb:<name>`. Links keep their order (`@list`).
 */
export function workbenchContext(): Record<string, unknown> {
  const context: Record<string, unknown> = {
    wb: WORKBENCH_NAMESPACE,
    // The model's context has no term for a resource's title, so a JSON-LD
    // processor would drop the article's title; Dublin Core names it.
    title: 'dcterms:title',
    // The model defines the motivation oa:assessing, but its context omits
    // the term, so a claim's `assessing` would expand to nothing.
    assessing: 'oa:assessing',
  }
  for (const name of CLAIM_FIELD_NAMES) {
    const key = CLAIM_FIELDS[name].w3c
    if (isOmitted(key)) continue
    context[key] = name === 'links' ? { '@id': `wb:${key}`, '@container': '@list' } : `wb:${key}`
  }
  for (const key of Object.keys(claimLinkSchema.shape)) context[key] = `wb:${key}`
  return context
}

/** The analyst as the model's `creator`: a person with a name and, when it is a web page, their homepage. */
function creatorOf(creator: W3cExportOptions['creator']): W3cCreator | null {
  const name = creator?.name.trim() ?? ''
  if (creator === undefined || name.length === 0) return null
  const homepage = creator.url?.trim() ?? ''
  return { type: 'Person', name, ...(WEB_ADDRESS_IRI.test(homepage) ? { homepage } : {}) }
}

/** The local part of a workbench URN, or null when `iri` is not one with that prefix. */
function urnLocalPart(iri: string, prefix: string): string | null {
  if (!iri.startsWith(prefix) || iri.length === prefix.length) return null
  try {
    return decodeURIComponent(iri.slice(prefix.length))
  } catch {
    return null
  }
}

/** Whether the text has a character outside the BMP (two UTF-16 units, one code point). */
function hasSurrogates(text: string): boolean {
  return /[\u{10000}-\u{10FFFF}]/u.test(text)
}

/** The code point offset of a UTF-16 offset in `text`. */
export function toCodePointOffset(text: string, utf16Offset: number): number {
  if (!hasSurrogates(text)) return utf16Offset
  let points = 0
  for (let i = 0; i < utf16Offset && i < text.length; points++) {
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1
  }
  return points
}

/** The UTF-16 offset of a code point offset in `text`; null when past its end. */
export function fromCodePointOffset(text: string, codePointOffset: number): number | null {
  if (!hasSurrogates(text)) return codePointOffset <= text.length ? codePointOffset : null
  let i = 0
  for (let points = 0; points < codePointOffset; points++) {
    if (i >= text.length) return null
    i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1
  }
  return i
}

/**
 * The claim's `describing` body: every declared field under its W3C name,
 * in declaration order. A field with no value (null) is left out, as
 * JSON-LD drops nulls anyway; reading it back gives the field's starting
 * value, which is null for every field that can be null.
 */
function claimBody(claim: Claim): W3cClaimBody {
  // A textual body that is also a claim: tools that know only the model read
  // the claim in words (`value`); the extension's properties carry its fields.
  const fields: Record<string, unknown> = {
    type: ['TextualBody', CLAIM_BODY_TYPE],
    purpose: 'describing',
    value: claimInWords(claim),
    format: 'text/plain',
  }
  for (const name of CLAIM_FIELD_NAMES) {
    const key = CLAIM_FIELDS[name].w3c
    if (isOmitted(key) || claim[name] === null) continue
    fields[key] =
      name === 'links'
        ? claim.links.map((l) => ({
            relation: l.relation,
            articleId: l.articleId,
            annotationId: l.annotationId,
          }))
        : claim[name]
  }
  return fields as W3cClaimBody
}

/** A claim in words: every field the declarations show, "Label: value", one per line. */
function claimInWords(claim: Claim): string {
  const lines: string[] = []
  for (const name of CLAIM_FIELD_NAMES) {
    if (name === 'links') continue
    const text = claimFieldText(claim, name).trim()
    if (text.length > 0) lines.push(`${CLAIM_FIELDS[name].label}: ${text}`)
  }
  return lines.join('\n')
}

/** Whether a body is a claim body of the extension (by compact or full type). */
function isClaimBody(body: unknown): body is Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false
  const type = (body as Record<string, unknown>)['type']
  const types = Array.isArray(type) ? (type as unknown[]) : [type]
  return types.some((t) => t === CLAIM_BODY_TYPE || t === `${WORKBENCH_NAMESPACE}Claim`)
}

/** Each claim field's name by its W3C property name, from the declarations. */
const FIELD_BY_W3C_KEY: ReadonlyMap<string, string> = new Map(
  CLAIM_FIELD_NAMES.flatMap((name) => {
    const key = CLAIM_FIELDS[name].w3c
    return isOmitted(key) ? [] : [[key, name] as const]
  }),
)

/** A claim body's fields renamed from their W3C names to the claim's own (unknown keys kept, to be reported). */
function fromW3cKeys(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>
  for (const [key, value] of Object.entries(fields)) out[FIELD_BY_W3C_KEY.get(key) ?? key] = value
  return out
}

/** One `tagging` body per tag and a `commenting` body for a note that is not blank. */
function tagAndNoteBodies(tags: readonly string[], note: string): W3cTextualBody[] {
  const bodies: W3cTextualBody[] = tags.map((tag) => ({
    type: 'TextualBody',
    purpose: 'tagging',
    value: tag,
  }))
  if (note.length > 0) {
    bodies.push({
      type: 'TextualBody',
      purpose: 'commenting',
      value: note,
      format: NOTE_BODY_FORMAT,
    })
  }
  return bodies
}

function bodiesOf(annotation: Annotation): (W3cTextualBody | W3cClaimBody)[] {
  const bodies: (W3cTextualBody | W3cClaimBody)[] = tagAndNoteBodies(
    annotation.tags,
    annotation.note,
  )
  if (annotation.kind === 'claim' && annotation.claim !== null) {
    bodies.push(claimBody(annotation.claim))
  }
  return bodies
}

/**
 * One annotation in the W3C model.
 *
 * `text` is the article's text, to count positions in code points; without
 * it positions are passed through as they are (right for text in the BMP).
 */
export function toW3cAnnotation(
  annotation: Annotation,
  article: Parameters<typeof articleSource>[0],
  text?: string,
  creator?: W3cCreator,
): W3cAnnotation {
  const { quote, position } = annotation.target
  const quoteSelector: W3cTextQuoteSelector = {
    type: 'TextQuoteSelector',
    exact: quote.exact,
    ...(quote.prefix.length > 0 ? { prefix: quote.prefix } : {}),
    ...(quote.suffix.length > 0 ? { suffix: quote.suffix } : {}),
  }
  const positionSelector: W3cTextPositionSelector = {
    type: 'TextPositionSelector',
    start: text === undefined ? position.start : toCodePointOffset(text, position.start),
    end: text === undefined ? position.end : toCodePointOffset(text, position.end),
  }
  const bodies = bodiesOf(annotation)
  return {
    id: annotationUrn(annotation.id),
    type: 'Annotation',
    motivation: annotation.kind === 'claim' ? 'assessing' : 'highlighting',
    created: annotation.createdAt,
    modified: annotation.updatedAt,
    ...(creator === undefined ? {} : { creator }),
    ...(bodies.length > 0 ? { body: bodies } : {}),
    target: {
      type: 'SpecificResource',
      source: articleSource(article),
      selector: [quoteSelector, positionSelector],
    },
  }
}

/**
 * The article's own note and tags as a page note: the whole article is the
 * target (no selector); null when it has neither. `created` is the
 * article's import time and `modified` the latest of that and its
 * annotations' changes: the library keeps no time for a change to the
 * article's note or tags, and this keeps the export deterministic.
 */
function articleNoteAnnotation(
  entry: BriefingArticle,
  creator: W3cCreator | undefined,
): W3cAnnotation | null {
  const { article } = entry
  const note = entry.articleNote?.trim() ?? ''
  const tags = article.tags
  if (note.length === 0 && tags.length === 0) return null
  const times = [article.importedAt, ...entry.annotations.map((a) => a.updatedAt)].sort()
  return {
    id: `${ARTICLE_NOTE_URN_PREFIX}${encodeURIComponent(article.id)}`,
    type: 'Annotation',
    motivation: note.length > 0 ? 'commenting' : 'tagging',
    created: article.importedAt,
    modified: times[times.length - 1] ?? article.importedAt,
    ...(creator === undefined ? {} : { creator }),
    body: tagAndNoteBodies(tags, note),
    // The whole article: the target is the article itself, no part of it.
    target: articleSource(article),
  }
}

/** The annotations of the given articles as one W3C `AnnotationCollection`, as an object. */
export function buildW3cCollection(
  articles: readonly BriefingArticle[],
  options: W3cExportOptions,
): W3cAnnotationCollection {
  const items: W3cAnnotation[] = []
  const creator = creatorOf(options.creator) ?? undefined
  for (const entry of articles) {
    const { article, annotations } = entry
    const text = article.blocks === undefined ? undefined : articleText(article.blocks)
    for (const annotation of inDocumentOrder(annotations)) {
      items.push(toW3cAnnotation(annotation, article, text, creator))
    }
    const pageNote = articleNoteAnnotation(entry, creator)
    if (pageNote !== null) items.push(pageNote)
  }
  // Named by its content, so the same export always has the same IRI.
  const id = `${COLLECTION_URN_PREFIX}${fnv1a64(JSON.stringify(items))}`
  const pageId = `${id}:page:1`
  return {
    '@context': [W3C_ANNOTATION_CONTEXT, workbenchContext()],
    id,
    type: 'AnnotationCollection',
    label: options.label ?? 'Analyst Workbench annotations',
    total: items.length,
    generated: options.generatedAt,
    generator: { id: 'urn:workbench:app', type: 'Software', name: 'Analyst Workbench' },
    // The model has no pages when there is nothing in the collection.
    ...(items.length > 0
      ? { first: { id: pageId, type: 'AnnotationPage', startIndex: 0, items }, last: pageId }
      : {}),
  }
}

/** Render the annotations of the given articles as a W3C JSON-LD document. */
export function exportW3cAnnotations(
  articles: readonly BriefingArticle[],
  options: W3cExportOptions,
): string {
  return `${JSON.stringify(buildW3cCollection(articles, options), null, 2)}\n`
}

// ---------------------------------------------------------------------------
// Import report wording, shared by the window and the command line

function counted(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`
}

/**
 * What an import did, in one line: "150 annotations: 125 placed, 7 drifted
 * (wording changed), 18 kept as orphans on their article, 0 refused; 0
 * duplicates, 0 invalid".
 */
export function summariseW3cImport(report: W3cImportReport): string {
  return (
    `${counted(report.total, 'annotation')}: ${report.placed} placed, ` +
    `${report.drifted} drifted (wording changed), ` +
    `${counted(report.orphaned, 'kept as an orphan', 'kept as orphans')} on their article, ` +
    `${report.refused} refused; ${counted(report.duplicates, 'duplicate')}, ${report.invalid} invalid`
  )
}

/** One entry of the report as a line: `#12 drifted on "Title": why — "quote"`. */
export function describeW3cImportItem(item: W3cImportItem): string {
  const where = item.articleTitle === null ? '' : ` on "${item.articleTitle}"`
  const quote = item.quote === '' ? '' : ` — "${item.quote}"`
  return `#${item.index + 1} ${item.outcome}${where}: ${item.reason}${quote}`
}

// ---------------------------------------------------------------------------
// Parsing
//
// Besides our own export, other tools' files: Hypothesis's export and API
// response (rewritten by `w3c-hypothesis.ts`), `bodyValue`, bodies by IRI
// (kept as link lines of the note), language-tagged and HTML bodies, several
// targets (one passage each), page notes, and selectors read by
// `w3c-selectors.ts` (`refinedBy`, text `RangeSelector`s). What cannot be
// used is listed with why, never dropped silently.

/** One annotation read from a W3C document, before it is matched to an article. */
export interface ParsedW3cAnnotation {
  /** Where the item is in the document's list of annotations, from 0 (unusable items count too). */
  readonly index: number
  /** Our annotation id when `id` is a workbench annotation URN; else null. */
  readonly localId: string | null
  /** `target.source` as written (its `id` when it is an object). */
  readonly source: string
  /** The content hash when `source` is a workbench article URN; else null. */
  readonly contentHash: string | null
  /**
   * What else the document says about the annotated article: the web page
   * it came from (`via` or `canonical` of the source, a `source` that is a
   * web address, or the target's `scope`) and its title; null when not said.
   */
  readonly article: { readonly url: string | null; readonly title: string | null }
  readonly quote: {
    readonly exact: string
    readonly prefix: string
    readonly suffix: string
  } | null
  /** In code points, as the model counts them. */
  readonly position: { readonly start: number; readonly end: number } | null
  /**
   * A passage given as a range of text selectors (another tool's
   * `RangeSelector`), found in the article's text when it is matched; then
   * `quote` and `position` are null.
   */
  readonly range: RangeSpec | null
  /**
   * A note on the whole page (a target with no selector, as Hypothesis and
   * others write): no passage; its note and tags go to the article itself.
   */
  readonly pageNote: boolean
  readonly kind: AnnotationKind
  readonly tags: readonly string[]
  readonly note: string
  /** The claim's fields when the document carried them; null for a highlight or a bare claim. */
  readonly claim: Claim | null
  /** What of the claim's fields could not be read (each such field kept its default), in words. */
  readonly claimProblems: readonly string[]
  readonly created: string | null
  readonly modified: string | null
}

/** An item, or one target of an item, this app cannot use, and why. */
export interface RejectedW3cItem {
  /** Where the item is in the document's list of annotations, from 0. */
  readonly index: number
  /** What is wrong with it, in words for the analyst. */
  readonly reason: string
  /** Its quote when it gives one, else ''. */
  readonly quote: string
}

export interface W3cParseResult {
  /**
   * One per passage: an annotation with several targets (Recogito writes
   * several ranges) gives one per target, each with the item's note and tags.
   */
  readonly annotations: readonly ParsedW3cAnnotation[]
  /** Items (or targets of them) that are not annotations this app can use, each with why. */
  readonly rejected: readonly RejectedW3cItem[]
  /** `rejected.length`. */
  readonly invalid: number
}

/** A W3C document that is not JSON or has no annotations in a shape we know. */
export class W3cFormatError extends Error {}

const oneOrMany = <T extends z.ZodType>(schema: T) =>
  z.union([schema, z.array(schema)]).transform((v) => (Array.isArray(v) ? v : [v]))

const quoteSelectorInput = z.looseObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(100_000),
  prefix: z.string().max(10_000).optional(),
  suffix: z.string().max(10_000).optional(),
})
const positionSelectorInput = z
  .looseObject({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((s) => s.end > s.start)
const selectorInput = z.union([quoteSelectorInput, positionSelectorInput, z.looseObject({})])

const sourceObjectInput = z.looseObject({
  id: z.string().min(1),
  title: z.unknown().optional(),
  via: z.unknown().optional(),
  canonical: z.unknown().optional(),
})
const specificResourceInput = z.looseObject({
  // Optional: RecogitoJS writes targets with selectors and no source.
  source: z.union([z.string().min(1), sourceObjectInput]).optional(),
  selector: oneOrMany(selectorInput).optional(),
  scope: z.unknown().optional(),
})

const textualBodyInput = z.looseObject({
  type: z.string().optional(),
  value: z.string().max(200_000),
  purpose: z.string().optional(),
  format: z.string().optional(),
})
const bodyInput = z.union([textualBodyInput, z.looseObject({}), z.string()])

const annotationInput = z.looseObject({
  id: z.string().optional(),
  type: z.union([
    z.literal('Annotation'),
    z.array(z.string()).refine((t) => t.includes('Annotation')),
  ]),
  motivation: oneOrMany(z.string()).optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
  body: oneOrMany(bodyInput).optional(),
  bodyValue: z.string().max(200_000).optional(),
  target: oneOrMany(z.union([specificResourceInput, z.string()])),
})
type AnnotationInput = z.infer<typeof annotationInput>

const MAX_TAGS = 100
const MAX_TAG_LENGTH = 200
const MAX_NOTE_LENGTH = 200_000

/** The annotations a document holds: a collection (its pages), a page, an array or one annotation. */
function itemsOf(document: unknown): unknown[] {
  if (Array.isArray(document)) return document
  if (typeof document !== 'object' || document === null) {
    throw new W3cFormatError('expected a JSON object or array of annotations')
  }
  const record = document as Record<string, unknown>
  // Hypothesis's own export (`annotations`) or its API's search response (`rows`).
  const hypothesis = isHypothesisDocument(record)
  if (hypothesis !== null) return hypothesis.map(fromHypothesis)
  const type = record['type']
  const types = Array.isArray(type) ? type : [type]
  if (types.includes('AnnotationCollection')) {
    const first = record['first']
    if (first === undefined) return []
    const pages = Array.isArray(first) ? first : [first]
    return pages.flatMap((page) => {
      const items = (page as Record<string, unknown> | null)?.['items']
      if (!Array.isArray(items)) {
        throw new W3cFormatError(
          'the collection\'s page has no "items" (pages given by IRI only cannot be read offline)',
        )
      }
      return items
    })
  }
  if (types.includes('AnnotationPage')) {
    const items = record['items']
    if (!Array.isArray(items)) throw new W3cFormatError('the annotation page has no "items"')
    return items
  }
  if (types.includes('Annotation')) return [document]
  throw new W3cFormatError('expected an Annotation, AnnotationPage, AnnotationCollection or array')
}

const MAX_ADDRESS_LENGTH = 4_000
const MAX_TITLE_LENGTH = 2_000

/** A web address from a property that holds an IRI, an object with an `id`, or a list of them. */
function webAddressIn(value: unknown): string | null {
  const first = Array.isArray(value) ? (value as unknown[])[0] : value
  const iri =
    typeof first === 'string'
      ? first
      : typeof first === 'object' && first !== null
        ? (first as Record<string, unknown>)['id']
        : undefined
  if (typeof iri !== 'string') return null
  const trimmed = iri.trim()
  return /^https?:\/\/\S+$/iu.test(trimmed) && trimmed.length <= MAX_ADDRESS_LENGTH ? trimmed : null
}

/** The article's web address and title as the target describes them. */
function articleOf(target: z.infer<typeof specificResourceInput>): ParsedW3cAnnotation['article'] {
  const object = typeof target.source === 'string' ? null : (target.source ?? null)
  const url =
    webAddressIn(object?.via) ??
    webAddressIn(object?.canonical) ??
    webAddressIn(object === null ? target.source : object.id) ??
    webAddressIn(target.scope)
  const rawTitle =
    typeof object?.title === 'string' ? object.title.replace(/\s+/gu, ' ').trim() : ''
  const title = rawTitle.length > 0 && rawTitle.length <= MAX_TITLE_LENGTH ? rawTitle : null
  return { url, title }
}

/** Plain text of an HTML body (dokieli writes `text/html` notes): tags dropped, common entities decoded. */
function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/giu, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/giu, '\n\n')
    .replace(/<[^>]*>/gu, '')
    .replace(/&(lt|gt|quot|apos|nbsp|amp);/gu, (_m, name: string) => HTML_ENTITIES[name] ?? '')
    .replace(/\n{3,}/gu, '\n\n')
    .trim()
}

const HTML_ENTITIES: Readonly<Record<string, string>> = Object.assign(Object.create(null), {
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  amp: '&',
})

/** A body given by reference (an IRI, or an object with only an `id` or `source`): its address. */
function linkOf(body: unknown): string | null {
  if (typeof body === 'string') return body.trim().length > 0 ? body.trim() : null
  if (typeof body !== 'object' || body === null) return null
  const record = body as Record<string, unknown>
  for (const key of ['source', 'id']) {
    const value = record[key]
    if (typeof value === 'string' && value.trim().length > 0) return value.trim()
  }
  return null
}

/** The claim body's properties that are the body's own, not claim fields. */
const CLAIM_BODY_ENVELOPE = new Set([
  'id',
  'type',
  'purpose',
  'value',
  'format',
  'language',
  '@context',
  'creator',
  'created',
  'modified',
])

/** What an annotation's bodies say: tags, note lines in order, and a claim. */
function readBodies(input: AnnotationInput): {
  tags: string[]
  note: string
  claim: Claim | null
  claimBody: boolean
  claimProblems: string[]
} {
  let claimProblems: string[] = []
  const motivations = input.motivation ?? []
  const tags: string[] = []
  const notes: { text: string; language: string | null }[] = []
  let claim: Claim | null = null
  let claimBody = false
  // `bodyValue` is the model's shorthand for one plain-text body.
  const bodies: unknown[] = [
    ...(input.bodyValue === undefined ? [] : [{ type: 'TextualBody', value: input.bodyValue }]),
    ...(input.body ?? []),
  ]
  for (const body of bodies) {
    if (isClaimBody(body)) {
      // The extension's claim body: its properties are the claim's fields.
      claimBody = true
      const fields: Record<string, unknown> = Object.create(null) as Record<string, unknown>
      for (const [key, value] of Object.entries(body)) {
        if (!CLAIM_BODY_ENVELOPE.has(key)) fields[key] = value
      }
      const read = readClaimLeniently(fromW3cKeys(fields), '', { claimStatuses: [] })
      claim = read.claim
      claimProblems = [...read.problems]
      continue
    }
    const textual = textualBodyInput.safeParse(body)
    if (!textual.success) {
      // A body by reference (a linked comment, a vocabulary term): kept as a
      // link line of the note rather than dropped, since it cannot be read offline.
      const link = linkOf(body)
      if (link !== null && link.length <= MAX_ADDRESS_LENGTH) {
        notes.push({ text: `<${link}>`, language: null })
      }
      continue
    }
    const { value, purpose, format, type } = textual.data
    if (type !== undefined && type !== 'TextualBody') continue
    const language = (body as Record<string, unknown>)['language']
    if (format === CLAIM_BODY_FORMAT) {
      claimBody = true
      try {
        const fields: unknown = JSON.parse(value)
        if (typeof fields === 'object' && fields !== null && !Array.isArray(fields)) {
          // Field by field: one unknown or bad field keeps the others.
          // A missing statement stays blank: a blank statement is named by its passage.
          const read = readClaimLeniently(fromW3cKeys(fields as Record<string, unknown>), '', {
            claimStatuses: [],
          })
          claim = read.claim
          claimProblems = [...read.problems]
        }
      } catch {
        // Unreadable claim fields: the annotation stays a claim with default fields.
      }
    } else if (
      purpose === 'tagging' ||
      (purpose === undefined && motivations.includes('tagging'))
    ) {
      if (value.trim().length > 0) tags.push(value)
    } else {
      const text = format === 'text/html' ? htmlToText(value) : value
      if (text.trim().length > 0) {
        notes.push({ text, language: typeof language === 'string' ? language : null })
      }
    }
  }
  // Bodies in several languages (translations of one comment) each say which.
  const languages = new Set(notes.map((n) => n.language).filter((l) => l !== null))
  const note = notes
    .map((n) => (languages.size > 1 && n.language !== null ? `[${n.language}] ${n.text}` : n.text))
    .join('\n\n')
  return { tags, note, claim, claimBody, claimProblems }
}

/** Why an item is not an annotation at all, in words. */
function shapeProblem(item: unknown): string {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    return 'not an annotation (not a JSON object)'
  }
  const record = item as Record<string, unknown>
  const type = record['type']
  const types = Array.isArray(type) ? type : [type]
  if (!types.includes('Annotation')) return 'not an annotation (its "type" is not "Annotation")'
  if (record['target'] === undefined) return 'it has no target'
  return 'its target or body is not in a shape the W3C model allows'
}

/** The first quote any selector of a target gives, for the report. */
function anyQuote(selectors: readonly Record<string, unknown>[]): string {
  for (const selector of selectors) {
    const exact = selector['exact']
    if (typeof exact === 'string') return exact
  }
  return ''
}

/** The annotations one item gives (one per target with a passage), or why it gives none. */
function parseOne(
  item: unknown,
  index: number,
): { annotations: ParsedW3cAnnotation[]; rejected: RejectedW3cItem[] } {
  const reject = (reason: string, quote = '') => ({
    annotations: [],
    rejected: [{ index, reason, quote }],
  })
  const parsed = annotationInput.safeParse(item)
  if (!parsed.success) return reject(shapeProblem(item))
  const input = parsed.data
  const motivations = input.motivation ?? []
  const { tags, note, claim, claimBody, claimProblems } = readBodies(input)
  if (tags.length > MAX_TAGS) return reject(`it has more than ${MAX_TAGS} tags`)
  if (tags.some((t) => t.length > MAX_TAG_LENGTH)) {
    return reject(`a tag is longer than ${MAX_TAG_LENGTH} characters`)
  }
  if (note.length > MAX_NOTE_LENGTH) return reject('its note is too long')

  const common = {
    index,
    localId: input.id === undefined ? null : urnLocalPart(input.id, ANNOTATION_URN_PREFIX),
    kind: (claimBody || motivations.includes('assessing')
      ? 'claim'
      : 'highlight') as AnnotationKind,
    tags,
    note,
    claim,
    claimProblems,
    created: input.created ?? null,
    modified: input.modified ?? null,
  }
  const located = (given: z.infer<typeof specificResourceInput> | string) => {
    // A target that is the resource itself (an id, no source) stands for its whole text.
    const target =
      typeof given !== 'string' && given.source === undefined && typeof given['id'] === 'string'
        ? { ...given, source: given as z.infer<typeof sourceObjectInput> }
        : given
    const source =
      typeof target === 'string'
        ? target
        : typeof target.source === 'string'
          ? target.source
          : (target.source?.id ?? '')
    const canonical =
      typeof target === 'string' || typeof target.source !== 'object'
        ? undefined
        : target.source.canonical
    return {
      source,
      // Our export names the text by its hash in `id`, or in `canonical` when `id` is its address.
      contentHash:
        urnLocalPart(source, ARTICLE_URN_PREFIX) ??
        (typeof canonical === 'string' ? urnLocalPart(canonical, ARTICLE_URN_PREFIX) : null),
      article:
        typeof target === 'string' ? { url: webAddressIn(target), title: null } : articleOf(target),
    }
  }

  const withSelectors = input.target.filter(
    (t): t is z.infer<typeof specificResourceInput> =>
      typeof t !== 'string' && (t.selector ?? []).length > 0,
  )
  if (input.target.length === 0) return reject('it has no target')
  if (withSelectors.length === 0) {
    if (motivations.includes('replying')) {
      return reject('a reply to another annotation, with no passage of its own')
    }
    if (note.length === 0 && tags.length === 0) {
      return reject('no passage (its target is the whole page) and no note or tags to keep')
    }
    // A page note: the note is the point, not a passage.
    const page = input.target.find((t) => typeof t !== 'string') ?? input.target[0]!
    return {
      annotations: [
        {
          ...common,
          ...located(page),
          quote: null,
          position: null,
          range: null,
          pageNote: true,
        },
      ],
      rejected: [],
    }
  }

  const annotations: ParsedW3cAnnotation[] = []
  const rejected: RejectedW3cItem[] = []
  for (const target of withSelectors) {
    const selectors = target.selector ?? []
    const reading = readSelectors(selectors)
    if (reading.kind === 'unusable') {
      rejected.push({ index, reason: reading.reason, quote: anyQuote(selectors) })
      continue
    }
    annotations.push({
      ...common,
      ...located(target),
      quote: reading.kind === 'text' ? reading.spec.quote : null,
      position: reading.kind === 'text' ? reading.spec.position : null,
      range: reading.kind === 'range' ? reading.range : null,
      pageNote: false,
    })
  }
  return { annotations, rejected }
}

/**
 * Read the annotations of a W3C Web Annotation JSON-LD document, or of a
 * Hypothesis export or API search response.
 *
 * Throws {@link W3cFormatError} when the text is not JSON or not an
 * annotation document at all; annotations that cannot be used are listed in
 * `rejected`, each with why, rather than failing the whole document.
 */
export function parseW3cAnnotations(text: string): W3cParseResult {
  let document: unknown
  try {
    document = JSON.parse(text.replace(/^\uFEFF/u, ''))
  } catch (error) {
    throw new W3cFormatError(`not JSON: ${(error as Error).message}`)
  }
  const annotations: ParsedW3cAnnotation[] = []
  const rejected: RejectedW3cItem[] = []
  for (const [index, item] of itemsOf(document).entries()) {
    const one = parseOne(item, index)
    annotations.push(...one.annotations)
    rejected.push(...one.rejected)
  }
  return { annotations, rejected, invalid: rejected.length }
}
