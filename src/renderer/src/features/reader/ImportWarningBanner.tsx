import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import { confirmImport } from '../article/article-actions'

/**
 * "Check this import": shown above an article whose extracted text looks
 * wrong (too little of a large page, repeated, mostly short lines).
 *
 * Why a banner and not a refusal: the text may be right after all, and the
 * analyst decides; but an import that lost its story must never look like
 * any other.
 */
export function ImportWarningBanner({ articleId, reason }: { articleId: string; reason: string }) {
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
        If the text is not the story, use <strong>Replace text from file…</strong> with a better
        copy (a saved page, the outlet&apos;s print version), or paste the story as a new article
        (Ctrl+Shift+V) and move this one to the trash.
      </p>
      <button
        type="button"
        className="button small"
        disabled={readOnly}
        onClick={() => void confirmImport(articleId)}
      >
        The text is right
      </button>
    </section>
  )
}
