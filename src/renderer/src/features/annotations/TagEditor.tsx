import { useEffect, useId, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react'
import { normaliseTagList, tagKey } from '../../../../shared/domain/tag'
import type { CodebookTag } from '../../../../shared/ipc/contract'

interface TagEditorProps {
  readonly tags: readonly string[]
  readonly codebook: readonly CodebookTag[]
  readonly disabled: boolean
  /** Take keyboard focus once, e.g. right after the annotation was created. */
  readonly focusRequested: boolean
  readonly onFocused: () => void
  readonly onChange: (tags: readonly string[]) => void
}

/**
 * Tags as removable chips, with an input that adds tags on Enter or comma.
 *
 * The codebook's tags are offered as suggestions; a new name becomes a new
 * codebook tag when main saves it.
 */
export function TagEditor({
  tags,
  codebook,
  disabled,
  focusRequested,
  onFocused,
  onChange,
}: TagEditorProps) {
  const [draft, setDraft] = useState('')
  const inputRef = useRef<HTMLInputElement>(null)
  const listId = useId()
  const colors = new Map(codebook.map((t) => [tagKey(t.name), t.color]))

  useEffect(() => {
    if (!focusRequested) return
    inputRef.current?.focus()
    onFocused()
  }, [focusRequested, onFocused])

  // The lists asked for and not yet saved, oldest first. A tag typed before the previous
  // one is saved builds on the list asked for, not on the saved one, or it would replace it.
  const pending = useRef<{ saved: readonly string[]; asked: (readonly string[])[] }>({
    saved: tags,
    asked: [],
  })
  const base = (): readonly string[] => {
    const p = pending.current
    if (p.saved !== tags) {
      // Saved lists catch up in order; anything else (an undo) drops what was pending.
      const at = p.asked.findIndex((a) => sameTags(a, tags))
      p.asked = at >= 0 ? p.asked.slice(at + 1) : []
      p.saved = tags
    }
    return p.asked.at(-1) ?? tags
  }
  const ask = (next: readonly string[]) => {
    pending.current.asked.push(next)
    onChange(next)
  }

  const add = (text: string) => {
    const names = text.split(',')
    const current = base()
    const next = normaliseTagList([...current, ...names])
    setDraft('')
    if (next.length !== current.length) ask(next)
  }
  const remove = (name: string) => {
    ask(base().filter((t) => t !== name))
    inputRef.current?.focus()
  }
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault()
      add(draft)
    } else if (event.key === 'Backspace' && draft === '' && base().length > 0) {
      event.preventDefault()
      ask(base().slice(0, -1))
    }
  }

  return (
    <div className="tag-editor">
      <ul className="tag-chips" aria-label="Tags">
        {tags.map((tag) => (
          <li
            key={tag}
            className="tag-chip"
            style={{ '--tag-color': colors.get(tagKey(tag)) ?? 'var(--muted)' } as CSSProperties}
          >
            <span className="tag-chip-name">{tag}</span>
            {!disabled && (
              <button
                type="button"
                className="tag-chip-remove"
                aria-label={`Remove tag ${tag}`}
                onClick={() => remove(tag)}
              >
                ×
              </button>
            )}
          </li>
        ))}
      </ul>
      <input
        ref={inputRef}
        className="tag-input"
        type="text"
        list={listId}
        value={draft}
        disabled={disabled}
        placeholder={tags.length === 0 ? 'Add tags: type, then Enter or comma' : 'Add tag…'}
        aria-label="Add tag"
        autoComplete="off"
        spellCheck={false}
        onChange={(event) => {
          const value = event.currentTarget.value
          // A pasted "a, b, c" becomes tags at once; the text after the last comma stays a draft.
          if (value.includes(',')) {
            const cut = value.lastIndexOf(',')
            add(value.slice(0, cut))
            setDraft(value.slice(cut + 1).trimStart())
          } else {
            setDraft(value)
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          if (draft.trim() !== '') add(draft)
        }}
      />
      <datalist id={listId}>
        {codebook
          .filter((t) => !tags.some((name) => tagKey(name) === tagKey(t.name)))
          .map((t) => (
            <option key={t.name} value={t.name} />
          ))}
      </datalist>
    </div>
  )
}

function sameTags(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((t, i) => tagKey(t) === tagKey(b[i] ?? ''))
}
