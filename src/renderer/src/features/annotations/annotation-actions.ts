/**
 * Creating, editing and deleting the open article's annotations.
 *
 * Why: every change goes to main first and only then into the store, so
 * what the analyst sees is what is saved. Changes that arrive after the
 * analyst moved to another article update nothing on screen.
 */
import { request } from '../../api'
import {
  sortInDocumentOrder,
  type Annotation,
  type AnnotationKind,
  type ClaimRelation,
} from '../../../../shared/domain/annotation'
import { normaliseTagList, tagKey } from '../../../../shared/domain/tag'
import type { AnchoredAnnotation, ChannelInput } from '../../../../shared/ipc/contract'
import type { TextSpan } from '../reader/selection-offsets'
import { workbench, type NoteSaveState } from '../../state/workbench-store'
import { openArticle, refreshLibrary } from '../library/library-actions'
import { showActionToast, showToast } from '../../components/toast-store'
import { latestUndoLabel, refreshAfter, undoIfLatest } from '../history/history-actions'

/** Replace one annotation of the open article, keeping its anchor. */
function replaceAnnotation(updated: Annotation): void {
  workbench.set((s) => {
    if (!s.current || s.current.article.id !== updated.articleId) return {}
    const annotations = s.current.annotations.map((a) =>
      a.id === updated.id ? { ...updated, anchor: a.anchor } : a,
    )
    return { current: { ...s.current, annotations } }
  })
}

/** Highlight a passage of the open article, select it and send focus to its tags. */
export function createHighlight(span: TextSpan): Promise<void> {
  return createAnnotation(span, 'highlight', [])
}

/**
 * Annotate a passage of the open article and select the new annotation.
 *
 * With no tags given, focus goes to its tag input so the analyst can tag it
 * at once; a claim's form is right below.
 */
export async function createAnnotation(
  span: TextSpan,
  kind: AnnotationKind,
  tags: readonly string[],
): Promise<void> {
  const { current } = workbench.get()
  if (!current) return
  const created = await request('annotation:create', {
    articleId: current.article.id,
    start: span.start,
    end: span.end,
    kind,
    tags: [...tags],
    note: '',
  })
  if (!created) return
  const anchored: AnchoredAnnotation = {
    ...created,
    anchor: {
      status: 'anchored',
      start: created.target.position.start,
      end: created.target.position.end,
      score: 1,
    },
  }
  workbench.set((s) => {
    if (!s.current || s.current.article.id !== created.articleId) return {}
    const annotations = annotationsInOrder([...s.current.annotations, anchored])
    return {
      current: { ...s.current, annotations },
      selectedAnnotationId: created.id,
      focusTagsFor: tags.length === 0 ? created.id : null,
      sideTab: 'annotation',
    }
  })
  await refreshLibrary()
}

/** Select an annotation (or none). */
export function selectAnnotation(id: string | null): void {
  workbench.set(
    id === null
      ? { selectedAnnotationId: null, focusTagsFor: null }
      : { selectedAnnotationId: id, focusTagsFor: null, sideTab: 'annotation' },
  )
}

/** Open another article (or stay in this one) and select one of its annotations. */
export async function openAnnotation(articleId: string, annotationId: string): Promise<void> {
  if (workbench.get().current?.article.id !== articleId) await openArticle(articleId)
  if (workbench.get().current?.article.id !== articleId) return
  selectAnnotation(annotationId)
  requestAnimationFrame(() => scrollToAnnotation(annotationId))
}

/** Bring an annotation's highlight into view in the reader. */
export function scrollToAnnotation(annotationId: string): void {
  const mark = document.querySelector(`mark[data-annotation-id="${CSS.escape(annotationId)}"]`)
  mark?.scrollIntoView({ block: 'center', behavior: 'auto' })
}

/** The open article's annotations in reading order: anchored by position, orphans last. */
export function annotationsInOrder(
  annotations: readonly AnchoredAnnotation[],
): AnchoredAnnotation[] {
  return sortInDocumentOrder(annotations, (a) => a.anchor.start)
}

/** Select the next (`+1`) or previous (`-1`) annotation in reading order. */
export function stepAnnotation(direction: 1 | -1): void {
  const { current, selectedAnnotationId } = workbench.get()
  if (!current || current.annotations.length === 0) return
  const ordered = annotationsInOrder(current.annotations)
  const index = ordered.findIndex((a) => a.id === selectedAnnotationId)
  const next =
    index < 0
      ? direction === 1
        ? 0
        : ordered.length - 1
      : Math.min(ordered.length - 1, Math.max(0, index + direction))
  const target = ordered[next]
  if (!target) return
  selectAnnotation(target.id)
  scrollToAnnotation(target.id)
}

