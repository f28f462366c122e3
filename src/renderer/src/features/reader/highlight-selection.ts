/**
 * Annotating what the analyst selected in the reader.
 *
 * Why separate from the reader component: the toolbar buttons, the `h`,
 * `c` and slot keys and the re-attach action all turn the current DOM
 * selection into a span of the article text the same way.
 */
import type { AnnotationKind } from '../../../../shared/domain/annotation'
import { articleText } from '../../../../shared/domain/article'
import { showToast } from '../../components/toast-store'
import { isReadOnly, workbench } from '../../state/workbench-store'
import { createAnnotation, reattachAnnotation } from '../annotations/annotation-actions'
import { rangeToSpan, trimSpan, type TextSpan } from './selection-offsets'

/** Marks the element holding the article's blocks. */
export const ARTICLE_BODY_ATTRIBUTE = 'data-article-body'

/** The passage selected in the reader as a span of the article text, or null. */
export function selectedSpan(): TextSpan | null {
  const { current } = workbench.get()
  if (!current) return null
  const root = document.querySelector(`[${ARTICLE_BODY_ATTRIBUTE}]`)
  const selection = window.getSelection()
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null
  const raw = root && range && !range.collapsed ? rangeToSpan(root, range) : null
  return raw && trimSpan(articleText(current.article.blocks), raw)
}

/** Refuse a change in a read-only library, saying why. */
export function refuseReadOnly(): boolean {
  const state = workbench.get()
  if (!isReadOnly(state)) return false
  showToast('error', `The library is read-only: ${state.library?.readOnly ?? ''}`)
  return true
}

/**
 * Refuse to annotate text that is not the article's current, live text: a
 * damaged article, one in the trash, or an earlier version on screen.
 */
function refuseNotCurrentText(): boolean {
  const { current, versionView } = workbench.get()
  if (!current) return true
  if (current.damage !== null) {
    showToast('error', 'This article is damaged: repair it first (see the banner above its text).')
    return true
  }
  if (current.article.trashedAt !== null) {
    showToast('info', 'This article is in the trash: restore it to annotate it.')
    return true
  }
  if (versionView !== null) {
    showToast(
      'info',
      'This is an earlier version, shown read-only: go back to the current version to annotate.',
    )
    return true
  }
  return false
}

/**
 * Point an annotation at the passage selected in the reader (an orphan, or
 * a drifted one whose new place is elsewhere); tells the analyst when
 * nothing is selected.
 */
export function reattachToSelection(articleId: string, annotationId: string): void {
  if (refuseReadOnly() || refuseNotCurrentText()) return
  const span = selectedSpan()
  if (!span) {
    showToast('info', 'Select the passage in the article first, then re-attach.')
    return
  }
  window.getSelection()?.removeAllRanges()
  void reattachAnnotation(articleId, annotationId, span)
}

/**
 * Annotate the current selection; tells the analyst when there is nothing selected.
 *
 * Returns whether an annotation was requested.
 */
export function annotateSelection(kind: AnnotationKind, tags: readonly string[] = []): boolean {
  const current = workbench.get().current
  if (!current || refuseReadOnly()) return false
  if (refuseNotCurrentText()) return false
  const span = selectedSpan()
  if (!span) {
    showToast(
      'info',
      kind === 'claim'
        ? 'Select a passage of the article first, then press C or Claim.'
        : 'Select a passage of the article first, then press H or Highlight.',
    )
    return false
  }
  window.getSelection()?.removeAllRanges()
  void createAnnotation(span, kind, tags)
  return true
}

/** Create a highlight from the current selection. */
export function highlightSelection(): void {
  annotateSelection('highlight')
}

/** Create a claim from the current selection. */
export function claimSelection(): void {
  annotateSelection('claim')
}
