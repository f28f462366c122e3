import { useState } from 'react'
import { useWorkbench } from '../../state/workbench-store'

/** One empty list, so the selector returns the same value until there are notices. */
const NONE: readonly string[] = []

/**
 * What the library had to do on its own, said once: an index rebuilt from
 * the article files, an interrupted change completed, a backup skipped for
 * lack of space. Each notice stays until the analyst dismisses it.
 */
export function LibraryNotices() {
  const notices = useWorkbench((s) => s.library?.notices ?? NONE)
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set())
  const shown = notices.filter((n) => !dismissed.has(n))
  if (shown.length === 0) return null
  return (
    <section className="library-notices" aria-label="Library notices" data-testid="library-notices">
      <ul>
        {shown.map((notice) => (
          <li key={notice}>{notice}</li>
        ))}
      </ul>
      <button
        type="button"
        className="button small"
        onClick={() => setDismissed(new Set([...dismissed, ...shown]))}
      >
        Dismiss
      </button>
    </section>
  )
}
