/**
 * The import report in words (pure; unit-tested).
 */
import type { ImportOutcome } from '../../../../shared/ipc/contract'

/** "3 imported · 1 updated · 1 needs your choice · 1 rejected"; '' when there is nothing. */
export function importSummary(outcomes: readonly ImportOutcome[]): string {
  const count = (status: ImportOutcome['status']) =>
    outcomes.filter((o) => o.status === status).length
  const parts: [number, string][] = [
    [count('imported'), 'imported'],
    [count('updated'), 'updated'],
    [count('matches'), count('matches') === 1 ? 'needs your choice' : 'need your choice'],
    [count('duplicate'), count('duplicate') === 1 ? 'duplicate' : 'duplicates'],
    [count('repaired'), count('repaired') === 1 ? 'text restored' : 'texts restored'],
    [count('rejected'), 'rejected'],
    [count('cancelled'), 'not imported (cancelled)'],
  ]
  return parts
    .filter(([n]) => n > 0)
    .map(([n, label]) => `${n} ${label}`)
    .join(' · ')
}

/** What made a held-back file look like an article here: "same URL", "same title and source". */
export function matchedByText(matchedBy: string): string {
  return matchedBy === 'url' ? 'same URL' : `same ${matchedBy}`
}

/** The update button's words: "Update the existing article (keep its 12 annotations)". */
export function updateChoiceLabel(annotationCount: number): string {
  if (annotationCount === 0) return 'Update the existing article'
  return `Update the existing article (keep its ${annotationCount === 1 ? 'annotation' : `${annotationCount} annotations`})`
}
