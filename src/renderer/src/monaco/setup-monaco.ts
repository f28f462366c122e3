/**
 * Monaco, bundled with the app and never fetched.
 *
 * Why: `@monaco-editor/react` loads Monaco from a CDN unless it is handed a
 * local copy, and the app must work offline under a CSP that forbids the
 * network. This module runs before any editor mounts. It takes the lean
 * editor API plus the few contributions a note editor needs (typing,
 * clipboard, find, word and line commands) and only the Markdown and Liquid grammars,
 * rather than every language and language service.
 */
import { loader } from '@monaco-editor/react'
import * as monacoApi from 'monaco-editor/editor/editor.api'
// Monaco's per-feature entry points (0.56+): each registers one editor contribution.
import 'monaco-editor/features/codeEditor/register'
import 'monaco-editor/features/codicon/register'
import 'monaco-editor/features/clipboard/register'
import 'monaco-editor/features/contextmenu/register'
import 'monaco-editor/features/cursorUndo/register'
import 'monaco-editor/features/find/register'
import 'monaco-editor/features/linesOperations/register'
import 'monaco-editor/features/wordOperations/register'
import 'monaco-editor/features/placeholderText/register'
import 'monaco-editor/features/suggest/register'
// The suggest feature entry registers only inline completions; the widget for `#tag` completion is here.
import 'monaco-editor/editor/contrib/suggest/browser/suggestController'
import 'monaco-editor/languages/definitions/markdown/register'
// Briefing templates (features/export/TemplateEditor.tsx) are Liquid.
import 'monaco-editor/languages/definitions/liquid/register'
import EditorWorker from 'monaco-editor/editor/editor.worker?worker'

/** The Monaco API as the app uses it. */
export type MonacoApi = typeof import('monaco-editor')

/** The one Monaco instance, typed against the full API for its types. */
export const monaco = monacoApi as unknown as MonacoApi

self.MonacoEnvironment = {
  // Only the editor worker is needed: Markdown has no language service.
  getWorker() {
    return new EditorWorker()
  },
}

loader.config({ monaco: monacoApi })
