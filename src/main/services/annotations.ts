/**
 * Creating, editing, re-attaching and deleting annotations.
 *
 * Why: the renderer sends only a span and the analyst's input; this module
 * turns the span into W3C selectors on the stored text, normalises tags
 * against the codebook, and stamps times, so every annotation on disk is
 * self-describing and can be re-anchored later. Each change runs as one
 * undoable command.
 */
import { randomBytes } from 'node:crypto'
import { articleText } from '../../shared/domain/article'
import type { Annotation, AnnotationKind, AnnotationTarget } from '../../shared/domain/annotation'
import { describeSpan } from '../../shared/anchoring'
import { newClaim } from '../../shared/domain/claim-fields'
import { WorkbenchError } from '../../shared/ipc/result'
import type { LibraryStore } from '../store/library-store'
import { ensureTags } from './codebook'
import { assertNotTrashed, historyFor, type ArticleDraft, type ServiceDeps } from './history'
import { linksFor } from './links'
import type { ChannelParsedInput } from '../../shared/ipc/contract'

export type AnnotationDeps = ServiceDeps

export interface NewAnnotation {
  readonly articleId: string
  readonly start: number
  readonly end: number
  readonly kind: AnnotationKind
  readonly tags: readonly string[]
  readonly note: string
}

/** A change to an annotation: the contract's `annotation:update` patch, as validated. */
export type AnnotationPatch = ChannelParsedInput<'annotation:update'>['patch']

/** A fresh annotation id: short, URL- and Markdown-block-id-safe. */
export function newAnnotationId(): string {
  return `ann-${randomBytes(8).toString('hex')}`
}

/** The annotation with this id in an article draft, or `not-found`. */
export function requireAnnotation(article: ArticleDraft, annotationId: string): Annotation {
  const annotation = article.annotations.find((a) => a.id === annotationId)
  if (!annotation) throw new WorkbenchError('not-found', `No annotation with id ${annotationId}`)
  return annotation
}

/** Describe a span of an article's current text, refusing spans outside it or of blank text. */
async function targetForSpan(
  store: LibraryStore,
  articleId: string,
  start: number,
  end: number,
): Promise<AnnotationTarget> {
  const entry = store.getArticle(articleId)
  if (!entry) throw new WorkbenchError('not-found', `No article with id ${articleId}`)
  const text = articleText(await store.readBody(entry))
  if (end > text.length) {
    throw new WorkbenchError(
      'invalid-input',
      `The selection (${start}-${end}) is outside the article's text (${text.length} characters)`,
    )
  }
  if (text.slice(start, end).trim().length === 0) {
    throw new WorkbenchError('invalid-input', 'The selection is empty: select some text first')
  }
  return describeSpan(text, start, end, entry.contentHash)
}

/** Create an annotation on a span of an article's current text. */
export async function createAnnotation(
  input: NewAnnotation,
  deps: AnnotationDeps,
): Promise<Annotation> {
  return historyFor(deps.store).run(async () => {
    assertNotTrashed(deps.store, input.articleId)
    const target = await targetForSpan(deps.store, input.articleId, input.start, input.end)
    const now = deps.now().toISOString()
    return {
      label: input.kind === 'claim' ? 'Create claim' : 'Create highlight',
      articleIds: [input.articleId],
      apply: (workspace) => {
        const annotation: Annotation = {
          id: newAnnotationId(),
          articleId: input.articleId,
          target,
          kind: input.kind,
          tags: ensureTags(workspace.codebook, input.tags, now),
          note: input.note,
          claim: input.kind === 'claim' ? newClaim(target.quote.exact, workspace.codebook) : null,
          createdAt: now,
          updatedAt: now,
        }
        workspace.article(input.articleId).annotations.push(annotation)
        return structuredClone(annotation)
      },
    }
  })
}

function updateLabel(patch: AnnotationPatch): string {
  if (patch.kind === 'claim') return 'Make annotation a claim'
  if (patch.kind === 'highlight') return 'Make claim a highlight'
  if (patch.tags && patch.note === undefined) return 'Change annotation tags'
  if (!patch.tags && patch.note !== undefined) return 'Edit annotation note'
  return 'Edit annotation'
}

