import { useEffect, useRef, type ReactNode } from 'react'
import type { ArticleVersionView } from '../../../../shared/ipc/contract'
import { BLOCK_ELEMENTS, withCitationMarkers } from '../reader/ArticleBody'
import { paragraphs } from './update-report'
import { showCurrentVersion } from './version-actions'
import { versionDate } from './version-words'
import './versions.css'

/**
 * An earlier version of the article, read-only, in place of its text: a
 * banner that says so (with the way back), and the paragraphs that are not
 * in the current version marked as changed.
 */
export function VersionText({ view }: { view: ArticleVersionView }) {
  const changed = new Set(view.changed)
  const backRef = useRef<HTMLButtonElement>(null)
  const shownHash = view.version.contentHash
  // Announce the switch by moving focus to the way back only when nothing else holds it.
  useEffect(() => {
    if (document.activeElement === document.body) backRef.current?.focus()
  }, [shownHash])

  const rendered: ReactNode[] = []
  let listItems: ReactNode[] = []
  const flush = (key: number) => {
    if (listItems.length === 0) return
    rendered.push(<ul key={`list-${key}`}>{listItems}</ul>)
    listItems = []
  }
  view.blocks.forEach((block, i) => {
    const isChanged = changed.has(i)
    const content = (
      <>
        {isChanged && <span className="visually-hidden">Changed or removed since: </span>}
        {withCitationMarkers(block.text)}
      </>
    )
    const className = `block block-${block.type}${isChanged ? ' block-changed' : ''}`
    if (block.type === 'list-item') {
      listItems.push(
        <li key={i} className={className} data-changed={isChanged ? '' : undefined}>
          {content}
        </li>,
      )
      return
    }
    flush(i)
    const Element = BLOCK_ELEMENTS[block.type]
    rendered.push(
      <Element key={i} className={className} data-changed={isChanged ? '' : undefined}>
        {content}
      </Element>,
    )
  })
  flush(view.blocks.length)

  const details: string[] = []
  details.push(
    view.changed.length === 0
      ? 'No paragraph of it differs from the current version.'
      : `${paragraphs(view.changed.length)} of it changed or went since (marked).`,
  )
  if (view.added > 0) details.push(`${paragraphs(view.added)} added since.`)

  return (
    <>
      <section
        className="version-banner"
        aria-labelledby="version-banner-title"
        data-testid="version-banner"
      >
        <h2 id="version-banner-title">
          Previous version from {versionDate(view.version.addedAt)} — read only
        </h2>
        <p>
          Version {view.number} of {view.versions.length}
          {view.version.fileName ? `, from ${view.version.fileName}` : ''}. {details.join(' ')}
        </p>
        <div className="version-banner-actions">
          <button
            ref={backRef}
            type="button"
            className="button small primary"
            onClick={showCurrentVersion}
          >
            Back to the current version
          </button>
          <span className="field-hint">
            or press <kbd>Esc</kbd>
          </span>
        </div>
      </section>
      <div
        className="article-body version-body"
        role="group"
        aria-label={`Text of version ${view.number}, read only`}
        tabIndex={0}
      >
        {rendered}
      </div>
    </>
  )
}
