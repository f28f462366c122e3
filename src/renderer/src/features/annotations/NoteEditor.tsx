import { useCallback, useEffect, useRef } from 'react'
import { Editor } from '@monaco-editor/react'
import type { editor as MonacoEditor } from 'monaco-editor'
import { noteEdited, saveNote } from './annotation-actions'

/** How long typing must pause before the note is saved. */
export const NOTE_AUTOSAVE_MS = 600

interface NoteEditorProps {
  readonly articleId: string
  readonly annotationId: string
  readonly initialNote: string
  readonly readOnly: boolean
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
}

/**
 * The note of one annotation, in Monaco, saved as the analyst types.
 *
 * Mount one per annotation (keyed by id): an edit waits for a pause in
 * typing, and is saved at once when the editor loses focus or the analyst
 * moves to another annotation or article, so nothing typed is lost.
 */
export function NoteEditor({ articleId, annotationId, initialNote, readOnly }: NoteEditorProps) {
  const pending = useRef<string | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)

  const flush = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current)
    timer.current = null
    const note = pending.current
    if (note === null) return
    pending.current = null
    void saveNote(articleId, annotationId, note)
  }, [articleId, annotationId])

  // Moving to another annotation or article unmounts this editor: save what is left.
  useEffect(() => flush, [flush])

  return (
    <div className="note-editor">
      <Editor
        height="100%"
        defaultLanguage="markdown"
        defaultValue={initialNote}
        theme="vs"
        loading={<div className="note-loading">Loading editor…</div>}
        options={{ ...EDITOR_OPTIONS, readOnly }}
        onMount={(editor) => {
          editor.onDidBlurEditorText(flush)
        }}
        onChange={(value) => {
          pending.current = value ?? ''
          noteEdited(annotationId)
          if (timer.current !== null) clearTimeout(timer.current)
          timer.current = setTimeout(flush, NOTE_AUTOSAVE_MS)
        }}
      />
    </div>
  )
}
