import type { CSSProperties } from 'react'
import { canAnnotate, isReadOnly, useWorkbench } from '../../state/workbench-store'
import { openExport } from '../export/export-actions'
import { importPicked, openSampleLibrary } from '../import/import-actions'
import { changeFontSize, MAX_FONT_SIZE, MIN_FONT_SIZE, useLayout } from '../layout/layout-store'
import { showCurrentVersion } from '../versions/version-actions'
import { VersionText } from '../versions/VersionText'
import { ArticleBody } from './ArticleBody'
import { ArticleHeader } from './ArticleHeader'
import { claimSelection, highlightSelection } from './highlight-selection'

/**
 * The reader: the open article as text, with the analyst's highlights drawn
 * over it, or an earlier version of it, read-only; a welcome when the library
 * is empty.
 */
export function ReaderPane() {
  const current = useWorkbench((s) => s.current)
  const versionView = useWorkbench((s) => s.versionView)
  const hasArticles = useWorkbench((s) => s.articles.length > 0 || s.trash.length > 0)
  const loaded = useWorkbench((s) => s.articlesLoaded)
  const readOnly = useWorkbench(isReadOnly)
  const annotatable = useWorkbench(canAnnotate)
  const busy = useWorkbench((s) => s.importing !== null)
  const fontSize = useLayout((s) => s.readerFontSize)

  if (!current) {
    const firstRun = loaded && !hasArticles
    return (
      <main className="pane reader-pane" aria-label="Article reader">
        <div className="reader-empty" data-testid={firstRun ? 'first-run' : undefined}>
          <h2>{firstRun ? 'Welcome to Analyst Workbench' : 'Choose an article'}</h2>
          {firstRun ? (
            <>
              <p>
                Read news articles offline, highlight passages, record the claims they make and tag
                them with your codebook. Everything stays on this computer, and you can export a
                Markdown briefing at any time.
              </p>
              <div className="reader-empty-actions">
                <button
                  type="button"
                  className="button primary"
                  disabled={busy || readOnly}
                  onClick={() => void importPicked()}
                >
                  Import articles…
                </button>
                <button
                  type="button"
                  className="button"
                  disabled={busy || readOnly}
                  onClick={() => void openSampleLibrary()}
                >
                  Open the sample library
                </button>
              </div>
              <p className="reader-empty-hint">
                You can also drop files onto this window, or paste text as a new article with{' '}
                <kbd>Ctrl</kbd> <kbd>Shift</kbd> <kbd>V</kbd>.
              </p>
            </>
          ) : (
            <p>Pick an article from the library to read and annotate it.</p>
          )}
        </div>
      </main>
    )
  }

  const { article } = current
  return (
    // Keyed by article so that opening another article starts at its top.
    <main
      key={article.id}
      className="pane reader-pane"
      aria-label="Article reader"
      onKeyDown={(event) => {
        // Escape leaves an earlier version, unless something inside used it (a selection, the editor).
        if (event.key === 'Escape' && versionView && !event.defaultPrevented) {
          event.preventDefault()
          showCurrentVersion()
        }
      }}
    >
      <div className="reader-toolbar" role="group" aria-label="Reader actions">
        <button
          type="button"
          className="button"
          disabled={!annotatable}
          // Pressing the button must not disturb the analyst's text selection,
          // so its mouse-down neither moves focus nor starts a selection.
          onMouseDown={(event) => event.preventDefault()}
          onClick={highlightSelection}
          aria-keyshortcuts="H"
        >
          Highlight <kbd>H</kbd>
        </button>
        <button
          type="button"
          className="button"
          disabled={!annotatable}
          onMouseDown={(event) => event.preventDefault()}
          onClick={claimSelection}
          aria-keyshortcuts="C"
        >
          Claim <kbd>C</kbd>
        </button>
        <button type="button" className="button" onClick={openExport}>
          Export…
        </button>
        <div className="font-size-controls" role="group" aria-label="Text size">
          <button
            type="button"
            className="button"
            aria-label="Smaller text"
            title="Smaller text (Ctrl+-)"
            aria-keyshortcuts="Control+-"
            disabled={fontSize <= MIN_FONT_SIZE}
            onClick={() => changeFontSize(-1)}
          >
            A−
          </button>
          <button
            type="button"
            className="button"
            aria-label="Larger text"
            title="Larger text (Ctrl+=)"
            aria-keyshortcuts="Control+="
            disabled={fontSize >= MAX_FONT_SIZE}
            onClick={() => changeFontSize(1)}
          >
            A+
          </button>
        </div>
      </div>
      <article
        className="article"
        aria-labelledby="article-title"
        data-font-size={fontSize}
        style={{ '--reader-font-size': `${fontSize}px` } as CSSProperties}
      >
        <ArticleHeader current={current} />
        {versionView ? (
          <VersionText view={versionView} />
        ) : (
          <ArticleBody blocks={article.blocks} annotations={current.annotations} />
        )}
      </article>
    </main>
  )
}
