import type { ChangeEvent } from 'react'
import { ARTICLE_FILE_ACCEPT } from '../../../../shared/import/article-file-types'
import { replaceTextFromFile } from './version-actions'

/** The files the chooser offers; main decides what it can really read. */
const ACCEPT = ARTICLE_FILE_ACCEPT

/**
 * "Replace text from file…": the article's new version from a file (the
 * outlet updated the story). A label around a hidden file input, like
 * "Choose files…", so it is reached and pressed from the keyboard.
 */
export function ReplaceTextButton({
  articleId,
  disabled,
}: {
  articleId: string
  disabled: boolean
}) {
  const onChosen = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0]
    // Clear the input so choosing the same file again still fires a change.
    event.currentTarget.value = ''
    if (file) void replaceTextFromFile(articleId, file)
  }
  return (
    <label
      className={`button small${disabled ? ' disabled' : ''}`}
      title="Make a file this article's new version; its annotations are carried across"
    >
      Replace text from file…
      <input
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        disabled={disabled}
        data-testid="replace-text-input"
        onChange={onChosen}
      />
    </label>
  )
}
