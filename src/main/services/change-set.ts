/**
 * Record-level differences between two states of the library, and applying them either way.
 *
 * Why: undo must put back exactly what a command changed and nothing else.
 * Diffing what a command read against what it left, record by record
 * (annotation by annotation, tag by tag, field by field), gives one value
 * that can be written forwards (do, redo) or backwards (undo) without
 * touching records the command never changed, in the same file or elsewhere.
 */
import { isDeepStrictEqual } from 'node:util'
import type { Annotation } from '../../shared/domain/annotation'
import type { ArticleStatus, ArticleVersion, MetaEdits } from '../../shared/domain/article'
import { tagKey } from '../../shared/domain/tag'
import type { ArticleFile, CodebookFile, TagRecord } from '../store/files'
import type { LibraryStore } from '../store/library-store'

/** The part of an article file a command may change. */
export interface ArticleDraft {
  status: ArticleStatus
  tags: string[]
  note: string
  annotations: Annotation[]
  meta: MetaEdits
  trashedAt: string | null
  versions: ArticleVersion[]
  importChecked?: boolean
}

/** The part of the codebook a command may change. */
export interface CodebookDraft {
  tags: TagRecord[]
  claimStatuses: string[]
}

/** One record before and after; null when it did not (or no longer does) exist. */
export interface RecordChange<T> {
  readonly key: string
  readonly before: T | null
  readonly after: T | null
  readonly beforeIndex: number
  readonly afterIndex: number
}

export interface FieldChange<T> {
  readonly before: T
  readonly after: T
}

export interface ArticleChange {
  readonly articleId: string
  readonly annotations: readonly RecordChange<Annotation>[]
  readonly status?: FieldChange<ArticleStatus>
  readonly tags?: FieldChange<string[]>
  readonly note?: FieldChange<string>
  readonly meta?: FieldChange<MetaEdits>
  readonly trashedAt?: FieldChange<string | null>
  readonly versions?: FieldChange<ArticleVersion[]>
  readonly importChecked?: FieldChange<boolean>
}

export interface CodebookChange {
  readonly tags: readonly RecordChange<TagRecord>[]
  readonly claimStatuses?: FieldChange<string[]>
}

/** Everything one command changed. */
export interface ChangeSet {
  readonly articles: readonly ArticleChange[]
  readonly codebook: CodebookChange | null
}

/** Which state of a change to write: `after` to do or redo it, `before` to undo it. */
export type Side = 'before' | 'after'

/**
 * Diff two lists of keyed records.
 *
 * A record is changed when it was added, removed or edited. If the records
 * that did not change are no longer in the same order, every record counts
 * as changed, so that applying the diff always rebuilds the exact list.
 */
export function diffRecords<T>(
  before: readonly T[],
  after: readonly T[],
  keyOf: (record: T) => string,
): RecordChange<T>[] {
  const beforeAt = new Map(before.map((r, i) => [keyOf(r), i]))
  const afterAt = new Map(after.map((r, i) => [keyOf(r), i]))
  const keys = [...new Set([...beforeAt.keys(), ...afterAt.keys()])]
  const unchanged = (key: string): boolean => {
    const b = beforeAt.get(key)
    const a = afterAt.get(key)
    return b !== undefined && a !== undefined && isDeepStrictEqual(before[b], after[a])
  }
  const keptBefore = before.map(keyOf).filter(unchanged)
  const keptAfter = after.map(keyOf).filter(unchanged)
  const reordered = !isDeepStrictEqual(keptBefore, keptAfter)
  return keys
    .filter((key) => reordered || !unchanged(key))
    .map((key) => {
      const b = beforeAt.get(key)
      const a = afterAt.get(key)
      return {
        key,
        before: b === undefined ? null : structuredClone(before[b] as T),
        after: a === undefined ? null : structuredClone(after[a] as T),
        beforeIndex: b ?? -1,
        afterIndex: a ?? -1,
      }
    })
}

/**
 * Put one side of a diff into a list.
 *
 * Records the diff names are taken out, then that side's records are put
 * back at their positions; records the diff does not name stay as they are.
 */
