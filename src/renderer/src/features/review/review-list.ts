/**
 * The review list: the open article's annotations whose passage changed or
 * went, with their old and new wording (pure; unit-tested).
 *
 * Why derived from the article as loaded, not from an update report: an
 * annotation can need a look after an update, after a colleague's import, or
 * after a damaged text came back; the anchoring health main sends with every
 * article is the one answer. Drifted ones come first in reading order (each
 * with the words it was made on and the words now at its place), then the
 * orphans in the order their passages had.
 */
import { diffWordsWithSpace } from 'diff'
import type { AnchoredAnnotation } from '../../../../shared/ipc/contract'

export interface ReviewItem {
  readonly annotation: AnchoredAnnotation
  readonly status: 'drifted' | 'orphaned'
  /** The words the annotation was made on (its stored quote). */
  readonly before: string
  /** The words at its place in the current text; null when orphaned. */
  readonly now: string | null
  /** Its place in the current text; null when orphaned. */
  readonly span: { readonly start: number; readonly end: number } | null
}

/** The annotations to review, drifted first in reading order, then orphaned. */
export function reviewItems(
  text: string,
  annotations: readonly AnchoredAnnotation[],
): ReviewItem[] {
  const drifted: ReviewItem[] = []
  const orphaned: ReviewItem[] = []
  for (const annotation of annotations) {
    const { status, start, end } = annotation.anchor
    if (status === 'anchored') continue
    if (status === 'drifted' && start !== null && end !== null) {
      drifted.push({
        annotation,
        status,
        before: annotation.target.quote.exact,
        now: text.slice(start, end),
        span: { start, end },
      })
    } else {
      orphaned.push({
        annotation,
        status: 'orphaned',
        before: annotation.target.quote.exact,
        now: null,
        span: null,
      })
    }
  }
  const place = (item: ReviewItem): number =>
    item.span?.start ?? item.annotation.target.position.start
  const byPlace = (a: ReviewItem, b: ReviewItem): number =>
    place(a) - place(b) || a.annotation.id.localeCompare(b.annotation.id)
  return [...drifted.sort(byPlace), ...orphaned.sort(byPlace)]
}

/** A run of words in one side of a comparison: unchanged, or changed on this side. */
export interface WordingPart {
  readonly text: string
  readonly changed: boolean
}

export interface WordingComparison {
  /** The old wording, its removed words marked. */
  readonly before: readonly WordingPart[]
  /** The new wording, its inserted words marked. */
  readonly now: readonly WordingPart[]
  /** True when the words are the same (only the text around the passage changed). */
  readonly same: boolean
}

/** Compare old and new wording word by word, so "9/11" against "0/11" marks just the figure. */
export function compareWording(before: string, now: string): WordingComparison {
  if (before === now) {
    const whole = before === '' ? [] : [{ text: before, changed: false }]
    return { before: whole, now: whole, same: true }
  }
  const beforeParts: WordingPart[] = []
  const nowParts: WordingPart[] = []
  const push = (parts: WordingPart[], text: string, changed: boolean): void => {
    const last = parts.at(-1)
    if (last && last.changed === changed)
      parts[parts.length - 1] = { text: last.text + text, changed }
    else parts.push({ text, changed })
  }
  for (const change of diffWordsWithSpace(before, now)) {
    if (change.removed) push(beforeParts, change.value, true)
    else if (change.added) push(nowParts, change.value, true)
    else {
      push(beforeParts, change.value, false)
      push(nowParts, change.value, false)
    }
  }
  return { before: beforeParts, now: nowParts, same: false }
}

/** The first words of a note, on one line, for a review card. */
export function noteExcerpt(note: string, max = 160): string {
  const flat = note.replace(/\s+/g, ' ').trim()
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat
}

/** "2 changed wording, 1 lost its passage" for the summary line. */
export function reviewBreakdown(items: readonly ReviewItem[]): string {
  const drifted = items.filter((i) => i.status === 'drifted').length
  const orphaned = items.length - drifted
  const parts: string[] = []
  if (drifted > 0) parts.push(`${drifted} changed wording`)
  if (orphaned > 0)
    parts.push(orphaned === 1 ? '1 lost its passage' : `${orphaned} lost their passages`)
  return parts.join(', ')
}