/**
 * Change an annotation's kind, tags or note.
 *
 * A highlight made a claim gets a new claim (or its old one back); a claim
 * made a highlight keeps its claim details, hidden, in case it changes back.
 */
export async function updateAnnotation(
  articleId: string,
  annotationId: string,
  patch: AnnotationPatch,
  deps: AnnotationDeps,
): Promise<Annotation> {
  return historyFor(deps.store).run(() => {
    assertNotTrashed(deps.store, articleId)
    const now = deps.now().toISOString()
    return {
      label: updateLabel(patch),
      articleIds: [articleId],
      apply: (workspace) => {
        const annotation = requireAnnotation(workspace.article(articleId), annotationId)
        if (patch.tags) annotation.tags = ensureTags(workspace.codebook, patch.tags, now)
        if (patch.note !== undefined) annotation.note = patch.note
        if (patch.kind && patch.kind !== annotation.kind) {
          annotation.kind = patch.kind
          if (patch.kind === 'claim' && annotation.claim === null) {
            annotation.claim = newClaim(annotation.target.quote.exact, workspace.codebook)
          }
        }
        annotation.updatedAt = now
        return structuredClone(annotation)
      },
    }
  })
}

/**
 * Point an annotation at a new span of its article's current text.
 *
 * For orphans, whose passage can no longer be found, and for passages that
 * drifted. Everything else is kept; a claim whose statement was still the
 * old quote takes the new quote.
 */
export async function reattachAnnotation(
  articleId: string,
  annotationId: string,
  start: number,
  end: number,
  deps: AnnotationDeps,
): Promise<Annotation> {
  return historyFor(deps.store).run(async () => {
    assertNotTrashed(deps.store, articleId)
    const target = await targetForSpan(deps.store, articleId, start, end)
    const now = deps.now().toISOString()
    return {
      label: 'Re-attach annotation',
      articleIds: [articleId],
      apply: (workspace) => {
        const annotation = requireAnnotation(workspace.article(articleId), annotationId)
        if (annotation.claim && annotation.claim.statement === annotation.target.quote.exact) {
          annotation.claim.statement = target.quote.exact
        }
        annotation.target = target
        annotation.updatedAt = now
        return structuredClone(annotation)
      },
    }
  })
}

/**
 * Delete an annotation.
 *
 * Claims that link to it lose those links, in the same step, so undo puts
 * the annotation and every link back together.
 */
export async function deleteAnnotation(
  articleId: string,
  annotationId: string,
  deps: AnnotationDeps,
): Promise<{ annotationId: string }> {
  const { store } = deps
  return historyFor(store).run(async () => {
    if (!store.getArticle(articleId)) {
      throw new WorkbenchError('not-found', `No article with id ${articleId}`)
    }
    assertNotTrashed(store, articleId)
    const current = await store.readArticle(articleId)
    const doomed = current.annotations.find((a) => a.id === annotationId)
    if (!doomed) throw new WorkbenchError('not-found', `No annotation with id ${annotationId}`)
    const incoming = await linksFor(store).incoming(articleId, annotationId)
    // A claim in a damaged (read-only) file keeps its dangling link rather than blocking the delete.
    const sources: string[] = []
    for (const id of new Set(incoming.map((l) => l.from.articleId))) {
      if (store.getArticle(id) && (await store.readArticle(id)).readOnlyReason === null) {
        sources.push(id)
      }
    }
    return {
      label: doomed.kind === 'claim' ? 'Delete claim' : 'Delete highlight',
      articleIds: [articleId, ...sources],
      apply: (workspace) => {
        const article = workspace.article(articleId)
        requireAnnotation(article, annotationId)
        article.annotations = article.annotations.filter((a) => a.id !== annotationId)
        for (const id of new Set([articleId, ...sources])) {
          for (const a of workspace.article(id).annotations) {
            if (!a.claim) continue
            const kept = a.claim.links.filter(
              (l) => l.articleId !== articleId || l.annotationId !== annotationId,
            )
            if (kept.length !== a.claim.links.length) a.claim.links = kept
          }
        }
        return { annotationId }
      },
    }
  })
}
