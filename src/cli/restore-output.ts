/**
 * What `workbench restore <backup>` says before it acts.
 *
 * Why its own module: the list must let an analyst decide whether to throw
 * away everything since the backup, so it names what would go, grouped by
 * day, and stays short for a library with thousands of changes.
 */
import type { RestoreAnnotationChange, RestorePlan } from '../main/store/restore'

/** How many items of each kind are listed one by one before the rest are counted. */
const LIST_LIMIT = 20

/** The plan as text: what restoring would roll back, newest concern first. */
export function formatRestorePlan(plan: RestorePlan): string {
  const lines = [`Restoring backup ${plan.snapshot} would roll back:`]
  if (plan.articlesRemoved.length > 0) {
    lines.push(
      `  ${plan.articlesRemoved.length} article(s) imported since, which leave the library:`,
    )
    for (const a of plan.articlesRemoved.slice(0, LIST_LIMIT))
      lines.push(`    ${day(a.importedAt)}  ${a.id}  ${a.title}`)
    more(lines, plan.articlesRemoved.length)
  }
  annotationGroup(lines, 'created since, which are removed', plan.annotationsRemoved)
  annotationGroup(lines, 'changed since, which go back to how they were', plan.annotationsReverted)
  annotationGroup(lines, 'deleted since, which come back', plan.annotationsRestored)
  if (plan.articlesRestored.length > 0)
    lines.push(`  ${plan.articlesRestored.length} article(s) no longer listed come back`)
  if (plan.articleStatesReverted > 0)
    lines.push(`  the status, tags or note of ${plan.articleStatesReverted} article(s)`)
  const c = plan.codebook
  if (c.tagsRemoved.length > 0)
    lines.push(`  codebook tags added since, removed: ${list(c.tagsRemoved)}`)
  if (c.tagsRestored.length > 0)
    lines.push(`  codebook tags removed since, back: ${list(c.tagsRestored)}`)
  if (c.tagsChanged.length > 0) lines.push(`  codebook tags changed since: ${list(c.tagsChanged)}`)
  if (c.claimStatusesChanged) lines.push('  the list of claim statuses')
  return `${lines.join('\n')}\n`
}

function annotationGroup(
  lines: string[],
  what: string,
  items: readonly RestoreAnnotationChange[],
): void {
  if (items.length === 0) return
  const byDay = new Map<string, number>()
  for (const item of items) byDay.set(day(item.at), (byDay.get(day(item.at)) ?? 0) + 1)
  const days = [...byDay].map(([d, n]) => `${n} on ${d}`).join(', ')
  lines.push(`  ${items.length} annotation(s) ${what} (${days}):`)
  for (const item of items.slice(-LIST_LIMIT)) {
    lines.push(
      `    ${item.at.slice(0, 16).replace('T', ' ')}  ${item.articleTitle}: "${clip(item.label)}"`,
    )
  }
  more(lines, items.length)
}

function more(lines: string[], total: number): void {
  if (total > LIST_LIMIT) lines.push(`    … and ${total - LIST_LIMIT} more`)
}

function day(iso: string): string {
  return iso.slice(0, 10) || 'unknown date'
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat
}

function list(names: readonly string[]): string {
  return names.length > LIST_LIMIT
    ? `${names.slice(0, LIST_LIMIT).join(', ')} and ${names.length - LIST_LIMIT} more`
    : names.join(', ')
}