/** Change an annotation between highlight and claim. */
export async function setKind(
  articleId: string,
  annotationId: string,
  kind: AnnotationKind,
): Promise<void> {
  const updated = await request('annotation:update', {
    articleId,
    annotationId,
    patch: { kind },
  })
  if (!updated) return
  replaceAnnotation(updated)
  await refreshLibrary()
}

export type ClaimPatch = ChannelInput<'claim:update'>['patch']

/** Save some of a claim's fields. */
export async function saveClaim(
  articleId: string,
  annotationId: string,
  patch: ClaimPatch,
): Promise<boolean> {
  const updated = await request('claim:update', { articleId, annotationId, patch })
  if (!updated) return false
  replaceAnnotation(updated)
  return true
}

export interface AnnotationRef {
  readonly articleId: string
  readonly annotationId: string
}

/** Link a claim to another annotation, then reload both ends' article if open. */
export async function linkClaim(
  from: AnnotationRef,
  to: AnnotationRef,
  relation: ClaimRelation,
): Promise<boolean> {
  const linked = await request('claim:link', { from, to, relation })
  if (!linked) return false
  await refreshAfter([from.articleId, to.articleId])
  return true
}

/** Remove a link from a claim. */
export async function unlinkClaim(from: AnnotationRef, to: AnnotationRef): Promise<void> {
  const unlinked = await request('claim:unlink', { from, to })
  if (!unlinked) return
  await refreshAfter([from.articleId, to.articleId])
}

/** Point an annotation at a new passage of the open article. */
export async function reattachAnnotation(
  articleId: string,
  annotationId: string,
  span: TextSpan,
): Promise<void> {
  const done = await request('annotation:reattach', {
    articleId,
    annotationId,
    start: span.start,
    end: span.end,
  })
  if (!done) return
  showToast('info', 'Annotation re-attached to the selected passage')
  await refreshAfter([articleId])
}

/** Add a tag to an annotation, or remove it when it is already there. */
export async function toggleTag(annotation: Annotation, tag: string): Promise<void> {
  const key = tagKey(tag)
  const has = annotation.tags.some((t) => tagKey(t) === key)
  const tags = has
    ? annotation.tags.filter((t) => tagKey(t) !== key)
    : normaliseTagList([...annotation.tags, tag])
  await saveTags(annotation.articleId, annotation.id, tags)
  showToast('info', has ? `Removed tag ${tag}` : `Added tag ${tag}`)
}

/** The tag input took the focus it was asked to take. */
export function focusTagsDone(): void {
  workbench.set({ focusTagsFor: null })
}

/** Save an annotation's tags; the codebook may gain tags, so it is refreshed. */
export async function saveTags(
  articleId: string,
  annotationId: string,
  tags: readonly string[],
): Promise<void> {
  const updated = await request('annotation:update', {
    articleId,
    annotationId,
    patch: { tags: [...tags] },
  })
  if (!updated) return
  replaceAnnotation(updated)
  await refreshLibrary()
}

function setNoteSave(annotationId: string, state: NoteSaveState): void {
  workbench.set({ noteSave: { annotationId, state } })
}

/** Mark the note as changed but not yet sent. */
export function noteEdited(annotationId: string): void {
  setNoteSave(annotationId, 'pending')
}

/** Save an annotation's note. */
export async function saveNote(
  articleId: string,
  annotationId: string,
  note: string,
): Promise<void> {
  const { current } = workbench.get()
  // The annotation was deleted while its note editor still held an edit: nothing to save.
  if (current?.article.id === articleId && !current.annotations.some((a) => a.id === annotationId))
    return
  setNoteSave(annotationId, 'saving')
  const updated = await request('annotation:update', { articleId, annotationId, patch: { note } })
  if (!updated) {
    setNoteSave(annotationId, 'error')
    return
  }
  replaceAnnotation(updated)
  // A newer edit may have started while this one was saving; leave its state alone.
  const latest = workbench.get().noteSave
  if (latest?.annotationId === annotationId && latest.state === 'saving')
    setNoteSave(annotationId, 'saved')
}

/** Delete an annotation of the open article. */
export async function deleteAnnotation(articleId: string, annotationId: string): Promise<void> {
  const deleted = await request('annotation:delete', { articleId, annotationId })
  if (!deleted) return
  workbench.set((s) => {
    if (!s.current || s.current.article.id !== articleId) return {}
    return {
      current: {
        ...s.current,
        annotations: s.current.annotations.filter((a) => a.id !== annotationId),
      },
      selectedAnnotationId: s.selectedAnnotationId === annotationId ? null : s.selectedAnnotationId,
    }
  })
  const undoLabel = await latestUndoLabel()
  showActionToast('Annotation deleted.', {
    label: 'Undo',
    keys: 'Control+Z',
    run: async () => {
      if (!(await undoIfLatest(undoLabel)))
        showToast('info', 'Other changes came after it: press Ctrl+Z to step back through them.')
    },
  })
  // Links to it from other articles are gone too; reload so incoming lists are right.
  await refreshAfter([articleId])
}
