/**
 * What the trash says, and which article comes next (pure; unit-tested).
 */
import type { ArticleSummary } from '../../../../shared/ipc/contract'

/** The article to go to when `id` leaves a list: the next one, else the one before; null when none. */
export function neighbourAfterRemoval(ids: readonly string[], id: string): string | null {
  const at = ids.indexOf(id)
  if (at < 0) return null
  return ids[at + 1] ?? ids[at - 1] ?? null
}

function count(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`
}

/** The toast after moving an article to the trash. */
export function trashedMessage(title: string, linksToTrashed: number): string {
  const head = `Moved “${title}” to the trash.`
  if (linksToTrashed === 0) return head
  return linksToTrashed === 1
    ? `${head} 1 link from another article now points to it.`
    : `${head} ${linksToTrashed} links from other articles now point to it.`
}

/** What emptying the trash removes for good, counted. */
export interface TrashContents {
  readonly articles: number
  readonly annotations: number
  readonly claims: number
  /** Articles whose annotation file cannot be read: their annotations are not counted. */
  readonly uncounted: number
}

export function trashContents(trash: readonly ArticleSummary[]): TrashContents {
  let annotations = 0
  let claims = 0
  let uncounted = 0
  for (const article of trash) {
    if (article.damaged?.part === 'annotations') {
      uncounted++
      continue
    }
    annotations += article.annotationCount
    claims += article.claimCount
  }
  return { articles: trash.length, annotations, claims, uncounted }
}

/** "3 articles and their 12 annotations (4 of them claims)", as the confirmation says it. */
export function describeTrashContents(contents: TrashContents): string {
  const articles = count(contents.articles, 'article', 'articles')
  const its = contents.articles === 1 ? 'its' : 'their'
  let text =
    contents.annotations === 0
      ? articles
      : `${articles} and ${its} ${count(contents.annotations, 'annotation', 'annotations')}`
  if (contents.claims > 0 && contents.claims === contents.annotations)
    text += contents.claims === 1 ? ' (a claim)' : ' (all of them claims)'
  else if (contents.claims > 0)
    text += contents.claims === 1 ? ' (1 of them a claim)' : ` (${contents.claims} of them claims)`
  if (contents.uncounted > 0)
    text += `, and the annotations of ${count(contents.uncounted, 'article', 'articles')} whose annotation file cannot be read`
  return text
}

/** When an article went to the trash, as the trash view shows it: "7 Dec, 16:20" (the year only when not this one). */
export function trashedWhen(iso: string | null, locale = 'en-GB', now = new Date()): string {
  if (iso === null) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return date.toLocaleString(locale, {
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
    hour: '2-digit',
    minute: '2-digit',
  })
}
