/**
 * Remove the navigation and widget text that news sites leave in copied
 * articles.
 *
 * Why: the saved articles analysts work from carry lines like "No time to
 * read? / Get a summary" and "Previous Article / Next Article" followed by
 * unrelated headlines. Left in, those headlines would be read, searched and
 * even tagged as if the article had said them.
 */

/** A line that is nothing but a summary widget's label(s). */
const WIDGET_LINE = /^(?:(?:no time to read\??|get a summary)[\s.!]*)+$/i

/** A line that is a pager label; the line after it is another article's headline. */
const PAGER_LINE = /^(?:previous|next) article:?$/i

/**
 * Longest headline we expect after a pager label. Longer means the next
 * article's body was glued onto its headline when the page was copied.
 */
const MAX_HEADLINE_CHARS = 200

/** Whether a line is site chrome on its own (a widget label or a pager label). */
function isChromeLine(text: string): boolean {
  const line = text.trim()
  return WIDGET_LINE.test(line) || PAGER_LINE.test(line)
}

/**
 * Find where a headline runs straight into the next article's body, as in
 * "…Elite CirclesWith Western carmakers…" (seed 001 begins right after
 * seed 000's last headline): the join is small letters followed directly by
 * a capitalised word. Returns the text after the headline, or null when the
 * line is short enough to be a headline alone or no join is found.
 */
function splitGluedHeadline(line: string): string | null {
  if (line.length <= MAX_HEADLINE_CHARS) return null
  // Two lowercase letters before the capital keep "McDonald" whole.
  const join = /(?:\p{Ll}\p{Ll}|\d)[”"’)]?(?=\p{Lu}\p{Ll})/gu
  for (const match of line.matchAll(join)) {
    const at = match.index + match[0].length
    if (at > MAX_HEADLINE_CHARS) break
    // A join needs a real headline before it.
    if (at < 12) continue
    return line.slice(at).trim()
  }
  return null
}

/**
 * Drop chrome from a sequence of items (lines or blocks).
 *
 * `textOf` gives an item's text; empty text counts as a blank line and is
 * skipped when looking for the headline after a pager label.
 * `withText` rebuilds an item whose text had a glued headline cut off.
 */
export function removeChrome<T>(
  items: readonly T[],
  textOf: (item: T) => string,
  withText: (item: T, text: string) => T,
): T[] {
  const kept: T[] = []
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as T
    const text = textOf(item).trim()
    if (WIDGET_LINE.test(text)) continue
    if (!PAGER_LINE.test(text)) {
      kept.push(item)
      continue
    }
    // Skip blank lines to the headline, unless another label comes first
    // (a pager with "Next Article" and no headline of its own).
    let j = i + 1
    while (j < items.length && textOf(items[j] as T).trim() === '') j++
    if (j >= items.length) break
    const headline = items[j] as T
    const headlineText = textOf(headline).trim()
    if (isChromeLine(headlineText)) {
      i = j - 1
      continue
    }
    // Too long for a headline: either another article glued onto one, or
    // not a headline at all, and then it is kept rather than lost.
    if (headlineText.length > MAX_HEADLINE_CHARS) {
      kept.push(withText(headline, splitGluedHeadline(headlineText) ?? headlineText))
    }
    i = j
  }
  return kept
}
