/**
 * What the "Paste the text…" dialog checks before sending a text to main
 * (pure; unit-tested).
 *
 * Why in the window as well as in main: the analyst learns at once, in the
 * dialog, that the text is empty or too large, without a round trip and
 * without losing what was pasted. Main checks again (the contract's limit).
 */
import { MAX_PASTED_TEXT_CHARS } from '../../../../shared/ipc/contract'

/** Why a text cannot be submitted yet, in the analyst's words, or null. */
export function pastedTextProblem(text: string): string | null {
  if (text.trim() === '') return 'Paste the text of the story first.'
  if (text.length > MAX_PASTED_TEXT_CHARS) {
    return `The text is ${text.length.toLocaleString('en')} characters long; at most ${MAX_PASTED_TEXT_CHARS.toLocaleString('en')} can be pasted. Save the page and use "Replace text from file…" instead.`
  }
  return null
}
