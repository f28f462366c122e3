/**
 * What an update did to an article's annotations, in the analyst's words (pure; unit-tested).
 *
 * Why one module: the import report, the toast after "Replace text from
 * file…" and the review list all say the same thing the same way.
 */
import type { UpdateReport } from '../../../../shared/ipc/contract'

/** "25 in place, 3 changed wording, 2 orphaned" (parts that are 0 are left out, but never all). */
export function updateCounts(
  report: Pick<UpdateReport, 'anchored' | 'drifted' | 'orphaned'>,
): string {
  const parts: string[] = []
  if (report.anchored > 0 || (report.drifted === 0 && report.orphaned === 0))
    parts.push(`${report.anchored} in place`)
  if (report.drifted > 0) parts.push(`${report.drifted} changed wording`)
  if (report.orphaned > 0) parts.push(`${report.orphaned} orphaned`)
  return parts.join(', ')
}

/** The sentence after an update: which version it is now, and what needs a look. */
export function updateMessage(report: UpdateReport): string {
  const total = report.anchored + report.drifted + report.orphaned
  const head = `Updated to version ${report.versionCount}`
  if (total === 0) return `${head}. The article has no annotations to carry across.`
  if (report.review.length === 0)
    return `${head}: ${total === 1 ? 'its annotation is' : `all ${total} annotations are`} in place.`
  return `${head}: ${updateCounts(report)}. ${needsALook(report.review.length)}.`
}

/** "1 annotation needs a look" / "3 annotations need a look". */
export function needsALook(count: number): string {
  return count === 1 ? '1 annotation needs a look' : `${count} annotations need a look`
}

/** "1 paragraph" / "3 paragraphs". */
export function paragraphs(count: number): string {
  return count === 1 ? '1 paragraph' : `${count} paragraphs`
}
