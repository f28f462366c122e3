/**
 * Articles and their blocks.
 *
 * Why: every other part of the app (anchoring, search, export, the reader)
 * needs the same answer to "what is the text of this article", so the
 * normalised text is defined once here as the blocks joined by blank lines.
 * Annotation offsets are positions in that text.
 */
import { z } from 'zod'
import { EXTRACTOR_NAMES, type ExtractorName } from '../import/extractors'

/**
 * The kinds of block, declared once (the store's schema, the importers and
 * the reader derive from it). A caption is the text under a picture: kept
 * so the analyst can read and annotate it, but marked apart from the story
 * because it describes the picture rather than telling the story.
 */
export const BLOCK_TYPES = ['heading', 'paragraph', 'quote', 'list-item', 'caption'] as const
export type BlockType = (typeof BLOCK_TYPES)[number]

export const blockSchema = z.strictObject({
  type: z.enum(BLOCK_TYPES),
  text: z.string().min(1),
})
export type Block = z.infer<typeof blockSchema>

export const ARTICLE_STATUSES = ['unread', 'reading', 'done'] as const
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number]

/** Separator between blocks in the normalised text. */
export const BLOCK_SEPARATOR = '\n\n'

/**
 * The metadata fields an analyst can correct, declared once: the contract's
 * `article:edit` input, the CLI's `edit` flags, the reader's inline form and
 * the "edited" marks all derive from this table.
 */
export const EDITABLE_META_FIELDS = [
  { key: 'title', label: 'Title', flag: 'title', nullable: false, maxLength: 2_000 },
  { key: 'source', label: 'Source', flag: 'source', nullable: true, maxLength: 500 },
  { key: 'byline', label: 'Byline', flag: 'byline', nullable: true, maxLength: 1_000 },
  { key: 'publishedAt', label: 'Published', flag: 'published', nullable: true, maxLength: 40 },
  { key: 'url', label: 'URL', flag: 'url', nullable: true, maxLength: 4_000 },
  { key: 'language', label: 'Language', flag: 'language', nullable: true, maxLength: 35 },
] as const
export type EditableMetaField = (typeof EDITABLE_META_FIELDS)[number]['key']
export const EDITABLE_META_KEYS = EDITABLE_META_FIELDS.map((f) => f.key) as [
  EditableMetaField,
  ...EditableMetaField[],
]

/** A published date as the analyst types it: a year, a month or a day (ISO 8601). */
export const PUBLISHED_DATE = /^\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?$/

/** Why a value cannot be stored in a metadata field, or null when it can. */
export function metaFieldProblem(key: EditableMetaField, value: string | null): string | null {
  const field = EDITABLE_META_FIELDS.find((f) => f.key === key)!
  if (value === null) return field.nullable ? null : `${field.label} cannot be empty`
  if (value.trim().length === 0) {
    return field.nullable ? null : `${field.label} cannot be empty`
  }
  if (value.length > field.maxLength)
    return `${field.label} is longer than ${field.maxLength} characters`
  if (key === 'publishedAt' && !PUBLISHED_DATE.test(value))
    return 'Published must be a date like 2024, 2024-03 or 2024-03-18'
  if (key === 'url' && !/^[a-z][a-z0-9+.-]*:\S+$/i.test(value))
    return 'URL must be an address like https://example.com/story'
  if (key === 'language' && !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(value))
    return 'Language must be a language tag like en, ru or pt-BR'
  return null
}

/** The analyst's corrections of an article's metadata: a field present here overrides the extracted value. */
export const metaEditsSchema = z.strictObject({
  title: z.string().min(1).optional(),
  source: z.string().nullable().optional(),
  byline: z.string().nullable().optional(),
  publishedAt: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
  language: z.string().nullable().optional(),
})
export type MetaEdits = z.infer<typeof metaEditsSchema>

/**
 * One version of an article's text as extracted: its body's content hash and
 * the metadata the importer found in it. The first version is the import;
 * later ones come from "update" (the outlet changed the story).
 */
