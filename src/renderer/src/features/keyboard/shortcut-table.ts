/**
 * The workbench's keyboard shortcuts: which key does what, and when.
 *
 * Why a pure table: the same rules decide what a key press does and what
 * the `?` overlay lists, and the rules (ignore keys while typing, Ctrl+Z vs
 * Ctrl+Shift+Z vs Ctrl+Y) are easy to get wrong and easy to test here.
 */

export type ShortcutAction =
  | { readonly type: 'highlight' }
  | { readonly type: 'claim' }
  | { readonly type: 'slot'; readonly slot: number }
  | { readonly type: 'next' }
  | { readonly type: 'previous' }
  | { readonly type: 'help' }
  | { readonly type: 'undo' }
  | { readonly type: 'redo' }
  | { readonly type: 'toggleSidebar' }
  | { readonly type: 'fontSize'; readonly step: 1 | -1 }
  | { readonly type: 'pasteArticle' }
  | { readonly type: 'editDetails' }
  /** Leave what Escape leaves at window level (an earlier version, the details editor); nothing otherwise. */
  | { readonly type: 'escape' }

/** The parts of a keyboard event the table looks at. */
export interface KeyPress {
  readonly key: string
  readonly ctrlKey: boolean
  readonly metaKey: boolean
  readonly altKey: boolean
  readonly shiftKey: boolean
  readonly repeat: boolean
}

export interface ShortcutContext {
  /** Focus is in an input, a textarea or the note editor: their own keys win. */
  readonly typing: boolean
  /** A modal dialog is open: it handles its own keys. */
  readonly modalOpen: boolean
}

/** One line of the shortcut overlay. */
export interface ShortcutHelp {
  readonly keys: readonly string[]
  readonly description: string
}

export const SHORTCUT_HELP: readonly ShortcutHelp[] = [
  { keys: ['↓', '/', ']'], description: 'In the article text: next paragraph' },
  { keys: ['↑', '/', '['], description: 'In the article text: previous paragraph' },
  { keys: ['S'], description: 'Select a sentence of the paragraph; again for the next one' },
  { keys: ['Shift', '→', '/', '←'], description: 'Move the end of the selection by a word' },
  {
    keys: ['Shift', 'Alt', '→', '/', '←'],
    description: 'Move the start of the selection by a word',
  },
  { keys: ['Esc'], description: 'In the article text: clear the selection' },
  { keys: ['H'], description: 'Highlight the selected passage' },
  { keys: ['C'], description: 'Make the selected passage a claim' },
  {
    keys: ['1', '…', '9'],
    description:
      'Highlight the selection with the tag in that slot; with no selection, toggle that tag on the selected annotation',
  },
  { keys: ['J'], description: 'Next annotation' },
  { keys: ['K'], description: 'Previous annotation' },
  {
    keys: ['E'],
    description: 'Edit the article’s details (title, source, byline, published, URL, language)',
  },
  { keys: ['Enter'], description: 'In the details editor: save' },
  { keys: ['Esc'], description: 'In the details editor: cancel' },
  { keys: ['Delete'], description: 'In the library list: move the article to the trash' },
  { keys: ['Esc'], description: 'Reading an earlier version: back to the current one' },
  { keys: ['Ctrl', 'Z'], description: 'Undo the last change' },
  { keys: ['Ctrl', 'Shift', 'Z'], description: 'Redo' },
  { keys: ['Ctrl', 'Y'], description: 'Redo' },
  { keys: ['Ctrl', 'B'], description: 'Show or hide the library' },
  { keys: ['Ctrl', '='], description: 'Larger reading text' },
  { keys: ['Ctrl', '-'], description: 'Smaller reading text' },
  { keys: ['Ctrl', 'Shift', 'V'], description: 'Paste the clipboard as a new article' },
  { keys: ['Ctrl', 'E'], description: 'Export…' },
  {
    keys: ['Esc'],
    description: 'In the note editor: let Tab and Shift+Tab leave it (otherwise Tab types a tab)',
  },
  { keys: ['?'], description: 'Show these shortcuts' },
  { keys: ['Esc'], description: 'Close a dialog or this overlay' },
]

/** What a key press does, or null when the workbench leaves it alone. */
export function resolveShortcut(press: KeyPress, context: ShortcutContext): ShortcutAction | null {
  if (context.typing || context.modalOpen || press.altKey) return null
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key
  if (press.ctrlKey || press.metaKey) {
    if (key === 'z') return press.shiftKey ? { type: 'redo' } : { type: 'undo' }
    if (key === 'y' && !press.shiftKey) return { type: 'redo' }
    if (press.repeat) return null
    if (key === 'b' && !press.shiftKey) return { type: 'toggleSidebar' }
    if (key === 'v' && press.shiftKey) return { type: 'pasteArticle' }
    if (key === '=' || key === '+') return { type: 'fontSize', step: 1 }
    if (key === '-' || key === '_') return { type: 'fontSize', step: -1 }
    return null
  }
  if (press.repeat) return null
  if (press.key === 'Escape' && !press.shiftKey) return { type: 'escape' }
  if (press.key === '?') return { type: 'help' }
  if (/^[1-9]$/u.test(press.key)) return { type: 'slot', slot: Number(press.key) }
  switch (key) {
    case 'h':
      return { type: 'highlight' }
    case 'c':
      return { type: 'claim' }
    case 'j':
      return { type: 'next' }
    case 'k':
      return { type: 'previous' }
    case 'e':
      return { type: 'editDetails' }
    default:
      return null
  }
}

/** Whether a key event's target is somewhere the analyst types text. */
export function isTextEntryTarget(target: EventTarget | null): boolean {
  if (typeof Element === 'undefined' || !(target instanceof Element)) return false
  if (target.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))
    return true
  return target.closest('.monaco-editor') !== null
}
