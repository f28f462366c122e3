import type { ArticleMeta } from '../../../../shared/domain/article'
import { isWebPageFileName } from '../../../../shared/import/article-file-types'
import { EXTRACTOR_LABELS, otherExtractor } from '../../../../shared/import/extractors'
import { openPasteText } from '../paste/paste-text-actions'
import { reextractArticle } from './version-actions'

/**
 * "Try <the other extractor>…" and "Paste the text…": the two ways to give
 * an article whose text came out wrong a better one, in the "check this
 * import" banner and among the reader's article actions.
 *
 * Why "Try …" only for web pages: an extractor reads HTML and web
 * archives; for a PDF or a Word file there is nothing else to try. An
 * article imported before extractors were recorded is known by its file name.
 */
export function TextCorrectionButtons({
  article,
  disabled,
}: {
  article: Pick<ArticleMeta, 'id' | 'title' | 'extractor' | 'fileName'>
  disabled: boolean
}) {
  const fromPage =
    article.extractor !== undefined ||
    (article.fileName !== null && isWebPageFileName(article.fileName))
  const other = otherExtractor(article.extractor)
  const label = EXTRACTOR_LABELS[other]
  return (
    <>
      {fromPage && (
        <button
          type="button"
          className="button small"
          disabled={disabled}
          title={`Read a saved copy of the page again with ${label}; the new text becomes a new version`}
          onClick={() => void reextractArticle(article.id, other)}
        >
          Try {label}…
        </button>
      )}
      <button
        type="button"
        className="button small"
        disabled={disabled}
        title="Paste the story's text; it becomes a new version and the annotations are carried across"
        onClick={() => openPasteText(article.id, article.title)}
      >
        Paste the text…
      </button>
    </>
  )
}
