/**
 * The window's keyboard shortcuts (see `shortcut-table.ts`).
 *
 * Why a window-level listener: the selection lives in the reader, but focus
 * is often elsewhere (the library list, the body). Keys typed into inputs,
 * the note editor or a dialog are left to them, so their own undo works.
 */
import { useEffect } from 'react'
import { showToast } from '../../components/toast-store'
import { isModalOpen, selectedAnnotation, workbench } from '../../state/workbench-store'
import { stepAnnotation, toggleTag } from '../annotations/annotation-actions'
import { closeDetailsEditor, editDetails } from '../article-details/article-details-actions'
import { redo, undo } from '../history/history-actions'
import { changeFontSize, toggleSidebar } from '../layout/layout-store'
import { pasteAsArticle } from '../paste/paste-article'
import { annotateSelection, refuseReadOnly, selectedSpan } from '../reader/highlight-selection'
import { showCurrentVersion } from '../versions/version-actions'
import { isTextEntryTarget, resolveShortcut, type ShortcutAction } from './shortcut-table'

/** Open or close the shortcut overlay. */
export function setShortcutsOpen(open: boolean): void {
  workbench.set({ shortcutsOpen: open })
}

function applySlot(slot: number): void {
  const state = workbench.get()
  if (!state.current) return
  const tag = state.codebook.find((t) => t.slot === slot)
  if (!tag) {
    showToast('info', `No tag is in slot ${slot}. Give a tag a slot in the codebook.`)
    return
  }
  if (refuseReadOnly()) return
  if (selectedSpan()) {
    annotateSelection('highlight', [tag.name])
    return
  }
  const annotation = selectedAnnotation(state)
  if (!annotation) {
    showToast('info', `Select a passage or an annotation to tag it ${tag.name}.`)
    return
  }
  void toggleTag(annotation, tag.name)
}

function run(action: ShortcutAction): void {
  switch (action.type) {
    case 'highlight':
      annotateSelection('highlight')
      return
    case 'claim':
      annotateSelection('claim')
      return
    case 'slot':
      applySlot(action.slot)
      return
    case 'next':
      stepAnnotation(1)
      return
    case 'previous':
      stepAnnotation(-1)
      return
    case 'help':
      setShortcutsOpen(true)
      return
    case 'undo':
      void undo()
      return
    case 'redo':
      void redo()
      return
    case 'toggleSidebar':
      toggleSidebar()
      return
    case 'fontSize':
      changeFontSize(action.step)
      return
    case 'pasteArticle':
      void pasteAsArticle()
      return
    case 'editDetails':
      if (!refuseReadOnly()) editDetails()
      return
    case 'escape':
      if (workbench.get().versionView) showCurrentVersion()
      else closeDetailsEditor()
      return
  }
}

/** Whether an action needs an open article. */
function needsArticle(action: ShortcutAction): boolean {
  return (
    action.type === 'highlight' ||
    action.type === 'claim' ||
    action.type === 'slot' ||
    action.type === 'next' ||
    action.type === 'previous' ||
    action.type === 'editDetails'
  )
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const state = workbench.get()
      const action = resolveShortcut(event, {
        typing: isTextEntryTarget(event.target),
        modalOpen: isModalOpen(state),
      })
      if (!action) return
      if (needsArticle(action) && !state.current) return
      // Escape is only the workbench's when an earlier version or the details editor is
      // on screen and nothing else used it.
      if (
        action.type === 'escape' &&
        ((state.versionView === null && state.editingDetails === null) || event.defaultPrevented)
      )
        return
      event.preventDefault()
      run(action)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