export function patchRecords<T>(
  current: readonly T[],
  changes: readonly RecordChange<T>[],
  side: Side,
  keyOf: (record: T) => string,
): T[] {
  const named = new Set(changes.map((c) => c.key))
  const out = current.filter((r) => !named.has(keyOf(r)))
  const index = side === 'before' ? 'beforeIndex' : 'afterIndex'
  const placed = changes.filter((c) => c[side] !== null).sort((x, y) => x[index] - y[index])
  for (const change of placed) {
    out.splice(Math.min(change[index], out.length), 0, structuredClone(change[side] as T))
  }
  return out
}

const annotationKey = (a: Annotation): string => a.id
const tagRecordKey = (t: TagRecord): string => tagKey(t.name)

function fieldChange<T>(before: T, after: T): FieldChange<T> | undefined {
  return isDeepStrictEqual(before, after)
    ? undefined
    : { before: structuredClone(before), after: structuredClone(after) }
}

/** The change between two states of one article; null when nothing changed. */
export function diffArticle(
  articleId: string,
  before: ArticleDraft,
  after: ArticleDraft,
): ArticleChange | null {
  const annotations = diffRecords(before.annotations, after.annotations, annotationKey)
  const status = fieldChange(before.status, after.status)
  const tags = fieldChange(before.tags, after.tags)
  const note = fieldChange(before.note, after.note)
  const meta = fieldChange(before.meta, after.meta)
  const trashedAt = fieldChange(before.trashedAt, after.trashedAt)
  const versions = fieldChange(before.versions, after.versions)
  const importChecked = fieldChange(before.importChecked ?? false, after.importChecked ?? false)
  if (
    annotations.length === 0 &&
    !status &&
    !tags &&
    !note &&
    !meta &&
    !trashedAt &&
    !versions &&
    !importChecked
  ) {
    return null
  }
  return {
    articleId,
    annotations,
    ...(status ? { status } : {}),
    ...(tags ? { tags } : {}),
    ...(note ? { note } : {}),
    ...(meta ? { meta } : {}),
    ...(trashedAt ? { trashedAt } : {}),
    ...(versions ? { versions } : {}),
    ...(importChecked ? { importChecked } : {}),
  }
}

/** The change between two states of the codebook; null when nothing changed. */
export function diffCodebook(before: CodebookDraft, after: CodebookDraft): CodebookChange | null {
  const tags = diffRecords(before.tags, after.tags, tagRecordKey)
  const claimStatuses = fieldChange(before.claimStatuses, after.claimStatuses)
  if (tags.length === 0 && !claimStatuses) return null
  return { tags, ...(claimStatuses ? { claimStatuses } : {}) }
}

/** Write one side of an article change into an article file's draft. */
export function patchArticle(draft: ArticleFile, change: ArticleChange, side: Side): void {
  draft.annotations = patchRecords(draft.annotations, change.annotations, side, annotationKey)
  if (change.status) draft.status = change.status[side]
  if (change.tags) draft.tags = structuredClone(change.tags[side])
  if (change.note) draft.note = change.note[side]
  if (change.meta) draft.meta = structuredClone(change.meta[side])
  if (change.trashedAt) draft.trashedAt = change.trashedAt[side]
  if (change.versions) draft.versions = structuredClone(change.versions[side])
  if (change.importChecked) draft.importChecked = change.importChecked[side]
}

/** Write one side of a codebook change into the codebook's draft. */
export function patchCodebook(draft: CodebookFile, change: CodebookChange, side: Side): void {
  draft.tags = patchRecords(draft.tags, change.tags, side, tagRecordKey)
  if (change.claimStatuses) draft.claimStatuses = structuredClone(change.claimStatuses[side])
}

/**
 * Write one side of a change set to the library.
 *
 * All of it or none of it: the store writes the codebook and every article
 * file as one change (through its intent journal when there are several),
 * so a failure leaves the library as it was, and a kill half way is
 * completed at the next open. `label` names the change for that message.
 */
export async function writeChangeSet(
  store: LibraryStore,
  change: ChangeSet,
  side: Side,
  label: string,
): Promise<void> {
  const codebook = change.codebook
  await store.mutateMany(
    label,
    codebook ? (draft) => patchCodebook(draft, codebook, side) : null,
    change.articles.map((article) => ({
      id: article.articleId,
      change: (draft: ArticleFile) => patchArticle(draft, article, side),
    })),
  )
}
