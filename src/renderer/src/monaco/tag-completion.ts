/**
 * `#tag` completion in the Markdown note editors.
 *
 * Why: analysts refer to codebook tags in their notes (`#entity/BMW`); typing
 * `#` offers the codebook so the spelling matches the tag exactly. The tag
 * list is read when Monaco asks, so new tags appear without re-registering.
 */
import { foldText } from '../../../shared/search/fold'
import type { MonacoApi } from './setup-monaco'

/** The `#tag` being typed at the end of `lineBefore`, or null when the cursor is not in one. */
export function tagQueryAt(
  lineBefore: string,
): { readonly query: string; readonly start: number } | null {
  const match = /(?:^|[\s([{"'])#([\p{L}\p{N}_./-]*)$/u.exec(lineBefore)
  if (!match) return null
  const query = match[1] ?? ''
  return { query, start: lineBefore.length - query.length }
}

/**
 * The tags that complete `query`: prefix matches first, then matches of any path segment.
 *
 * Folded as search folds (`#cafe` offers "Café", as search's `tag:cafe` finds it).
 */
export function matchTags(names: readonly string[], query: string): string[] {
  const q = foldText(query)
  const prefix: string[] = []
  const inner: string[] = []
  for (const name of names) {
    const key = foldText(name)
    if (key.startsWith(q)) prefix.push(name)
    else if (key.split('/').some((part) => part.startsWith(q))) inner.push(name)
  }
  return [...prefix, ...inner]
}

let registered = false

/** Register the completion provider once; `tagNames` is read on every request. */
export function registerTagCompletion(monaco: MonacoApi, tagNames: () => readonly string[]): void {
  if (registered) return
  registered = true
  monaco.languages.registerCompletionItemProvider('markdown', {
    triggerCharacters: ['#', '/'],
    provideCompletionItems(model, position) {
      const line = model.getLineContent(position.lineNumber).slice(0, position.column - 1)
      const found = tagQueryAt(line)
      if (!found) return { suggestions: [] }
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: found.start + 1,
        endColumn: position.column,
      }
      return {
        suggestions: matchTags(tagNames(), found.query).map((name, i) => ({
          label: name,
          kind: monaco.languages.CompletionItemKind.Keyword,
          detail: 'Codebook tag',
          insertText: name,
          filterText: name,
          sortText: String(i).padStart(4, '0'),
          range,
        })),
      }
    },
  })
}
