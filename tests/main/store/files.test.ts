/**
 * File versions and their migrations, one step at a time.
 */
import { describe, expect, it } from 'vitest'
import { annotationSchema } from '../../../src/shared/domain/annotation'
import { CURRENT_VERSION, upgradeFile } from '../../../src/main/store/files'

const target = {
  contentHash: 'h',
  quote: { type: 'TextQuoteSelector', exact: 'Exports will rise', prefix: '', suffix: '' },
  position: { type: 'TextPositionSelector', start: 0, end: 17 },
}

/** An annotation as article files v2 stored it: claims without `claimantType`. */
function v2Annotation(claim: boolean): Record<string, unknown> {
  return {
    id: claim ? 'ann-claim' : 'ann-highlight',
    articleId: 'art-1',
    target,
    kind: claim ? 'claim' : 'highlight',
    tags: [],
    note: '',
    claim: claim
      ? {
          statement: 'Exports will rise',
          claimant: 'Maria Keller',
          attributedVia: '',
          claimDate: '2024-03',
          status: 'unverified',
          confidence: 'high',
          links: [],
        }
      : null,
    createdAt: '2024-01-01T00:00:00.000Z',
    updatedAt: '2024-01-01T00:00:00.000Z',
  }
}

describe('article file migrations', () => {
  it('reads a v2 article file: every claim gains an unknown claimant type, nothing else changes', () => {
    const v2 = {
      schemaVersion: 2,
      articleId: 'art-1',
      status: 'unread',
      tags: [],
      note: '',
      annotations: [v2Annotation(true), v2Annotation(false)],
      meta: {},
      trashedAt: null,
      versions: [],
    }
    const upgraded = upgradeFile('article', structuredClone(v2))
    expect(upgraded.kind).toBe('migrated')
    if (upgraded.kind !== 'migrated') return
    expect(upgraded.data.schemaVersion).toBe(CURRENT_VERSION.article)
    const [claim, highlight] = upgraded.data.annotations as Record<string, unknown>[]
    expect(claim).toEqual({
      ...v2.annotations[0],
      claim: { ...(v2.annotations[0]!.claim as object), claimantType: null },
    })
    expect(highlight).toEqual(v2.annotations[1])
    for (const annotation of upgraded.data.annotations as unknown[]) {
      expect(annotationSchema.safeParse(annotation).success).toBe(true)
    }
  })

  it('refuses a v2 claim as a current record (the migration is what makes it readable)', () => {
    expect(annotationSchema.safeParse(v2Annotation(true)).success).toBe(false)
  })

  it('keeps a record that already says its claimant type as it is', () => {
    const annotation = v2Annotation(true)
    ;(annotation.claim as Record<string, unknown>).claimantType = 'organisation'
    const upgraded = upgradeFile('article', {
      schemaVersion: 2,
      articleId: 'art-1',
      annotations: [annotation],
    })
    expect(upgraded.kind === 'migrated' && upgraded.data.annotations).toEqual([annotation])
  })
})
