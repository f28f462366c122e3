import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { tagKey, tagLeaf, tagParent } from '../../../../shared/domain/tag'
import type { CodebookTag } from '../../../../shared/ipc/contract'
import type { AppError } from '../../../../shared/ipc/result'
import { isReadOnly, useWorkbench } from '../../state/workbench-store'
import { useModalDialog, whenClosed } from '../../components/use-modal-dialog'
import {
  closeCodebook,
  createTag,
  deleteTag,
  mergeTag,
  moveTag,
  renameTag,
  updateTag,
  type Outcome,
} from './codebook-actions'
import { buildTagTree, findTagNode, flattenTagTree, type TagNode } from './tag-tree'

/**
 * The codebook: every tag as a tree with colours and counts, and the tools to reshape it.
 *
 * A native modal `<dialog>`, so focus stays inside and Escape closes it
 * (or first cancels a pending confirmation).
 */
export function CodebookDialog() {
  const open = useWorkbench((s) => s.codebookOpen)
  const dialogRef = useModalDialog(open)

  return (
    <dialog
      ref={dialogRef}
      className="codebook-dialog"
      aria-labelledby="codebook-title"
      onCancel={closeCodebook}
      onClose={whenClosed(closeCodebook)}
    >
      {open && <CodebookContent />}
    </dialog>
  )
}

interface Confirmation {
  readonly message: string
  readonly action: string
  readonly run: () => Promise<Outcome>
  readonly after?: string | null
}

function CodebookContent() {
  const codebook = useWorkbench((s) => s.codebook)
  const readOnly = useWorkbench(isReadOnly)
  const tree = useMemo(() => buildTagTree(codebook), [codebook])
  const [selectedName, setSelectedName] = useState<string | null>(
    () => flattenTagTree(tree)[0]?.name ?? null,
  )
  const [error, setError] = useState<AppError | null>(null)
  const [confirm, setConfirm] = useState<Confirmation | null>(null)
  const [newName, setNewName] = useState('')
  const selected = selectedName ? findTagNode(tree, selectedName) : null

  const attempt = async (run: () => Promise<Outcome>, after?: string | null) => {
    setError(null)
    const outcome = await run()
    if (outcome) {
      setError(outcome)
      return false
    }
    if (after !== undefined) setSelectedName(after)
    return true
  }

  return (
    <div
      className="codebook"
      onKeyDown={(e) => {
        if (e.key === 'Escape' && confirm) {
          e.preventDefault()
          e.stopPropagation()
          setConfirm(null)
        }
      }}
    >
      <header className="dialog-header">
        <h2 id="codebook-title">Codebook</h2>
        <p className="dialog-subtitle">
          {codebook.length === 1 ? '1 tag' : `${codebook.length} tags`}. Nest tags with “/”. Slots
          1–9 are the number keys in the reader.
        </p>
      </header>
      <div className="codebook-body">
        <div className="codebook-tree-column">
          <form
            className="new-tag"
            onSubmit={(e) => {
              e.preventDefault()
              const name = newName.trim()
              if (name === '') return
              void attempt(() => createTag(name), name).then((ok) => ok && setNewName(''))
            }}
          >
            <input
              className="text-field"
              type="text"
              aria-label="New tag name"
              placeholder="New tag, e.g. entity/company/BMW"
              value={newName}
              disabled={readOnly}
              onChange={(e) => setNewName(e.currentTarget.value)}
            />
            <button type="submit" className="button small" disabled={readOnly}>
              Add
            </button>
          </form>
          {tree.length === 0 ? (
            <p className="empty-hint">No tags yet. Tag an annotation or add one here.</p>
          ) : (
            <TagTreeView
              nodes={tree}
              selected={selected?.name ?? null}
              onSelect={(name) => {
                setSelectedName(name)
                setError(null)
                setConfirm(null)
              }}
            />
          )}
        </div>
        <div className="codebook-detail-column">
          {error && (
            <p className="form-error" role="alert">
              {error.code === 'conflict' ? 'Conflict: ' : ''}
              {error.message}
            </p>
          )}
          {confirm && (
            <ConfirmPanel
              confirmation={confirm}
              onCancel={() => setConfirm(null)}
              onConfirm={() => {
                const { run, after } = confirm
                setConfirm(null)
                void attempt(run, after)
              }}
            />
          )}
          {selected ? (
            <TagDetail
              key={selected.name}
              node={selected}
              codebook={codebook}
              readOnly={readOnly || confirm !== null}
              attempt={attempt}
              ask={setConfirm}
            />
          ) : (
            <p className="empty-hint">Choose a tag to edit it.</p>
          )}
        </div>
      </div>
      <footer className="dialog-footer">
        <p className="dialog-status">Every change here can be undone with Ctrl+Z.</p>
        <button type="button" className="button" onClick={closeCodebook}>
          Close
        </button>
      </footer>
    </div>
  )
}

