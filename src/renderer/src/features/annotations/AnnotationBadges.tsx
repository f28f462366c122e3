import type { CSSProperties } from 'react'
import type { AnnotationKind } from '../../../../shared/domain/annotation'
import { tagKey } from '../../../../shared/domain/tag'
import type { CodebookTag } from '../../../../shared/ipc/contract'

/** "Claim" or "Highlight", as a small badge. */
export function KindBadge({ kind }: { kind: AnnotationKind }) {
  return (
    <span className={`kind-badge kind-${kind}`}>{kind === 'claim' ? 'Claim' : 'Highlight'}</span>
  )
}

/** An annotation's tags as pills in their codebook colours, or "No tags". */
export function TagList({
  tags,
  codebook,
}: {
  tags: readonly string[]
  codebook: readonly CodebookTag[]
}) {
  if (tags.length === 0) return <span className="annotation-item-untagged">No tags</span>
  const colors = new Map(codebook.map((t) => [tagKey(t.name), t.color]))
  return (
    <span className="annotation-item-tags">
      {tags.map((tag) => (
        <span
          key={tag}
          className="tag-pill"
          style={{ '--tag-color': colors.get(tagKey(tag)) ?? 'var(--muted)' } as CSSProperties}
        >
          {tag}
        </span>
      ))}
    </span>
  )
}
