import { useCallback, useEffect, useRef } from 'react'
import { Editor } from '@monaco-editor/react'
import type { editor as MonacoEditor } from 'monaco-editor'
import { useTheme } from '../theme/theme'

/** How long typing must pause before the note is saved. */
export const NOTE_AUTOSAVE_MS = 600

interface NoteEditorProps {
  readonly initialNote: string
  readonly readOnly: boolean
  /** The editor's accessible name. */
  readonly label: string
  /** Called on the first change after a save. */
  readonly onEdited: () => void
  /** Save the note; called after a pause in typing, on blur and on unmount. */
  readonly onSave: (note: string) => void
}

const EDITOR_OPTIONS: MonacoEditor.IStandaloneEditorConstructionOptions = {
  wordWrap: 'on',
  // Measure wrapping in the DOM: the estimate Monaco uses by default assumes a monospace font.
  wrappingStrategy: 'advanced',
  minimap: { enabled: false },
  // Headless Chromium loses typed characters with EditContext on.
  editContext: false,
  ariaLabel: 'Note',
  lineNumbers: 'off',
  glyphMargin: false,
  folding: false,
  lineDecorationsWidth: 8,
  renderLineHighlight: 'none',
  scrollBeyondLastLine: false,
  overviewRulerLanes: 0,
  hideCursorInOverviewRuler: true,
  // Notes are prose: the reading UI's font, not a code font.
  fontFamily:
    "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Liberation Sans', Arial, sans-serif",
  fontSize: 14,
  lineHeight: 21,
  padding: { top: 8, bottom: 8 },
  automaticLayout: true,
  placeholder: 'Write a note in Markdown…',
  scrollbar: { verticalScrollbarSize: 10, horizontalScrollbarSize: 10 },
  tabFocusMode: false,
  unicodeHighlight: { ambiguousCharacters: false },
  // The suggestion list for `#tag` must not be clipped by the editor's rounded frame.
  fixedOverflowWidgets: true,
  // Suggestions only for `#tag` (its trigger character), never the words of the note itself.
  quickSuggestions: false,
  wordBasedSuggestions: 'off',
  suggestOnTriggerCharacters: true,
}

/**
 * A Markdown note in Monaco, saved as the analyst types.
 *
 * Mount one per note (keyed by its owner): an edit waits for a pause in
 * typing, and is saved at once when the editor loses focus or the analyst
 * moves to another annotation or article, so nothing typed is lost. Each
 * save is one undo step in main.
 */
export function NoteEditor({ initialNote, readOnly, label, onEdited, onSave }: NoteEditorProps) {
  const pending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const save = useRef(onSave)
  useEffect(() => {
    save.current = onSave
  }, [onSave])

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = null
    const note = pending.current
    if (note === null) return
    pending.current = null
    save.current(note)
  }, [])

  // Moving to another annotation or article unmounts this editor: save what is left.
  useEffect(() => flush, [flush])

  // Closing or reloading the window, or hiding it, must not lose a draft either.
  useEffect(() => {
    const onHidden = () => {
      if (document.visibilityState === 'hidden') flush()
    }
    window.addEventListener('beforeunload', flush)
    window.addEventListener('pagehide', flush)
    document.addEventListener('visibilitychange', onHidden)
    return () => {
      window.removeEventListener('beforeunload', flush)
      window.removeEventListener('pagehide', flush)
      document.removeEventListener('visibilitychange', onHidden)
    }
  }, [flush])

  const dark = useTheme((s) => s.theme === 'dark')

  return (
    <div className="note-editor">
      <Editor
        height="100%"
        defaultLanguage="markdown"
        defaultValue={initialNote}
        theme={dark ? 'vs-dark' : 'vs'}
        loading={<div className="note-loading">Loading editor…</div>}
        options={{ ...EDITOR_OPTIONS, readOnly, ariaLabel: label }}
        onMount={(editor, monaco) => {
          editor.onDidBlurEditorText(flush)
          // Tab types a tab in the note; after Escape, Tab and Shift+Tab leave the editor.
          editor.onKeyDown((event) => {
            if (event.keyCode === monaco.KeyCode.Escape)
              editor.updateOptions({ tabFocusMode: true })
          })
          editor.onDidFocusEditorText(() => editor.updateOptions({ tabFocusMode: false }))
        }}
        onChange={(value) => {
          pending.current = value ?? ''
          onEdited()
          if (timer.current !== null) clearTimeout(timer.current)
          timer.current = setTimeout(flush, NOTE_AUTOSAVE_MS)
        }}
      />
    </div>
  )
}