interface TagTreeViewProps {
  readonly nodes: readonly TagNode[]
  readonly selected: string | null
  readonly onSelect: (name: string) => void
}

/** The tree as nested lists of buttons; arrow keys, Home and End move between them. */
function TagTreeView({ nodes, selected, onSelect }: TagTreeViewProps) {
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const keys = ['ArrowDown', 'ArrowUp', 'Home', 'End']
    if (!keys.includes(event.key)) return
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button.tag-node')]
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? buttons.length - 1
          : Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))
    const button = buttons[next]
    button?.focus()
    if (button?.dataset.tag) onSelect(button.dataset.tag)
    event.preventDefault()
  }
  return (
    <ul className="tag-tree" aria-label="Tags" onKeyDown={onKeyDown}>
      <TagTreeLevel nodes={nodes} selected={selected} onSelect={onSelect} />
    </ul>
  )
}

function TagTreeLevel({ nodes, selected, onSelect }: TagTreeViewProps) {
  return nodes.map((node) => (
    <li key={node.name}>
      <button
        type="button"
        className="tag-node"
        data-tag={node.name}
        aria-current={
          selected !== null && tagKey(selected) === tagKey(node.name) ? 'true' : undefined
        }
        style={{ paddingLeft: `${8 + node.depth * 18}px` }}
        onClick={() => onSelect(node.name)}
      >
        <span
          className="tag-swatch"
          aria-hidden="true"
          style={{ background: node.tag?.color ?? 'transparent' }}
        />
        <span className="tag-node-label">{node.label}</span>
        {node.tag?.slot != null && (
          <kbd className="tag-slot" title={`Slot ${node.tag.slot}`}>
            {node.tag.slot}
          </kbd>
        )}
        <span className="tag-node-count" title="Annotations with this tag or a tag below it">
          {node.totalAnnotations}
        </span>
      </button>
      {node.children.length > 0 && (
        <ul>
          <TagTreeLevel nodes={node.children} selected={selected} onSelect={onSelect} />
        </ul>
      )}
    </li>
  ))
}

interface ConfirmPanelProps {
  readonly confirmation: Confirmation
  readonly onCancel: () => void
  readonly onConfirm: () => void
}

function ConfirmPanel({ confirmation, onCancel, onConfirm }: ConfirmPanelProps) {
  const confirmRef = useRef<HTMLButtonElement>(null)
  useEffect(() => confirmRef.current?.focus(), [])
  return (
    <div
      className="confirm-panel"
      role="alertdialog"
      aria-label="Confirm"
      aria-describedby="confirm-message"
    >
      <p id="confirm-message">{confirmation.message}</p>
      <div className="confirm-actions">
        <button ref={confirmRef} type="button" className="button danger" onClick={onConfirm}>
          {confirmation.action}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </div>
  )
}

interface TagDetailProps {
  readonly node: TagNode
  readonly codebook: readonly CodebookTag[]
  readonly readOnly: boolean
  readonly attempt: (run: () => Promise<Outcome>, after?: string | null) => Promise<boolean>
  readonly ask: (confirmation: Confirmation) => void
}

/** How many annotations and child tags an operation on `node` reaches, in words. */
function reach(node: TagNode): string {
  const below = flattenTagTree(node.children).filter((n) => n.tag).length
  const parts = [
    `${node.totalAnnotations} ${node.totalAnnotations === 1 ? 'annotation' : 'annotations'}`,
  ]
  if (below > 0) parts.push(`${below} child ${below === 1 ? 'tag' : 'tags'}`)
  return parts.join(' and ')
}

