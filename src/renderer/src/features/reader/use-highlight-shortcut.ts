/**
 * The `h` key: highlight the selected passage.
 *
 * Why a window-level listener: the selection lives in the reader, but focus
 * is often elsewhere (the library list, the body). The key is ignored while
 * the analyst types in an input or the note editor, or a dialog is open.
 */
import { useEffect } from 'react'
import { workbench } from '../../state/workbench-store'
import { highlightSelection } from './highlight-selection'

/** Whether a key event's target is somewhere the analyst types text. */
export function isTextEntryTarget(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))
    return true
  return target.closest('.monaco-editor') !== null
}

export function useHighlightShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'h' && event.key !== 'H') return
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return
      if (isTextEntryTarget(event.target) || workbench.get().exportOpen) return
      if (!workbench.get().current) return
      event.preventDefault()
      highlightSelection()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}