export const articleVersionSchema = z.strictObject({
  contentHash: z.string().min(1),
  addedAt: z.string(),
  fileName: z.string().nullable(),
  title: z.string().min(1),
  titleDerived: z.boolean(),
  source: z.string().nullable(),
  byline: z.string().nullable(),
  publishedAt: z.string().nullable(),
  url: z.string().nullable(),
  language: z.string().nullable(),
  citations: z.array(z.string()),
  wordCount: z.number().int().nonnegative(),
  /** Why the extracted text needs a look (too little of a large page, repeated, mostly short lines), or null. */
  warning: z.string().nullable().optional(),
  /** Which extractor found the text of a web page; absent for other formats and pasted text. */
  extractor: z.enum(EXTRACTOR_NAMES).optional(),
})
export type ArticleVersion = z.infer<typeof articleVersionSchema>

export const articleMetaSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  /** True when the title was derived from the first sentence rather than given. */
  titleDerived: z.boolean(),
  source: z.string().nullable(),
  byline: z.string().nullable(),
  publishedAt: z.string().nullable(),
  url: z.string().nullable(),
  /** A BCP 47 language tag ("en", "pt-BR"), or null when not known. */
  language: z.string().nullable(),
  citations: z.array(z.string()),
  fileName: z.string().nullable(),
  importedAt: z.string(),
  /** The hash of the current version's text. */
  contentHash: z.string().min(1),
  wordCount: z.number().int().nonnegative(),
  status: z.enum(ARTICLE_STATUSES),
  tags: z.array(z.string()),
  /** The fields the analyst corrected (the extracted values are kept and can be restored). */
  edited: z.array(z.enum(EDITABLE_META_KEYS)),
  /** When the article was moved to the trash, or null. */
  trashedAt: z.string().nullable(),
  /** How many versions of the text the library keeps (1 until the article is updated). */
  versionCount: z.number().int().positive(),
  /**
   * Why the current version's extracted text needs a look ("check this
   * import"): too little text from a large page, a text that repeats itself,
   * mostly short lines. Null when it looks like a story.
   */
  importWarning: z.string().nullable(),
  /**
   * Which extractor found the current version's text, when it came from a web
   * page: what "Try the other extractor" offers the other one of.
   */
  extractor: z.enum(EXTRACTOR_NAMES).optional(),
})
export type ArticleMeta = z.infer<typeof articleMetaSchema>

/** An article as the reader shows it: metadata plus its blocks. */
export interface Article extends ArticleMeta {
  readonly blocks: readonly Block[]
}

/** The fields an importer produces; the store adds identity, times and status. */
export interface ImportedArticle {
  readonly title: string
  readonly titleDerived: boolean
  readonly source: string | null
  readonly byline: string | null
  readonly publishedAt: string | null
  readonly url: string | null
  /** The page's declared language (`<html lang>`), when it has one. */
  readonly language?: string | null
  /** Why the extracted text needs a look, when it does (see `extractionWarning`). */
  readonly warning?: string | null
  /** Which extractor found the text of a web page; absent for other formats. */
  readonly extractor?: ExtractorName
  readonly citations: readonly string[]
  readonly blocks: readonly Block[]
}

/** The normalised text of an article: its blocks joined by blank lines. */
export function articleText(blocks: readonly Block[]): string {
  return blocks.map((b) => b.text).join(BLOCK_SEPARATOR)
}

/** Start and end offsets of every block within `articleText(blocks)`. */
export function blockRanges(blocks: readonly Block[]): { start: number; end: number }[] {
  const ranges: { start: number; end: number }[] = []
  let offset = 0
  for (const block of blocks) {
    ranges.push({ start: offset, end: offset + block.text.length })
    offset += block.text.length + BLOCK_SEPARATOR.length
  }
  return ranges
}

/**
 * A word: a run of letters or digits, or one Chinese or Japanese character.
 * Chinese and Japanese write no spaces between words, so a run of their
 * letters is a whole clause; counting each character, as word processors
 * do for them, keeps a Japanese story of 2,000 characters from reading as
 * "40 words" (and being taken for a failed import).
 */
const WORD = new RegExp(
  // A set difference (the `v` flag, ES2024): letters and digits other than
  // those scripts. Built from a string because the project compiles to ES2022.
  String.raw`[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]|[[\p{L}\p{N}]--[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]]+(?:['’\-][[\p{L}\p{N}]--[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]]+)*`,
  'gv',
)

/** Count words the way a reader would: runs of letters or digits, and each Chinese or Japanese character. */
export function countWords(text: string): number {
  return text.match(WORD)?.length ?? 0
}
