/**
 * Articles and their blocks.
 *
 * Why: every other part of the app (anchoring, search, export, the reader)
 * needs the same answer to "what is the text of this article", so the
 * normalised text is defined once here as the blocks joined by blank lines.
 * Annotation offsets are positions in that text.
 */
import { z } from 'zod'

export const BLOCK_TYPES = ['heading', 'paragraph', 'quote', 'list-item'] as const
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

export const articleMetaSchema = z.strictObject({
  id: z.string().min(1),
  title: z.string().min(1),
  /** True when the title was derived from the first sentence rather than given. */
  titleDerived: z.boolean(),
  source: z.string().nullable(),
  byline: z.string().nullable(),
  publishedAt: z.string().nullable(),
  url: z.string().nullable(),
  citations: z.array(z.string()),
  fileName: z.string().nullable(),
  importedAt: z.string(),
  contentHash: z.string().min(1),
  wordCount: z.number().int().nonnegative(),
  status: z.enum(ARTICLE_STATUSES),
  tags: z.array(z.string()),
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

/** Count words the way a reader would: runs of letters or digits. */
export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu)?.length ?? 0
}
