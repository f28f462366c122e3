import { useWorkbench } from '../../state/workbench-store'

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
            {library.articleCount} {library.articleCount === 1 ? 'article' : 'articles'}
          </span>
          {library.readOnly !== null && (
            <span className="status-item status-warning" role="status">
              Read-only: {library.readOnly}
            </span>
          )}
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
