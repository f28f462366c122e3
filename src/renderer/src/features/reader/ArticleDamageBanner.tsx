import { useState } from 'react'
import type { ArticleDamage } from '../../../../shared/ipc/contract'
import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import { restoreArticleBackup } from '../article/article-actions'
import { importPicked } from '../import/import-actions'

interface ArticleDamageBannerProps {
  readonly articleId: string
  readonly damage: ArticleDamage
  /** How many annotations the article still shows (for damaged text: all of them, as orphans). */
  readonly annotationCount: number
}

/**
 * Says that an article cannot be shown whole, and offers the repair.
 *
 * A damaged annotation file must never look like an article without
 * annotations: the banner says so, and offers the newest backup of the file.
 * Damaged text is repaired by importing the same article file again.
 */
export function ArticleDamageBanner({
  articleId,
  damage,
  annotationCount,
}: ArticleDamageBannerProps) {
  const readOnly = useWorkbench(isReadOnly)
  const [busy, setBusy] = useState(false)
  const backup = damage.backup
  return (
    <section
      className="damage-banner"
      role="alert"
      aria-labelledby="damage-title"
      data-testid="damage-banner"
    >
      <h2 id="damage-title">
        {damage.part === 'annotations'
          ? 'This article’s annotation file is damaged'
          : 'This article’s text cannot be read'}
      </h2>
      <p>
        {damage.part === 'annotations'
          ? 'Its annotations, claims and notes cannot be shown or changed until the file is restored. Nothing was overwritten.'
          : `Its ${annotationCount} annotation${annotationCount === 1 ? ' is' : 's are'} kept and listed beside the reader. Import the same article file again to restore the text.`}
      </p>
      <details>
        <summary>Details</summary>
        <p className="damage-reason">{damage.reason}</p>
      </details>
      <div className="damage-actions">
        {damage.part === 'annotations' && backup !== null && (
          <button
            type="button"
            className="button primary"
            disabled={busy || readOnly}
            onClick={() => {
              setBusy(true)
              void restoreArticleBackup(articleId).finally(() => setBusy(false))
            }}
          >
            Restore the backup of {backup.name} ({backup.annotationCount}{' '}
            {backup.annotationCount === 1 ? 'annotation' : 'annotations'})
          </button>
        )}
        {damage.part === 'annotations' && backup === null && (
          <span className="damage-note">No backup of this file exists yet.</span>
        )}
        {damage.part === 'text' && (
          <button
            type="button"
            className="button primary"
            disabled={readOnly}
            onClick={() => void importPicked()}
          >
            Import the article file…
          </button>
        )}
      </div>
    </section>
  )
}
