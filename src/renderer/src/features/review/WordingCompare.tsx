import { useMemo } from 'react'
import { compareWording, type WordingPart } from './review-list'

/**
 * A drifted annotation's old wording beside its new wording, the words
 * that differ marked on each side (struck out before, underlined now), so
 * a changed figure is seen at a glance and never only by colour.
 */
export function WordingCompare({ before, now }: { before: string; now: string }) {
  const comparison = useMemo(() => compareWording(before, now), [before, now])
  return (
    <div className="wording-compare" data-same={comparison.same ? '' : undefined}>
      <div className="wording wording-before">
        <h4 className="wording-label">Before</h4>
        <p className="wording-text" data-testid="wording-before">
          <Parts parts={comparison.before} kind="del" />
        </p>
      </div>
      <div className="wording wording-now">
        <h4 className="wording-label">Now</h4>
        <p className="wording-text" data-testid="wording-now">
          <Parts parts={comparison.now} kind="ins" />
        </p>
      </div>
      {comparison.same && <p className="wording-same">Same words; the text around them changed.</p>}
    </div>
  )
}

function Parts({ parts, kind }: { parts: readonly WordingPart[]; kind: 'del' | 'ins' }) {
  const Changed = kind
  return parts.map((part, i) =>
    part.changed ? <Changed key={i}>{part.text}</Changed> : <span key={i}>{part.text}</span>,
  )
}
