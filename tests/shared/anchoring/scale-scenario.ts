/**
 * A long article with many annotations and a revision of it, for the scale
 * test (and for timing by hand: the test itself never asserts on time).
 */
import { describeSpan } from '../../../src/shared/anchoring'
import type { AnnotationTarget } from '../../../src/shared/domain/annotation'
import {
  Random,
  applyEdit,
  countOccurrences,
  randomParagraph,
  randomSentence,
  randomWordSpan,
  sentenceStarts,
  shiftSpan,
  wordSpans,
  type Edit,
} from './article-generator'

interface Span {
  start: number
  end: number
}

/** One annotation of the scenario and where it must be found in the revision. */
export interface ScaleAnnotation {
  readonly target: AnnotationTarget
  /** Whether the revision edited text inside the quote itself. */
  readonly editedInside: boolean
  /** The passage's span in the revised text. */
  readonly expected: Span
}

export interface ScaleScenario {
  readonly original: string
  readonly revised: string
  readonly annotations: readonly ScaleAnnotation[]
}

function overlaps(a: Span, b: Span, margin = 0): boolean {
  return a.start < b.end + margin && b.start < a.end + margin
}

/**
 * Build an article of at least `words` words with `annotationCount` disjoint
 * annotations, then revise it: `insideEdits` annotations get one character
 * changed inside their quote (so only approximate matching can find them),
 * and up to `outsideEdits` sentences elsewhere are inserted or deleted
 * (shifting everything after them; attempts that would touch an annotation
 * or another edit are skipped).
 */
export function buildScaleScenario(
  seed: number,
  words = 10_000,
  annotationCount = 200,
  insideEdits = 20,
  outsideEdits = 40,
): ScaleScenario {
  const random = new Random(seed)
  const paragraphs: string[] = []
  let wordCount = 0
  while (wordCount < words) {
    const paragraph = randomParagraph(random)
    paragraphs.push(paragraph)
    wordCount += wordSpans(paragraph).length
  }
  const original = paragraphs.join('\n\n')

  const spans: Span[] = []
  const originalWords = wordSpans(original)
  while (spans.length < annotationCount) {
    const span = randomWordSpan(random, original, 3, 20, originalWords)
    const quote = original.slice(span.start, span.end)
    if (countOccurrences(original, quote) !== 1) continue
    // Keep a word of air between annotations so edits inside one quote never
    // touch another.
    if (spans.some((other) => overlaps(span, other, 2))) continue
    spans.push(span)
  }

  const targets = spans.map((span) => describeSpan(original, span.start, span.end, 'hash-original'))
  const editedInside = new Set<number>()
  const eligible = spans.filter((span) => span.end - span.start >= 30).length
  if (eligible < insideEdits) throw new Error(`only ${eligible} quotes are long enough to edit`)
  while (editedInside.size < insideEdits) {
    const index = random.int(0, spans.length - 1)
    const span = spans[index]
    if (span !== undefined && span.end - span.start >= 30) editedInside.add(index)
  }

  let revised = original
  const current = spans.map((span) => ({ ...span }))
  const edits: { edit: Edit; inside: number | null }[] = []
  for (const index of editedInside) {
    const span = current[index]
    if (span === undefined) continue
    const at = random.int(span.start + 3, span.end - 4)
    const edit = random.pick<Edit>([
      { at, deleteCount: 1, insert: 'Q' },
      { at, deleteCount: 0, insert: 'QX' },
      { at, deleteCount: 1, insert: '' },
    ])
    edits.push({ edit, inside: index })
  }
  const starts = sentenceStarts(original)
  for (let n = 0; n < outsideEdits; n += 1) {
    const boundary = random.pick(starts)
    const sentenceEnd = starts.find((s) => s > boundary) ?? original.length
    const edit: Edit = random.chance(0.5)
      ? { at: boundary, deleteCount: 0, insert: `${randomSentence(random)} ` }
      : { at: boundary, deleteCount: sentenceEnd - boundary, insert: '' }
    const touched = { start: edit.at, end: edit.at + edit.deleteCount }
    if (spans.some((span) => overlaps(span, touched, 1))) continue
    if (
      edits.some(({ edit: other }) =>
        overlaps(touched, { start: other.at, end: other.at + other.deleteCount }, 1),
      )
    ) {
      continue
    }
    edits.push({ edit, inside: null })
  }
  // Apply from the end of the text backwards so earlier offsets stay valid.
  edits.sort((a, b) => b.edit.at - a.edit.at)
  for (const { edit, inside } of edits) {
    revised = applyEdit(revised, edit)
    current.forEach((span, index) => {
      if (index === inside) {
        span.end += edit.insert.length - edit.deleteCount
      } else {
        Object.assign(span, shiftSpan(span, edit))
      }
    })
  }

  return {
    original,
    revised,
    annotations: targets.map((target, index) => ({
      target,
      editedInside: editedInside.has(index),
      expected: current[index] ?? { start: 0, end: 0 },
    })),
  }
}
