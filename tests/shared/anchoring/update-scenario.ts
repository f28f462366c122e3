/**
 * Real articles, annotated as an analyst would, then updated as an outlet
 * updates a story, with the true fate of every annotation tracked edit by edit.
 *
 * Why: the fuzz and scale tests use synthetic words, which make look-alikes
 * vanishingly rare; real news text repeats names, figures and phrases, and its
 * updates are typo fixes, inserted and deleted paragraphs, reworded sentences,
 * corrected figures and restyled quotation marks. The ground truth comes from
 * following every edit, never from the code under test.
 */
import { readFileSync, readdirSync } from 'node:fs'

import { describeSpan } from '../../../src/shared/anchoring'
import type { AnnotationTarget } from '../../../src/shared/domain/annotation'
import { articleText, BLOCK_SEPARATOR, type Block } from '../../../src/shared/domain/article'
import { Random, applyEdit, countOccurrences, type Edit } from './article-generator'

const FIXTURES = new URL('../../fixtures/anchoring/', import.meta.url)

interface Span {
  start: number
  end: number
}

/** A real article from `tests/fixtures/anchoring`, one block per non-empty line. */
export interface FixtureArticle {
  readonly name: string
  readonly blocks: readonly Block[]
}

/** Every fixture article, in file name order. */
export function loadFixtureArticles(): FixtureArticle[] {
  return readdirSync(FIXTURES)
    .filter((file) => file.endsWith('.txt'))
    .sort()
    .map((file) => ({
      name: file.replace(/\.txt$/, ''),
      blocks: readFileSync(new URL(file, FIXTURES), 'utf8')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0)
        .map((text) => ({ type: 'paragraph' as const, text })),
    }))
}

/** Spans of the blocks of a text joined by `BLOCK_SEPARATOR`. */
function blockSpans(text: string): Span[] {
  const spans: Span[] = []
  let start = 0
  for (const block of text.split(BLOCK_SEPARATOR)) {
    spans.push({ start, end: start + block.length })
    start += block.length + BLOCK_SEPARATOR.length
  }
  return spans
}

/**
 * Sentences of every block: up to a full stop, question or exclamation mark
 * (and any closing quotes or brackets) followed by a space.
 */
export function sentenceSpans(text: string): Span[] {
  const spans: Span[] = []
  for (const block of blockSpans(text)) {
    const body = text.slice(block.start, block.end)
    let start = 0
    for (const m of body.matchAll(/[.!?]["”’)]*(?= +["“‘(]?[A-Z0-9])/g)) {
      spans.push({ start: block.start + start, end: block.start + m.index + m[0].length })
      start = m.index + m[0].length + 1
    }
    if (start < body.length) spans.push({ start: block.start + start, end: block.end })
  }
  return spans.filter((s) => s.end > s.start)
}

/** Clauses of a sentence: the stretches between commas, dashes, semicolons and colons. */
function clauseSpans(text: string, sentence: Span): Span[] {
  const body = text.slice(sentence.start, sentence.end)
  const spans: Span[] = []
  let start = 0
  for (const m of body.matchAll(/[,;:]? +(?:—|–|--) +|[,;:] +/g)) {
    spans.push({ start: sentence.start + start, end: sentence.start + m.index })
    start = m.index + m[0].length
  }
  spans.push({ start: sentence.start + start, end: sentence.end })
  return spans.length > 1 ? spans : []
}

const MIN_PASSAGE_WORDS = 4
const MIN_PASSAGE_LENGTH = 20

/** Only the letters and digits of a text, lower-cased: its words without punctuation or typography. */
function wordsOnly(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '')
}

/**
 * `count` disjoint passages an analyst might mark: whole sentences and
 * clauses of at least four words whose words occur once in the text.
 *
 * A passage repeated with other punctuation (a pull quote that repeats a
 * sentence of the story) is left out: when one copy is deleted, whether the
 * other is "the same passage" has no true answer to test against.
 */
export function choosePassages(random: Random, text: string, count: number): Span[] {
  const candidates = sentenceSpans(text).flatMap((s) => [s, ...clauseSpans(text, s)])
  const words = wordsOnly(text)
  const fit = candidates.filter(({ start, end }) => {
    const quote = text.slice(start, end)
    return (
      quote.length >= MIN_PASSAGE_LENGTH &&
      quote.split(/\s+/).length >= MIN_PASSAGE_WORDS &&
      countOccurrences(words, wordsOnly(quote)) === 1
    )
  })
  // Fisher-Yates with the seeded generator, then greedy non-overlapping picks.
  for (let i = fit.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i)
    ;[fit[i], fit[j]] = [fit[j] as Span, fit[i] as Span]
  }
  const chosen: Span[] = []
  for (const span of fit) {
    if (chosen.length === count) break
    if (chosen.some((other) => span.start < other.end && other.start < span.end)) continue
    chosen.push(span)
  }
  if (chosen.length < count) throw new Error(`only ${chosen.length} passages fit`)
  return chosen.sort((a, b) => a.start - b.start)
}

