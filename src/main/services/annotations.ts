/**
 * Creating, editing and deleting annotations.
 *
 * Why: the renderer sends only a span and the analyst's input; this module
 * turns the span into W3C selectors on the stored text, normalises tags
 * against the codebook, and stamps times, so every annotation on disk is
 * self-describing and can be re-anchored later.
 */
import { randomBytes } from 'node:crypto'
import { articleText } from '../../shared/domain/article'
import type { Annotation, AnnotationKind, Claim } from '../../shared/domain/annotation'
import { normaliseTagList } from '../../shared/domain/tag'
import { describeSpan } from '../../shared/anchoring'
import { WorkbenchError } from '../../shared/ipc/result'
import type { LibraryStore } from '../store/library-store'
import { ensureTags } from './codebook'

export interface AnnotationDeps {
  readonly store: LibraryStore
  readonly now: () => Date
}

export interface NewAnnotation {
  readonly articleId: string
  readonly start: number
  readonly end: number
  readonly kind: AnnotationKind
  readonly tags: readonly string[]
  readonly note: string
}

export interface AnnotationPatch {
  readonly kind?: AnnotationKind
  readonly tags?: readonly string[]
  readonly note?: string
}

/** A fresh annotation id: short, URL- and Markdown-block-id-safe. */
export function newAnnotationId(): string {
  return `ann-${randomBytes(8).toString('hex')}`
}

function defaultClaim(quote: string): Claim {
  return {
    statement: quote,
    claimant: '',
    attributedVia: '',
    claimDate: null,
    status: 'unverified',
    confidence: 'medium',
    links: [],
  }
}

/** Create an annotation on a span of an article's current text. */
export async function createAnnotation(
  input: NewAnnotation,
  deps: AnnotationDeps,
): Promise<Annotation> {
  const { store } = deps
  const entry = store.getArticle(input.articleId)
  if (!entry) throw new WorkbenchError('not-found', `No article with id ${input.articleId}`)
  const text = articleText(await store.readBody(entry))
  if (input.end > text.length) {
    throw new WorkbenchError(
      'invalid-input',
      `The selection (${input.start}-${input.end}) is outside the article's text (${text.length} characters)`,
    )
  }
  if (text.slice(input.start, input.end).trim().length === 0) {
    throw new WorkbenchError('invalid-input', 'The selection is empty: select some text first')
  }
  const now = deps.now()
  const tags = await ensureTags(store, normaliseTagList(input.tags), now)
  const target = describeSpan(text, input.start, input.end, entry.contentHash)
  const annotation: Annotation = {
    id: newAnnotationId(),
    articleId: input.articleId,
    target,
    kind: input.kind,
    tags,
    note: input.note,
    claim: input.kind === 'claim' ? defaultClaim(target.quote.exact) : null,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
  }
  await store.mutateArticle(input.articleId, (draft) => {
    draft.annotations.push(annotation)
  })
  return annotation
}

/** Change an annotation's kind, tags or note. */
export async function updateAnnotation(
  articleId: string,
  annotationId: string,
  patch: AnnotationPatch,
  deps: AnnotationDeps,
): Promise<Annotation> {
  const { store } = deps
  if (!store.getArticle(articleId))
    throw new WorkbenchError('not-found', `No article with id ${articleId}`)
  const now = deps.now()
  const tags = patch.tags ? await ensureTags(store, normaliseTagList(patch.tags), now) : undefined
  return store.mutateArticle(articleId, (draft) => {
    const annotation = draft.annotations.find((a) => a.id === annotationId)
    if (!annotation) throw new WorkbenchError('not-found', `No annotation with id ${annotationId}`)
    if (tags) annotation.tags = tags
    if (patch.note !== undefined) annotation.note = patch.note
    if (patch.kind && patch.kind !== annotation.kind) {
      annotation.kind = patch.kind
      annotation.claim =
        patch.kind === 'claim'
          ? (annotation.claim ?? defaultClaim(annotation.target.quote.exact))
          : annotation.claim
    }
    annotation.updatedAt = now.toISOString()
    return structuredClone(annotation)
  })
}

/** Delete an annotation. */
export async function deleteAnnotation(
  articleId: string,
  annotationId: string,
  deps: AnnotationDeps,
): Promise<{ annotationId: string }> {
  const { store } = deps
  if (!store.getArticle(articleId))
    throw new WorkbenchError('not-found', `No article with id ${articleId}`)
  const current = await store.readArticle(articleId)
  if (!current.annotations.some((a) => a.id === annotationId)) {
    throw new WorkbenchError('not-found', `No annotation with id ${annotationId}`)
  }
  await store.mutateArticle(articleId, (draft) => {
    draft.annotations = draft.annotations.filter((a) => a.id !== annotationId)
  })
  return { annotationId }
}
