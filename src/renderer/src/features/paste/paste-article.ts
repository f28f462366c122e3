/**
 * Paste the clipboard as a new article (Ctrl+Shift+V).
 *
 * Why through `importFileList`: a pasted text is imported exactly like a
 * dropped `.txt` file, so it gets the same checks, the same report and the
 * same "open the first new article" behaviour.
 */
import { showToast } from '../../components/toast-store'
import { importFileList } from '../import/import-actions'

/** The name a pasted article is imported under, e.g. `pasted-2026-11-22T04-30-00.txt`. */
export function pastedFileName(now: Date): string {
  const stamp = now.toISOString().slice(0, 19).replace(/:/gu, '-')
  return `pasted-${stamp}.txt`
}

/** Import a text as a new article. */
export async function importPastedText(text: string, now = new Date()): Promise<void> {
  if (text.trim() === '') {
    showToast('info', 'The clipboard has no text to import.')
    return
  }
  const file = new File([text], pastedFileName(now), { type: 'text/plain' })
  await importFileList([file])
}

/** Read the clipboard and import its text; explain a refused clipboard. */
export async function pasteAsArticle(): Promise<void> {
  let text: string
  try {
    text = await navigator.clipboard.readText()
  } catch {
    showToast(
      'error',
      'The clipboard could not be read. Allow clipboard access, or drop a text file onto the window instead.',
    )
    return
  }
  await importPastedText(text)
}
