/**
 * "Paste the text…": the analyst copies the story from the outlet's page by
 * hand and makes it the open article's new version.
 *
 * Why a dialog and not the clipboard directly: the text is the evidence the
 * annotations will rest on, so the analyst sees it, can trim it and submits
 * it; and a refused clipboard (see `paste-article.ts`) is no dead end.
 * Which article the dialog is for is workbench state, so that the
 * keyboard shortcuts know a modal dialog is open.
 */
import { invoke, reportError } from '../../api'
import { workbench } from '../../state/workbench-store'
import { announceUpdate } from '../versions/version-actions'
import { pastedTextProblem } from './pasted-text'

/** The element to give the keyboard back to when the dialog closes. */
let returnFocusTo: HTMLElement | null = null

/** Open "Paste the text…" for an article. */
export function openPasteText(articleId: string, title: string): void {
  const active = document.activeElement
  returnFocusTo = active instanceof HTMLElement ? active : null
  workbench.set({ pasteTextFor: { articleId, title } })
}

/** Close the dialog; the keyboard goes back to the button that opened it. */
export function closePasteText(): void {
  if (workbench.get().pasteTextFor === null) return
  workbench.set({ pasteTextFor: null })
  const back = returnFocusTo
  returnFocusTo = null
  if (back?.isConnected) requestAnimationFrame(() => back.focus())
}

/**
 * Make `text` the article's new version. Returns the error to show in the
 * dialog (it stays open so nothing typed is lost), or null when saved.
 */
export async function submitPastedText(articleId: string, text: string): Promise<string | null> {
  const problem = pastedTextProblem(text)
  if (problem !== null) return problem
  const result = await invoke('article:pasteText', { id: articleId, text })
  if (!result.ok) {
    const { code, message } = result.error
    if (code === 'invalid-input' || code === 'duplicate') return message
    reportError(result.error)
    return 'The text was not saved.'
  }
  closePasteText()
  await announceUpdate(articleId, result.value, 'The pasted text is the new version.')
  return null
}
