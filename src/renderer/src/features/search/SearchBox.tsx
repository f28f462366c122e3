import { useEffect, type KeyboardEvent } from 'react'
import { isModalOpen, workbench } from '../../state/workbench-store'
import { isTextEntryTarget } from '../keyboard/shortcut-table'
import {
  clearSearch,
  focusSearchBox,
  isSearchActive,
  setSearchQuery,
  useSearch,
} from './search-actions'
import './search.css'

/** The filters of the query language, shown under the box as a reminder. */
const SYNTAX_HINT: readonly string[] = [
  'tag:',
  'kind:claim',
  'status:',
  'claimant:',
  'source:',
  'has:note',
  'anchor:orphaned',
  '"phrase"',
  '-word',
]

/** `/` or Ctrl+F (outside text fields and the note editor) puts focus in the search box. */
function useSearchShortcut(): void {
  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.altKey || isModalOpen(workbench.get()) || isTextEntryTarget(event.target)) return
      const slash = event.key === '/' && !event.ctrlKey && !event.metaKey
      const find = (event.ctrlKey || event.metaKey) && !event.shiftKey && event.key === 'f'
      if (!slash && !find) return
      event.preventDefault()
      focusSearchBox()
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])
}

/** The library's search box, with a hint of the query language while it is in use. */
export function SearchBox() {
  const query = useSearch((s) => s.query)
  const active = useSearch(isSearchActive)
  useSearchShortcut()

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      // The first Escape clears the query; on an empty box it gives focus back to the page.
      if (query !== '') clearSearch()
      else event.currentTarget.blur()
      event.preventDefault()
      event.stopPropagation()
    } else if (event.key === 'ArrowDown') {
      const first = document.querySelector<HTMLElement>('[data-search-item]')
      if (first) {
        first.focus()
        event.preventDefault()
      }
    }
  }

  return (
    <div className={`search-box${active ? ' active' : ''}`}>
      <div className="search-field">
        <input
          type="search"
          className="search-input"
          aria-label="Search the library"
          aria-describedby="search-syntax"
          aria-keyshortcuts="/ Control+F"
          placeholder="Search the library"
          spellCheck={false}
          autoComplete="off"
          data-search-box=""
          value={query}
          onChange={(event) => setSearchQuery(event.currentTarget.value)}
          onKeyDown={onKeyDown}
        />
        {!active && <kbd className="search-key">/</kbd>}
      </div>
      <p id="search-syntax" className="search-syntax">
        <span className="visually-hidden">Filters:</span>
        {SYNTAX_HINT.map((item) => (
          <code key={item}>{item}</code>
        ))}
      </p>
    </div>
  )
}
