/**
 * Whether an imported text looks like the story, or like extraction gone wrong.
 *
 * Why: on real pages an importer sometimes keeps the wrong part of the page
 * (a table of e-mail rows, a list of signatories, 16 words of navigation)
 * or the story twice, and said "imported" all the same. Such an import is
 * kept (it may be right, and the analyst decides) but carries a visible
 * "check this import" mark with the reason. The checks look only at what
 * was extracted and the size of the file it came from, so they are the same
 * for every format.
 */
import { countWords, type Block, type ImportedArticle } from '../../shared/domain/article'

/** Formats whose files carry a whole web page around the story. */
const PAGE_FORMATS = /\.(html?|xhtml|mhtml?|mht)$/i

/** A page file at least this large is expected to hold more than a few lines of story. */
const BIG_PAGE_BYTES = 20 * 1024
/**
 * Fewer words than this from a big page: the story was probably missed.
 * Measured on the 181 pages of the extraction benchmark: real stories as
 * short as 66 words exist (a paywalled teaser, a breaking-news item), so
 * the line sits well below them.
 */
const TINY_WORDS = 40

/** A paragraph this long appearing twice is a repeat, not a refrain. */
const REPEAT_MIN_WORDS = 8
/** Paragraphs repeated one after another, in the same order, before it counts as a repeated body. */
const REPEAT_RUN = 3
/** Share of the words that sit in repeated runs at which the text counts as repeated. */
const REPEATED_SHARE = 0.3

/** Blocks this short are menu items, link lists, table cells or names. */
const SHORT_BLOCK_WORDS = 4
/** With at least this many blocks, a majority of short ones means the wrong container. */
const SHORT_BLOCKS_MIN = 20
const SHORT_SHARE = 0.6

/**
 * Why an extracted text needs the analyst's eye, or null when it looks
 * like a story: too little text from a large page, a text that repeats
 * itself, or mostly short lines (menus, link lists, table rows, names).
 * Caption blocks are left out of every count.
 */
export function extractionWarning(
  allBlocks: readonly Block[],
  file: { readonly name: string; readonly byteLength: number },
): string | null {
  // The checks ask whether the story was found: captions are not the story.
  const blocks = allBlocks.filter((block) => block.type !== 'caption')
  const words = blocks.map((b) => countWords(b.text))
  const total = words.reduce((a, b) => a + b, 0)
  if (PAGE_FORMATS.test(file.name) && file.byteLength >= BIG_PAGE_BYTES && total < TINY_WORDS) {
    const kb = Math.round(file.byteLength / 1024)
    return `Only ${total} words were found in a page of ${kb} KB: the story itself may have been missed.`
  }
  const repeated = repeatedRunBlocks(blocks)
  const repeatedBlocks = repeated.length
  const repeatedWords = repeated.reduce((sum, i) => sum + (words[i] ?? 0), 0)
  if (total > 0 && repeatedWords / total >= REPEATED_SHARE) {
    return `${repeatedBlocks} paragraphs appear twice in the same order: the page's text may have been taken twice.`
  }
  const short = words.filter((n) => n <= SHORT_BLOCK_WORDS).length
  if (blocks.length >= SHORT_BLOCKS_MIN && short / blocks.length >= SHORT_SHARE) {
    return `${short} of ${blocks.length} paragraphs are a few words long (menus, link lists, table rows or names): check that this is the story.`
  }
  return null
}

/**
 * The indexes of blocks that repeat earlier ones in runs: at least
 * REPEAT_RUN paragraphs of REPEAT_MIN_WORDS words or more, each the same
 * (ignoring case and spacing) as an earlier one, in the same order. A body
 * taken twice repeats this way; single lines repeated here and there (a
 * recipe's "1 cup rice", a refrain) are the story's own and are not counted.
 * The first copy is never included, so removing these indexes keeps it.
 */
export function repeatedRunBlocks(blocks: readonly { readonly text: string }[]): number[] {
  const firstAt = new Map<string, number>()
  const repeated: number[] = []
  let runStart = -1
  let run = 0
  let previousFirst = -2
  blocks.forEach((block, i) => {
    const key = block.text.replace(/\s+/g, ' ').trim().toLowerCase()
    const first = firstAt.get(key)
    if (first === undefined || countWords(block.text) < REPEAT_MIN_WORDS) {
      if (first === undefined) firstAt.set(key, i)
      run = 0
      previousFirst = -2
      return
    }
    if (first === previousFirst + 1) {
      run++
    } else {
      run = 1
      runStart = i
    }
    previousFirst = first
    if (run === REPEAT_RUN) for (let j = runStart; j <= i; j++) repeated.push(j)
    else if (run > REPEAT_RUN) repeated.push(i)
  })
  return repeated
}

/**
 * The article with its "check this import" reason, if its extracted text needs a look.
 *
 * The parser's own reason (mostly links, one table, the page's long
 * paragraphs left out) comes first; the checks on the blocks apply to every
 * format. Every import, re-extraction and pasted correction goes through
 * here, and so does `npm run eval:import`.
 */
export function withExtractionCheck(
  article: ImportedArticle,
  file: { readonly name: string; readonly data: Uint8Array },
): ImportedArticle {
  const warning =
    article.warning ??
    extractionWarning(article.blocks, { name: file.name, byteLength: file.data.byteLength })
  return warning === null ? article : { ...article, warning }
}
