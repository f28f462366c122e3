/**
 * Creating, editing and deleting the open article's annotations.
 *
 * Why: every change goes to main first and only then into the store, so
 * what the analyst sees is what is saved. Changes that arrive after the
 * analyst moved to another article update nothing on screen.
 */
import { request } from '../../api'
import type { Annotation } from '../../../../shared/domain/annotation'
import type { AnchoredAnnotation } from '../../../../shared/ipc/contract'
import type { TextSpan } from '../reader/selection-offsets'
import { workbench, type NoteSaveState } from '../../state/workbench-store'
import { refreshLibrary } from '../library/library-actions'
import { showToast } from '../../components/toast-store'

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
export async function createHighlight(span: TextSpan): Promise<void> {
  const { current } = workbench.get()
  if (!current) return
  const created = await request('annotation:create', {
    articleId: current.article.id,
    start: span.start,
    end: span.end,
    kind: 'highlight',
    tags: [],
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
    const annotations = [...s.current.annotations, anchored].sort(
      (a, b) =>
        (a.anchor.start ?? Number.MAX_SAFE_INTEGER) - (b.anchor.start ?? Number.MAX_SAFE_INTEGER) ||
        a.id.localeCompare(b.id),
    )
    return {
      current: { ...s.current, annotations },
      selectedAnnotationId: created.id,
      focusTagsFor: created.id,
    }
  })
  await refreshLibrary()
}

/** Select an annotation (or none). */
export function selectAnnotation(id: string | null): void {
  workbench.set({ selectedAnnotationId: id, focusTagsFor: null })
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
  showToast('info', 'Annotation deleted')
  await refreshLibrary()
}