/** The kinds of change an outlet makes when it updates a story. */
export const EDIT_KINDS = [
  'typo fixes',
  'paragraph inserted',
  'sentence reworded',
  'paragraph deleted',
  'figure changed',
  'quotes restyled',
  'all combined',
] as const
export type EditKind = (typeof EDIT_KINDS)[number]

/** A one-letter misspelling of a word of six or more letters, as an edit. */
function typo(random: Random, text: string): Edit {
  const words = [...text.matchAll(/\b[a-z]{6,}\b/g)]
  for (;;) {
    const word = random.pick(words)
    const at = word.index + random.int(1, word[0].length - 3)
    const [a = '', b = ''] = [text.charAt(at), text.charAt(at + 1)]
    const edit = random.pick<Edit>([
      { at, deleteCount: 2, insert: b + a },
      { at, deleteCount: 1, insert: '' },
      { at, deleteCount: 0, insert: a },
    ])
    if (applyEdit(text, edit) !== text) return edit
  }
}

/** The edit that undoes `edit`, in the coordinates of the text it produced. */
function inverse(before: string, edit: Edit): Edit {
  return {
    at: edit.at,
    deleteCount: edit.insert.length,
    insert: before.slice(edit.at, edit.at + edit.deleteCount),
  }
}

/** A paragraph of another article inserted between two paragraphs (or at either end). */
function insertParagraph(random: Random, text: string, donors: readonly string[]): Edit {
  const paragraph = random.pick(donors)
  const blocks = blockSpans(text)
  const index = random.int(0, blocks.length)
  const block = blocks[index]
  return block === undefined
    ? { at: text.length, deleteCount: 0, insert: BLOCK_SEPARATOR + paragraph }
    : { at: block.start, deleteCount: 0, insert: paragraph + BLOCK_SEPARATOR }
}

/** A whole paragraph and one separator next to it deleted. */
function deleteParagraph(random: Random, text: string): Edit {
  const blocks = blockSpans(text)
  const index = random.int(0, blocks.length - 1)
  const { start, end } = blocks[index] as Span
  return index < blocks.length - 1
    ? { at: start, deleteCount: end - start + BLOCK_SEPARATOR.length, insert: '' }
    : {
        at: start - BLOCK_SEPARATOR.length,
        deleteCount: end - start + BLOCK_SEPARATOR.length,
        insert: '',
      }
}

/** Wording an editor swaps in when tightening a sentence. */
const REWORDINGS: Readonly<Record<string, string>> = {
  said: 'stated',
  says: 'stated',
  told: 'informed',
  about: 'around',
  after: 'following',
  because: 'since',
  but: 'yet',
  also: 'further',
  including: 'among them',
  many: 'numerous',
  more: 'further',
  would: 'will',
  will: 'would',
  has: 'had',
  have: 'had',
  week: 'month',
  likely: 'expected',
}

/**
 * One or two rewordings of a sentence: a word swapped for another, a trailing
 * clause dropped, or an attribution added.
 */
