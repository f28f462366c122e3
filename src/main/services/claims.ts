/**
 * Claim details and links between claims.
 *
 * Why apart from annotations: a claim carries what the analyst records about
 * an assertion (statement, claimant, attribution, date, status, confidence)
 * and its links to other annotations, with rules of their own: the status
 * must be one of the configured statuses, and a link is stored once, on the
 * claim that makes it (see `links.ts` for the other end). What each field
 * accepts and how an edit is applied is declared once, in
 * `shared/domain/claim-fields.ts`; this module only records the change.
 */
import type { Annotation, Claim, ClaimRelation } from '../../shared/domain/annotation'
import { applyClaimPatch, type ClaimPatch } from '../../shared/domain/claim-fields'
import { WorkbenchError } from '../../shared/ipc/result'
import { requireAnnotation } from './annotations'
import { assertNotTrashed, historyFor, type ServiceDeps, type Workspace } from './history'

export interface AnnotationRef {
  readonly articleId: string
  readonly annotationId: string
}

/** The claim of an annotation, or `invalid-input` when it is a highlight. */
function requireClaim(workspace: Workspace, ref: AnnotationRef): Annotation & { claim: Claim } {
  const annotation = requireAnnotation(workspace.article(ref.articleId), ref.annotationId)
  if (annotation.kind !== 'claim' || annotation.claim === null) {
    throw new WorkbenchError(
      'invalid-input',
      'This annotation is a highlight, not a claim: make it a claim first',
    )
  }
  return annotation as Annotation & { claim: Claim }
}

/** Change what is recorded about a claim. */
export async function updateClaim(
  articleId: string,
  annotationId: string,
  patch: ClaimPatch,
  deps: ServiceDeps,
): Promise<Annotation> {
  return historyFor(deps.store).run(() => {
    assertNotTrashed(deps.store, articleId)
    const now = deps.now().toISOString()
    return {
      label:
        patch.status !== undefined && Object.keys(patch).length === 1
          ? `Mark claim as ${patch.status}`
          : 'Edit claim',
      articleIds: [articleId],
      apply: (workspace) => {
        const annotation = requireClaim(workspace, { articleId, annotationId })
        applyClaimPatch(annotation.claim, patch, workspace.codebook)
        annotation.updatedAt = now
        return structuredClone(annotation)
      },
    }
  })
}

function sameEnd(a: AnnotationRef, b: AnnotationRef): boolean {
  return a.articleId === b.articleId && a.annotationId === b.annotationId
}

/**
 * Link a claim to another annotation, in any article: "from <relation> to".
 *
 * A pair has one relation; linking it again with another relation changes it.
 * The link is stored on `from`; `to` shows it through the reverse index.
 */
export async function linkClaim(
  from: AnnotationRef,
  to: AnnotationRef,
  relation: ClaimRelation,
  deps: ServiceDeps,
): Promise<Annotation> {
  if (sameEnd(from, to)) {
    throw new WorkbenchError('invalid-input', 'A claim cannot be linked to itself')
  }
  return historyFor(deps.store).run(() => {
    assertNotTrashed(deps.store, from.articleId)
    assertNotTrashed(deps.store, to.articleId)
    const now = deps.now().toISOString()
    return {
      label: `Link claim (${relation})`,
      articleIds: [from.articleId, to.articleId],
      apply: (workspace) => {
        const source = requireClaim(workspace, from)
        requireAnnotation(workspace.article(to.articleId), to.annotationId)
        const existing = source.claim.links.find((l) => sameEnd(l, to))
        if (existing?.relation === relation) return structuredClone(source)
        if (existing) existing.relation = relation
        else {
          source.claim.links.push({
            relation,
            articleId: to.articleId,
            annotationId: to.annotationId,
          })
        }
        source.updatedAt = now
        return structuredClone(source)
      },
    }
  })
}

/** Remove the link from a claim to another annotation; `not-found` when there is none. */
export async function unlinkClaim(
  from: AnnotationRef,
  to: AnnotationRef,
  deps: ServiceDeps,
): Promise<Annotation> {
  return historyFor(deps.store).run(() => {
    assertNotTrashed(deps.store, from.articleId)
    const now = deps.now().toISOString()
    return {
      label: 'Unlink claim',
      articleIds: [from.articleId],
      apply: (workspace) => {
        const source = requireClaim(workspace, from)
        const kept = source.claim.links.filter((l) => !sameEnd(l, to))
        if (kept.length === source.claim.links.length) {
          throw new WorkbenchError('not-found', 'These annotations are not linked')
        }
        source.claim.links = kept
        source.updatedAt = now
        return structuredClone(source)
      },
    }
  })
}
