import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import { restoreFromTrash } from './trash-actions'
import { trashedWhen } from './trash-words'

/** Above the text of an article opened from the trash (or a link to it): where it is, and the way back. */
export function TrashedBanner({ articleId, trashedAt }: { articleId: string; trashedAt: string }) {
  const readOnly = useWorkbench(isReadOnly)
  return (
    <section
      className="trashed-banner"
      aria-labelledby="trashed-title"
      data-testid="trashed-banner"
    >
      <h2 id="trashed-title">This article is in the trash</h2>
      <p>
        Moved there {trashedWhen(trashedAt)}. It stays out of the list, search and exports, and
        takes no new annotations, until you restore it.
      </p>
      <button
        type="button"
        className="button small"
        disabled={readOnly}
        onClick={() => void restoreFromTrash(articleId)}
      >
        Restore from the trash
      </button>
    </section>
  )
}