function rewordSentence(random: Random, text: string): Edit[] {
  for (;;) {
    const sentence = random.pick(sentenceSpans(text))
    const body = text.slice(sentence.start, sentence.end)
    const options: Edit[] = []
    const swaps = [...body.matchAll(/\b[a-z]+\b/g)].filter((m) => m[0] in REWORDINGS)
    if (swaps.length > 0) {
      const m = random.pick(swaps)
      options.push({
        at: sentence.start + m.index,
        deleteCount: m[0].length,
        insert: REWORDINGS[m[0]] as string,
      })
    }
    const end = body.search(/[.!?]["”’)]*$/)
    const comma = body.lastIndexOf(', ')
    if (end > 0 && comma > 20 && comma < end) {
      options.push({ at: sentence.start + comma, deleteCount: end - comma, insert: '' })
    }
    if (end > 0 && !/["”’)]$/.test(body)) {
      options.push({ at: sentence.start + end, deleteCount: 0, insert: ', officials said' })
    }
    if (options.length === 0) continue
    const first = random.pick(options)
    const second = random.pick(options)
    const disjoint =
      first.at + first.deleteCount < second.at || second.at + second.deleteCount < first.at
    // Two edits of one sentence are applied from its end, so the earlier
    // edit's offsets stay valid after the later one.
    return random.chance(0.5) && disjoint ? [first, second].sort((a, b) => b.at - a.at) : [first]
  }
}

/** A figure corrected: "Parata, 75," becomes "Parata, 85,". */
function changeFigure(random: Random, text: string): Edit {
  const figures = [...text.matchAll(/\d+/g)]
  if (figures.length === 0) throw new Error('no figure to change')
  const m = random.pick(figures)
  const year = /^(?:19|20)\d\d$/.test(m[0])
  // A year is corrected in its last digit, any other figure in its first.
  const at = m.index + (year ? 3 : 0)
  const digit = Number(text.charAt(at))
  const replacement = year ? (digit + 1) % 10 : (digit % 9) + 1
  return { at, deleteCount: 1, insert: String(replacement) }
}

const STRAIGHT: Readonly<Record<string, string>> = { '’': "'", '‘': "'", '“': '"', '”': '"' }

/** A paragraph whose curly quotation marks and apostrophes a CMS turned straight. */
function restyleQuotes(random: Random, text: string): Edit[] {
  const blocks = blockSpans(text).filter((b) => /[’‘“”]/.test(text.slice(b.start, b.end)))
  if (blocks.length === 0) return []
  const block = random.pick(blocks)
  return [...text.slice(block.start, block.end).matchAll(/[’‘“”]/g)].map((m) => ({
    at: block.start + m.index,
    deleteCount: 1,
    insert: STRAIGHT[m[0]] as string,
  }))
}

/** What happened to an annotated passage, as the edits say. */
export type Fate = 'untouched' | 'reworded' | 'removed'

interface Tracked {
  span: Span
  fate: Fate
}

/**
 * Follow a passage through one edit: shifted by edits before it, its own
 * words changed by edits reaching into it, removed by a deletion covering it.
 */
function track(tracked: Tracked, edit: Edit): void {
  if (tracked.fate === 'removed') return
  const { span } = tracked
  const editEnd = edit.at + edit.deleteCount
  const delta = edit.insert.length - edit.deleteCount
  if (editEnd <= span.start) {
    span.start += delta
    span.end += delta
    return
  }
  if (edit.at >= span.end) return
  if (edit.at <= span.start && editEnd >= span.end && edit.insert.length === 0) {
    tracked.fate = 'removed'
    return
  }
  // The passage's own words changed; it now runs from wherever the edit or
  // the passage starts to wherever the later of them ends.
  tracked.fate = 'reworded'
  const start = Math.min(span.start, edit.at)
  const end = Math.max(edit.at + edit.insert.length, span.end + delta)
  span.start = start
  span.end = end
}

/** One annotation of an updated article, and the truth about it. */
export interface UpdatedAnnotation {
  readonly target: AnnotationTarget
  readonly fate: Fate
  /** The passage's span in the updated text (meaningless when removed). */
  readonly span: Span
}

export interface UpdateScenario {
  readonly article: string
  readonly kind: EditKind
  readonly original: string
  readonly revised: string
  readonly annotations: readonly UpdatedAnnotation[]
}

/** Apply `edits` one after another, following every passage through each. */
function applyTracked(text: string, edits: readonly Edit[], passages: Tracked[]): string {
  for (const edit of edits) {
    text = applyEdit(text, edit)
    for (const passage of passages) track(passage, edit)
  }
  return text
}

/**
 * Annotate `article` with `count` passages, update it with edits of `kind`,
 * and say where each passage went.
 */
export function buildUpdateScenario(
  article: FixtureArticle,
  donors: readonly string[],
  kind: EditKind,
  seed: number,
  count = 30,
): UpdateScenario {
  const random = new Random(seed)
  let original = articleText(article.blocks)
  const typoCount = kind === 'typo fixes' ? 3 : kind === 'all combined' ? 2 : 0
  // A typo fix is made by the update, so the annotated version has the
  // typos; injected one after another, they are undone in reverse order.
  const fixes: Edit[] = []
  for (let i = 0; i < typoCount; i += 1) {
    const edit = typo(random, original)
    fixes.unshift(inverse(original, edit))
    original = applyEdit(original, edit)
  }
  const spans = choosePassages(random, original, count)
  const passages: Tracked[] = spans.map((span) => ({ span: { ...span }, fate: 'untouched' }))

  let revised = applyTracked(original, fixes, passages)
  const steps: ((text: string) => Edit[])[] = []
  const add = (times: number, step: (text: string) => Edit[]) => {
    for (let i = 0; i < times; i += 1) steps.push(step)
  }
  const inserted = kind === 'paragraph inserted' || kind === 'all combined'
  add(inserted ? 1 : 0, (text) => [insertParagraph(random, text, donors)])
  add(kind === 'sentence reworded' || kind === 'all combined' ? 2 : 0, (text) =>
    rewordSentence(random, text),
  )
  add(kind === 'paragraph deleted' ? 2 : kind === 'all combined' ? 1 : 0, (text) => [
    deleteParagraph(random, text),
  ])
  add(kind === 'figure changed' ? 2 : kind === 'all combined' ? 1 : 0, (text) => [
    changeFigure(random, text),
  ])
  add(kind === 'quotes restyled' || kind === 'all combined' ? 1 : 0, (text) =>
    restyleQuotes(random, text),
  )
  // An update's edits come in no particular order.
  for (let i = steps.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i)
    ;[steps[i], steps[j]] = [steps[j] as (typeof steps)[number], steps[i] as (typeof steps)[number]]
  }
  for (const step of steps) revised = applyTracked(revised, step(revised), passages)

  return {
    article: article.name,
    kind,
    original,
    revised,
    annotations: spans.map((span, i) => {
      const { fate, span: now } = passages[i] as Tracked
      const target = describeSpan(original, span.start, span.end, `${article.name}-v1`)
      // An edit that put back exactly what was there leaves the words untouched.
      const unchanged =
        fate === 'reworded' && revised.slice(now.start, now.end) === target.quote.exact
      return { target, fate: unchanged ? 'untouched' : fate, span: now }
    }),
  }
}