function TagDetail({ node, codebook, readOnly, attempt, ask }: TagDetailProps) {
  const tag = node.tag
  const ids = {
    color: useId(),
    description: useId(),
    slot: useId(),
    rename: useId(),
    merge: useId(),
    move: useId(),
    list: useId(),
  }
  const [color, setColor] = useState(tag?.color ?? '#888888')
  const [renameTo, setRenameTo] = useState(node.name)
  const [mergeInto, setMergeInto] = useState('')
  const [moveUnder, setMoveUnder] = useState(tagParent(node.name) ?? '')
  const colorTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  useEffect(
    () => () => {
      if (colorTimer.current !== null) clearTimeout(colorTimer.current)
    },
    [],
  )
  const others = codebook.filter((t) => tagKey(t.name) !== tagKey(node.name))
  const slotHolder = (slot: number) => codebook.find((t) => t.slot === slot)

  return (
    <section className="tag-detail" aria-label={`Tag ${node.name}`}>
      <h3 className="tag-detail-name">
        <span className="tag-swatch large" aria-hidden="true" style={{ background: color }} />
        {node.name}
      </h3>
      <p className="tag-detail-counts">
        {tag
          ? `${tag.annotationCount} ${tag.annotationCount === 1 ? 'annotation' : 'annotations'} in ${tag.articleCount} ${tag.articleCount === 1 ? 'article' : 'articles'}`
          : 'A parent tag: it exists through the tags below it.'}
        {node.children.length > 0 && ` · ${reach(node)} including children`}
      </p>
      <datalist id={ids.list}>
        {others.map((t) => (
          <option key={t.name} value={t.name} />
        ))}
      </datalist>
      <fieldset className="tag-fields" disabled={readOnly}>
        {tag && (
          <>
            <div className="field-row">
              <div className="field">
                <label className="field-caption" htmlFor={ids.color}>
                  Colour
                </label>
                <input
                  id={ids.color}
                  className="color-field"
                  type="color"
                  value={color}
                  onChange={(e) => {
                    const next = e.currentTarget.value
                    setColor(next)
                    if (colorTimer.current !== null) clearTimeout(colorTimer.current)
                    colorTimer.current = setTimeout(
                      () => void attempt(() => updateTag(tag.name, { color: next })),
                      400,
                    )
                  }}
                />
              </div>
              <div className="field">
                <label className="field-caption" htmlFor={ids.slot}>
                  Keyboard slot
                </label>
                <select
                  id={ids.slot}
                  className="text-field"
                  value={tag.slot ?? ''}
                  onChange={(e) => {
                    const value = e.currentTarget.value
                    void attempt(() =>
                      updateTag(tag.name, { slot: value === '' ? null : Number(value) }),
                    )
                  }}
                >
                  <option value="">None</option>
                  {[1, 2, 3, 4, 5, 6, 7, 8, 9].map((slot) => {
                    const holder = slotHolder(slot)
                    return (
                      <option key={slot} value={slot}>
                        {holder && tagKey(holder.name) !== tagKey(tag.name)
                          ? `${slot} (now ${holder.name})`
                          : String(slot)}
                      </option>
                    )
                  })}
                </select>
              </div>
            </div>
            <div className="field">
              <label className="field-caption" htmlFor={ids.description}>
                Description
              </label>
              <textarea
                id={ids.description}
                className="text-field"
                rows={2}
                defaultValue={tag.description}
                placeholder="When to use this tag"
                onBlur={(e) => {
                  const description = e.currentTarget.value
                  if (description !== tag.description)
                    void attempt(() => updateTag(tag.name, { description }))
                }}
              />
            </div>
          </>
        )}
        <TagOperationField
          id={ids.rename}
          label="Rename to"
          action="Rename"
          value={renameTo}
          onChange={setRenameTo}
          onSubmit={() => {
            const to = renameTo.trim()
            if (to === '' || to === node.name) return
            void attempt(() => renameTag(node.name, to), to)
          }}
        />
        <TagOperationField
          id={ids.merge}
          label="Merge into"
          action="Merge…"
          placeholder="Another tag"
          list={ids.list}
          value={mergeInto}
          onChange={setMergeInto}
          onSubmit={() => {
            const into = mergeInto.trim()
            if (into === '') return
            ask({
              message: `Merge “${node.name}” into “${into}”? ${reach(node)} will carry “${into}” instead, and “${node.name}” leaves the codebook.`,
              action: 'Merge',
              run: () => mergeTag(node.name, into),
              after: into,
            })
          }}
        />
        <TagOperationField
          id={ids.move}
          label="Move under"
          action="Move"
          placeholder="Leave empty for the top level"
          list={ids.list}
          value={moveUnder}
          onChange={setMoveUnder}
          onSubmit={() => {
            const parent = moveUnder.trim()
            const after = parent === '' ? tagLeaf(node.name) : `${parent}/${tagLeaf(node.name)}`
            void attempt(() => moveTag(node.name, parent === '' ? null : parent), after)
          }}
        />
        <div className="tag-op danger-zone">
          <button
            type="button"
            className="button danger"
            onClick={() =>
              ask({
                message: `Delete “${node.name}”? It is removed from ${reach(node)}; the annotations themselves stay.`,
                action: 'Delete tag',
                run: () => deleteTag(node.name),
                after: null,
              })
            }
          >
            Delete tag…
          </button>
        </div>
      </fieldset>
    </section>
  )
}

/** One labelled text field with its submit button: rename, merge into, move under. */
function TagOperationField(props: {
  id: string
  label: string
  action: string
  value: string
  onChange: (value: string) => void
  onSubmit: () => void
  placeholder?: string
  list?: string
}) {
  return (
    <form
      className="field tag-op"
      onSubmit={(e) => {
        e.preventDefault()
        props.onSubmit()
      }}
    >
      <label className="field-caption" htmlFor={props.id}>
        {props.label}
      </label>
      <div className="inline-field">
        <input
          id={props.id}
          className="text-field"
          type="text"
          list={props.list}
          placeholder={props.placeholder}
          value={props.value}
          onChange={(e) => props.onChange(e.currentTarget.value)}
        />
        <button type="submit" className="button small">
          {props.action}
        </button>
      </div>
    </form>
  )
}
