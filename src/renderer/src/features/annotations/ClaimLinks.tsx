import { useEffect, useId, useState } from 'react'
import { CLAIM_RELATIONS, type ClaimRelation } from '../../../../shared/domain/annotation'
import type { AnnotationHit, AnnotationLinks, LinkEnd } from '../../../../shared/ipc/contract'
import { request } from '../../api'
import { linkClaim, openAnnotation, unlinkClaim, type AnnotationRef } from './annotation-actions'

/** How each relation reads from each end. */
const RELATION_TEXT: Readonly<Record<ClaimRelation, { outgoing: string; incoming: string }>> = {
  supports: { outgoing: 'supports', incoming: 'is supported by' },
  contradicts: { outgoing: 'contradicts', incoming: 'is contradicted by' },
  'same-as': { outgoing: 'is the same as', incoming: 'is the same as' },
  repeats: { outgoing: 'repeats', incoming: 'is repeated by' },
}

/** How long typing in the picker must pause before it searches. */
const SEARCH_DELAY_MS = 200

interface ClaimLinksProps {
  readonly self: AnnotationRef
  readonly isClaim: boolean
  readonly links: AnnotationLinks | undefined
  readonly disabled: boolean
}

/**
 * A claim's links, from both ends, and the picker that adds one.
 *
 * Outgoing links are the ones this claim makes; incoming ones are made by
 * claims elsewhere. Each end opens its article and selects its annotation.
 */
export function ClaimLinks({ self, isClaim, links, disabled }: ClaimLinksProps) {
  const outgoing = links?.outgoing ?? []
  const incoming = links?.incoming ?? []
  const [picking, setPicking] = useState(false)
  if (!isClaim && incoming.length === 0) return null

  return (
    <section className="claim-links" aria-label="Claim links">
      <div className="section-header">
        <h3 className="field-label">Links</h3>
        {isClaim && !disabled && !picking && (
          <button type="button" className="button small" onClick={() => setPicking(true)}>
            Link to…
          </button>
        )}
      </div>
      {isClaim && (
        <LinkList
          label="Links from this claim"
          direction="outgoing"
          ends={outgoing}
          disabled={disabled}
          onUnlink={(end) => void unlinkClaim(self, refOf(end))}
        />
      )}
      <LinkList
        label="Links to this claim"
        direction="incoming"
        ends={incoming}
        disabled={disabled}
        onUnlink={(end) => void unlinkClaim(refOf(end), self)}
      />
      {picking && <LinkPicker self={self} onDone={() => setPicking(false)} />}
    </section>
  )
}

function refOf(end: LinkEnd): AnnotationRef {
  return { articleId: end.articleId, annotationId: end.annotationId }
}

interface LinkListProps {
  readonly label: string
  readonly direction: 'outgoing' | 'incoming'
  readonly ends: readonly LinkEnd[]
  readonly disabled: boolean
  readonly onUnlink: (end: LinkEnd) => void
}

function LinkList({ label, direction, ends, disabled, onUnlink }: LinkListProps) {
  return (
    <div className="link-group" data-direction={direction}>
      <h4 className="link-group-title">{label}</h4>
      {ends.length === 0 ? (
        <p className="link-empty">None</p>
      ) : (
        <ul className="link-list" aria-label={label}>
          {ends.map((end) => (
            <li
              key={`${end.articleId}/${end.annotationId}`}
              className="link-item"
              data-trashed={end.articleTrashed ? '' : undefined}
            >
              <button
                type="button"
                className="link-open"
                disabled={end.label === null}
                onClick={() => void openAnnotation(end.articleId, end.annotationId)}
              >
                <span className={`relation-badge relation-${end.relation}`}>
                  {RELATION_TEXT[end.relation][direction]}
                </span>
                <span className="link-label">{end.label ?? 'Deleted annotation'}</span>
                <span className="link-article">
                  {end.articleTitle ?? 'Article not in library'}
                  {end.articleTrashed && <span className="link-trashed"> (in trash)</span>}
                </span>
              </button>
              {!disabled && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label={`Unlink “${end.label ?? end.annotationId}”`}
                  title="Unlink"
                  onClick={() => onUnlink(end)}
                >
                  ×
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

interface LinkPickerProps {
  readonly self: AnnotationRef
  readonly onDone: () => void
}

/** Search annotations across the library and link this claim to one. */
function LinkPicker({ self, onDone }: LinkPickerProps) {
  const [relation, setRelation] = useState<ClaimRelation>('supports')
  const [query, setQuery] = useState('')
  const [hits, setHits] = useState<readonly AnnotationHit[] | null>(null)
  const relationId = useId()
  const queryId = useId()

  useEffect(() => {
    let live = true
    const timer = setTimeout(() => {
      void request('annotation:find', { query: query.trim(), limit: 30 }).then((found) => {
        if (live && found) setHits(found)
      })
    }, SEARCH_DELAY_MS)
    return () => {
      live = false
      clearTimeout(timer)
    }
  }, [query])

  const candidates = (hits ?? []).filter(
    (h) => !(h.articleId === self.articleId && h.annotationId === self.annotationId),
  )

  return (
    <div
      className="link-picker"
      role="group"
      aria-label="Link this claim"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation()
          onDone()
        }
      }}
    >
      <div className="field-row">
        <div className="field">
          <label className="field-caption" htmlFor={relationId}>
            Relation
          </label>
          <select
            id={relationId}
            className="text-field"
            value={relation}
            onChange={(e) => setRelation(e.currentTarget.value as ClaimRelation)}
          >
            {CLAIM_RELATIONS.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label className="field-caption" htmlFor={queryId}>
            Find an annotation
          </label>
          <input
            id={queryId}
            className="text-field"
            type="search"
            autoFocus
            placeholder="Words from the claim, claimant, tags…"
            value={query}
            onChange={(e) => setQuery(e.currentTarget.value)}
          />
        </div>
      </div>
      {hits === null ? (
        <p className="link-empty">Searching…</p>
      ) : candidates.length === 0 ? (
        <p className="link-empty">No annotations match.</p>
      ) : (
        <ul className="pick-list" aria-label="Annotations to link">
          {candidates.map((hit) => (
            <li key={`${hit.articleId}/${hit.annotationId}`}>
              <button
                type="button"
                className="pick-item"
                data-annotation-id={hit.annotationId}
                onClick={() => {
                  void linkClaim(
                    self,
                    { articleId: hit.articleId, annotationId: hit.annotationId },
                    relation,
                  ).then((ok) => {
                    if (ok) onDone()
                  })
                }}
              >
                <span className={`kind-badge kind-${hit.kind}`}>{hit.kind}</span>
                <span className="pick-label">{hit.statement ?? hit.quote}</span>
                <span className="pick-meta">
                  {hit.articleTitle}
                  {hit.claimant ? ` · ${hit.claimant}` : ''}
                  {hit.status ? ` · ${hit.status}` : ''}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="picker-actions">
        <button type="button" className="button small" onClick={onDone}>
          Cancel
        </button>
      </div>
    </div>
  )
}
