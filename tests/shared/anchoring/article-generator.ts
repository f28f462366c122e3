/**
 * Deterministic synthetic articles and edits for anchoring tests.
 *
 * Why synthetic: the fuzz and scale tests need thousands of distinct texts
 * whose edits are known exactly, so every expected span can be computed
 * rather than eyeballed. Words are built from random syllables, which makes
 * accidental look-alikes of a quote vanishingly rare; a test that deletes a
 * passage can then insist on 'orphaned'.
 */

import type { AnnotationTarget } from '../../../src/shared/domain/annotation'

/** A seeded pseudo-random generator returning floats in [0, 1) (mulberry32). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Small conveniences over a seeded generator. */
export class Random {
  private readonly next: () => number

  constructor(seed: number) {
    this.next = mulberry32(seed)
  }

  /** Float in [0, 1). */
  float(): number {
    return this.next()
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick from an empty list')
    return item
  }
}

const ONSETS = [
  'b',
  'd',
  'f',
  'g',
  'k',
  'l',
  'm',
  'n',
  'p',
  'r',
  's',
  't',
  'v',
  'z',
  'br',
  'st',
  'tr',
]
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou']
const CODAS = ['', '', 'n', 'r', 's', 'l', 'nd']

/** A random pronounceable word of one to three syllables. */
export function randomWord(random: Random): string {
  let word = ''
  const syllables = random.int(1, 3)
  for (let i = 0; i < syllables; i += 1) {
    word += random.pick(ONSETS) + random.pick(VOWELS) + random.pick(CODAS)
  }
  return word
}

/** Typographic style of quotation marks and apostrophes in generated text. */
export type QuoteStyle = 'straight' | 'curly'

/**
 * A random sentence: capitalised, sometimes with an apostrophe, a comma, a
 * hyphenated word or a quoted phrase, ending in a full stop.
 */
export function randomSentence(random: Random, style: QuoteStyle = 'straight'): string {
  const [open, close, apostrophe] = style === 'straight' ? ['"', '"', "'"] : ['“', '”', '’']
  const words: string[] = []
  const count = random.int(6, 16)
  for (let i = 0; i < count; i += 1) {
    let word = randomWord(random)
    if (random.chance(0.08)) word += `${apostrophe}s`
    else if (random.chance(0.05)) word += `-${randomWord(random)}`
    words.push(word)
  }
  if (random.chance(0.3)) {
    const from = random.int(1, count - 3)
    const to = from + random.int(1, 2)
    words[from] = open + words[from]
    words[to] = words[to] + close
  }
  if (random.chance(0.3)) {
    const at = random.int(1, count - 2)
    words[at] = `${words[at]},`
  }
  const first = words[0] ?? ''
  words[0] = first.charAt(0).toUpperCase() + first.slice(1)
  return `${words.join(' ')}.`
}

/** A random paragraph of `min` to `max` sentences. */
export function randomParagraph(
  random: Random,
  min = 2,
  max = 6,
  style: QuoteStyle = 'straight',
): string {
  const sentences: string[] = []
  const count = random.int(min, max)
  for (let i = 0; i < count; i += 1) sentences.push(randomSentence(random, style))
  return sentences.join(' ')
}

/** A random article: paragraphs joined by blank lines, as `articleText` joins blocks. */
export function randomArticle(
  random: Random,
  paragraphs: number,
  style: QuoteStyle = 'straight',
): string {
  const parts: string[] = []
  for (let i = 0; i < paragraphs; i += 1) parts.push(randomParagraph(random, 2, 6, style))
  return parts.join('\n\n')
}

/** Offsets of every word (maximal run of non-space characters) in `text`. */
export function wordSpans(text: string): { start: number; end: number }[] {
  return [...text.matchAll(/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length }))
}

/**
 * A random span of `minWords` to `maxWords` whole words, with trailing
 * punctuation trimmed so the span starts and ends on a letter.
 */
export function randomWordSpan(
  random: Random,
  text: string,
  minWords: number,
  maxWords: number,
  words: readonly { start: number; end: number }[] = wordSpans(text),
): { start: number; end: number } {
  const length = random.int(minWords, Math.min(maxWords, words.length))
  const first = random.int(0, words.length - length)
  const startWord = words[first]
  const endWord = words[first + length - 1]
  if (startWord === undefined || endWord === undefined) throw new Error('text has too few words')
  let { start } = startWord
  let { end } = endWord
  while (start < end && !/\p{L}/u.test(text.charAt(start))) start += 1
  while (end > start && !/\p{L}/u.test(text.charAt(end - 1))) end -= 1
  return { start, end }
}

/** Number of times `needle` occurs in `haystack`, overlaps included. */
export function countOccurrences(haystack: string, needle: string): number {
  let count = 0
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1))
    count += 1
  return count
}

/** One replacement in a text: `deleteCount` characters at `at` become `insert`. */
export interface Edit {
  readonly at: number
  readonly deleteCount: number
  readonly insert: string
}

/** Apply an edit to a text. */
export function applyEdit(text: string, edit: Edit): string {
  return text.slice(0, edit.at) + edit.insert + text.slice(edit.at + edit.deleteCount)
}

/**
 * Where a span ends up after an edit that does not overlap its interior.
 *
 * An edit touching the span's boundary from outside leaves the span's text
 * intact: insertions at `start` push it right, insertions at `end` do not
 * move it.
 */
export function shiftSpan(
  span: { start: number; end: number },
  edit: Edit,
): { start: number; end: number } {
  const delta = edit.insert.length - edit.deleteCount
  if (edit.at + edit.deleteCount <= span.start) {
    return { start: span.start + delta, end: span.end + delta }
  }
  if (edit.at >= span.end) return span
  throw new Error(`edit at ${edit.at} overlaps span [${span.start}, ${span.end})`)
}

/** Start offsets of sentences: after ". " or a paragraph break, and 0. */
export function sentenceStarts(text: string): number[] {
  const starts = [0]
  for (const m of text.matchAll(/(?<=[.!?]["”]?)\s+/g)) starts.push(m.index + m[0].length)
  return starts
}

/**
 * Whether a target's quote and stored context are verbatim at `span` of
 * `text`: the test's own statement of when anchoring must say 'anchored'.
 */
export function isVerbatimAt(
  text: string,
  span: { start: number; end: number },
  target: AnnotationTarget,
): boolean {
  const { exact, prefix, suffix } = target.quote
  return (
    text.slice(span.start, span.end) === exact &&
    span.start >= prefix.length &&
    text.slice(span.start - prefix.length, span.start) === prefix &&
    text.startsWith(suffix, span.end)
  )
}
