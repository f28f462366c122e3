import type { ArticleMeta } from '../../../../shared/domain/article'
import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import { confirmImport } from '../article/article-actions'
import { TextCorrectionButtons } from '../versions/TextCorrectionButtons'

/**
 * "Check this import": shown above an article whose extracted text looks
 * wrong (too little of a large page, repeated, mostly short lines).
 *
 * Why a banner and not a refusal: the text may be right after all, and the
 * analyst decides; but an import that lost its story must never look like
 * any other. The way out is on the banner: say the text is right, read the
 * page again with the other extractor, or paste the story.
 */
export function ImportWarningBanner({
  article,
  reason,
  disabled,
}: {
  article: Pick<ArticleMeta, 'id' | 'title' | 'extractor' | 'fileName'>
  reason: string
  disabled: boolean
}) {
  const readOnly = useWorkbench(isReadOnly)
  return (
    <section
      className="import-warning-banner"
      aria-labelledby="import-warning-title"
      data-testid="import-warning-banner"
    >
      <h2 id="import-warning-title">Check this import</h2>
      <p>{reason}</p>
      <p>
        If the text is not the story, read the saved page again with the other extractor, paste the
        story, or use <strong>Replace text from file…</strong> with a better copy. The current text
        is kept as an earlier version, and annotations are carried across.
      </p>
      <div className="import-warning-actions" role="group" aria-label="Fix this import">
        <button
          type="button"
          className="button small"
          disabled={readOnly}
          onClick={() => void confirmImport(article.id)}
        >
          The text is right
        </button>
        <TextCorrectionButtons article={article} disabled={readOnly || disabled} />
      </div>
    </section>
  )
}
