/**
 * Highlighting what the analyst selected in the reader.
 *
 * Why separate from the reader component: the toolbar button, the `h` key
 * and (later) the context menu all turn the current DOM selection into a
 * new annotation the same way.
 */
import { articleText } from '../../../../shared/domain/article'
import { showToast } from '../../components/toast-store'
import { isReadOnly, workbench } from '../../state/workbench-store'
import { createHighlight } from '../annotations/annotation-actions'
import { rangeToSpan, trimSpan } from './selection-offsets'

/** Marks the element holding the article's blocks. */
export const ARTICLE_BODY_ATTRIBUTE = 'data-article-body'

/** Create a highlight from the current selection; tells the analyst when there is nothing to highlight. */
export function highlightSelection(): void {
  const state = workbench.get()
  if (!state.current) return
  if (isReadOnly(state)) {
    showToast('error', `The library is read-only: ${state.library?.readOnly ?? ''}`)
    return
  }
  const root = document.querySelector(`[${ARTICLE_BODY_ATTRIBUTE}]`)
  const selection = window.getSelection()
  const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null
  const raw = root && range && !range.collapsed ? rangeToSpan(root, range) : null
  const span = raw && trimSpan(articleText(state.current.article.blocks), raw)
  if (!span) {
    showToast('info', 'Select a passage of the article first, then press H or Highlight.')
    return
  }
  selection?.removeAllRanges()
  void createHighlight(span)
}
