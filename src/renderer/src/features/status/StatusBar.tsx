import { useWorkbench } from '../../state/workbench-store'
import { useSaveState } from './save-state'

/** "1,004 articles", as the library pane counts them. */
const articleCount = new Intl.NumberFormat('en-US')

/** "Saved", "Saving…" or "Not saved": whether the analyst's last edits reached the library. */
function SaveIndicator() {
  const readOnly = useWorkbench((s) => s.library?.readOnly ?? null)
  const noteState = useWorkbench((s) => s.noteSave?.state ?? null)
  const inFlight = useSaveState((s) => s.inFlight)
  const everSaved = useSaveState((s) => s.everSaved)
  const failed = useSaveState((s) => s.failed)
  if (readOnly !== null)
    return (
      <span className="status-item status-warning" role="status" data-testid="save-state">
        Read-only: {readOnly}
      </span>
    )
  const saving = inFlight > 0 || noteState === 'pending' || noteState === 'saving'
  const notSaved = !saving && (failed || noteState === 'error')
  const text = saving ? 'Saving…' : notSaved ? 'Not saved' : everSaved ? 'Saved' : ''
  return (
    <span
      className={`status-item save-state${notSaved ? ' status-warning' : ''}`}
      data-testid="save-state"
      data-state={saving ? 'saving' : notSaved ? 'error' : 'saved'}
    >
      {text}
    </span>
  )
}

/** The status line: which library is open, how big it is, and whether it can be written. */
export function StatusBar() {
  const library = useWorkbench((s) => s.library)
  const message = useWorkbench((s) => s.statusMessage)
  return (
    <footer className="status-bar" aria-label="Library status">
      {library ? (
        <>
          <span className="status-item" title={library.path}>
            Library: <span className="status-path">{library.path}</span>
          </span>
          <span className="status-item" data-testid="article-count">
            {articleCount.format(library.articleCount)}{' '}
            {library.articleCount === 1 ? 'article' : 'articles'}
          </span>
          <SaveIndicator />
          {library.quarantined !== null && library.quarantined.count > 0 && (
            <span className="status-item status-warning" title={library.quarantined.dir}>
              {library.quarantined.count} damaged{' '}
              {library.quarantined.count === 1 ? 'record was' : 'records were'} set aside
            </span>
          )}
        </>
      ) : (
        <span className="status-item">Opening library…</span>
      )}
      <span className="status-message" role="status" data-testid="status-message">
        {message ?? ''}
      </span>
      <span className="status-hint">
        Select text, then H to highlight or C for a claim · ? for shortcuts
      </span>
    </footer>
  )
}
