/**
 * Turn what a format parser found into an `ImportedArticle`.
 *
 * Why: plain text, Markdown and HTML disagree on syntax but not on what an
 * article is. The steps every format needs (character cleanup, removing site
 * chrome, choosing a title, collecting citations, validating blocks) live
 * here once so the three formats cannot drift apart.
 */
import { blockSchema, countWords, type Block, type BlockType } from '../../shared/domain/article'
import type { ExtractorName } from '../../shared/import/extractors'
import { extractCitations, detectSource } from './citations'
import type { ParseOutcome } from './outcome'
import { REASONS } from './rejections'
import { removeChrome } from './site-chrome'
import { cleanBlockText, cleanTitle, collapseWhitespace } from './text-cleanup'
import { deriveTitle } from './title'

/** What a format parser hands over: raw blocks and whatever metadata it found. */
export interface ArticleDraft {
  /** The title the document gives itself, if any. */
  readonly title: string | null
  readonly blocks: readonly DraftBlock[]
  readonly source?: string | null
  readonly byline?: string | null
  readonly publishedAt?: string | null
  readonly url?: string | null
  /** The language the document declares (`<html lang>`, front matter `lang`). */
  readonly language?: string | null
  /** Which extractor found the text of a web page. */
  readonly extractor?: ExtractorName
  /** Why the text needs a look, when the parser can tell (mostly links, one table). */
  readonly warning?: string | null
}

/** A parser's refusal, for input it cannot read safely. */
export interface DraftRejection {
  readonly rejected: string
}

export interface DraftBlock {
  readonly type: BlockType
  readonly text: string
}

/** Used only if the body has words but none of them survive into a title. */
const UNTITLED = 'Untitled article'

/** Finish a parsed draft into an article, or say why there is nothing to import. */
export function finishArticle(draft: ArticleDraft): ParseOutcome {
  const cleaned: Block[] = []
  for (const block of draft.blocks) {
    const text = cleanBlockText(block.text)
    if (text !== '') cleaned.push({ type: block.type, text })
  }

  const blocks = removeChrome(
    cleaned,
    (block) => block.text,
    (block, text) => ({ type: block.type, text }),
  )

  const givenTitle = draft.title === null ? '' : cleanTitle(draft.title)
  // Documents often repeat their title as the first heading; shown twice it
  // would also be counted twice by search.
  const first = blocks[0]
  if (
    givenTitle !== '' &&
    first?.type === 'heading' &&
    sameText(first.text, givenTitle) &&
    blocks.length > 1
  ) {
    blocks.shift()
  }

  if (blocks.length === 0 || !blocks.some((block) => countWords(block.text) > 0)) {
    return { ok: false, reason: REASONS.noText }
  }

  let title = givenTitle
  let titleDerived = false
  if (title === '') {
    // A caption describes a picture, not the story: never the title's basis.
    const basis =
      blocks.find((block) => block.type !== 'heading' && block.type !== 'caption') ?? blocks[0]
    title = basis ? deriveTitle(basis.text) : ''
    titleDerived = true
  }
  if (title === '') title = UNTITLED

  const texts = blocks.map((block) => block.text)
  for (const block of blocks) blockSchema.parse(block)

  return {
    ok: true,
    article: {
      title,
      titleDerived,
      source: singleLine(draft.source) ?? detectSource(texts),
      byline: singleLine(draft.byline),
      publishedAt: singleLine(draft.publishedAt),
      url: httpUrlOrNull(draft.url),
      language: languageTag(draft.language),
      citations: extractCitations(texts),
      blocks,
      ...(draft.extractor ? { extractor: draft.extractor } : {}),
      ...(draft.warning ? { warning: draft.warning } : {}),
    },
  }
}

/** A declared language as a BCP 47 tag ("en", "pt-BR"), or null when absent or malformed. */
function languageTag(value: string | null | undefined): string | null {
  const tag = value?.trim().replace(/_/g, '-') ?? ''
  if (!/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return null
  const [primary = '', ...rest] = tag.split('-')
  return [
    primary.toLowerCase(),
    ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part)),
  ].join('-')
}

function sameText(a: string, b: string): boolean {
  const fold = (text: string): string => collapseWhitespace(text).toLocaleLowerCase()
  return fold(a) === fold(b)
}

function singleLine(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const text = cleanTitle(value)
  return text === '' ? null : text
}

/**
 * Keep a URL only if it is absolute http(s).
 *
 * The URL is shown as a link in the reader; `javascript:` or `file:` URLs
 * from a hostile page must never become clickable.
 */
export function httpUrlOrNull(value: string | null | undefined): string | null {
  if (!value) return null
  try {
    const url = new URL(value.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null
  } catch {
    return null
  }
}
