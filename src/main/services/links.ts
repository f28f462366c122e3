/**
 * Claim links seen from both ends.
 *
 * Why a reverse index in memory: a link is stored once, on the claim that
 * makes it (`claim.links`), so editing a link rewrites one file and a link
 * can never be half-saved across two. Showing it from the other end needs
 * "who links to this annotation", which this module answers from an index
 * built in the background when the library opens (reading only articles
 * that hold claims) and kept current from the store's change events,
 * whoever the writer is.
 */
import {
  annotationLabel,
  type Annotation,
  type ClaimRelation,
} from '../../shared/domain/annotation'
import type { AnnotationLinks, LinkEnd } from '../../shared/ipc/contract'
import type { ArticleFile } from '../store/files'
import type { LibraryStore } from '../store/library-store'

/** A link from one annotation to another, with what the index knows of its source. */
export interface IndexedLink {
  readonly relation: ClaimRelation
  readonly from: { readonly articleId: string; readonly annotationId: string }
  readonly to: { readonly articleId: string; readonly annotationId: string }
  /** Whether the source is currently a claim; a highlight keeps its links but does not show them. */
  readonly active: boolean
  readonly label: string
}

function endKey(articleId: string, annotationId: string): string {
  return `${articleId}\u0000${annotationId}`
}

/** The links an article's annotations make. */
function linksOf(articleId: string, annotations: readonly Annotation[]): IndexedLink[] {
  return annotations.flatMap((a) =>
    (a.claim?.links ?? []).map((link) => ({
      relation: link.relation,
      from: { articleId, annotationId: a.id },
      to: { articleId: link.articleId, annotationId: link.annotationId },
      active: a.kind === 'claim',
      label: annotationLabel(a),
    })),
  )
}

/**
 * Article files read at once while building: reads that complete together
 * are parsed in one turn of the main thread, so few.
 */
const BUILD_CONCURRENCY = 2

/** Who links to whom, across the library. */
export class LinkIndex {
  private readonly bySource = new Map<string, IndexedLink[]>()
  private readonly byTarget = new Map<string, IndexedLink[]>()
  /** Articles whose links came from a change event, which is newer than any file read. */
  private readonly current = new Set<string>()
  private building: Promise<void> | null = null
  private stopped = false

  constructor(private readonly store: LibraryStore) {
    store.onDidChangeArticle((id, state) => {
      this.current.add(id)
      this.setArticle(id, linksOf(id, state.annotations))
    })
    store.onDidRemoveArticles((ids) => {
      for (const id of ids) {
        this.current.add(id)
        this.setArticle(id, [])
      }
    })
  }

  /**
   * Links from claims in other articles to this article's annotations: what
   * moving it to the trash leaves pointing at a trashed article.
   */
  async incomingFromOthers(articleId: string, annotationIds: readonly string[]): Promise<number> {
    await this.ready()
    let count = 0
    for (const annotationId of annotationIds) {
      for (const link of this.byTarget.get(endKey(articleId, annotationId)) ?? []) {
        if (link.active && link.from.articleId !== articleId) count++
      }
    }
    return count
  }

  /** Links made to an annotation, including those from highlights that were claims (`active: false`). */
  async incoming(articleId: string, annotationId: string): Promise<readonly IndexedLink[]> {
    await this.ready()
    return this.byTarget.get(endKey(articleId, annotationId)) ?? []
  }

  /**
   * Start building in the background (idempotent). Called when the library
   * opens, so that the first article the analyst opens does not wait for a
   * read of every article with claims.
   */
  start(): Promise<void> {
    return this.ready().catch(() => undefined)
  }

  /** Stop a build under way (the library is closing); waits for the reads in flight. */
  async stop(): Promise<void> {
    this.stopped = true
    await this.building?.catch(() => undefined)
  }

  private ready(): Promise<void> {
    this.building ??= this.build().catch((error: unknown) => {
      this.building = null
      throw error
    })
    return this.building
  }

  private async build(): Promise<void> {
    // Trashed articles too: their links come back when they are restored.
    const pending = this.store
      .listAllArticles()
      .filter((entry) => entry.claimCount > 0 && !this.current.has(entry.id))
    // Two files at a time: reads overlap, and the main thread still serves the window in between.
    const worker = async (): Promise<void> => {
      for (let entry = pending.shift(); entry && !this.stopped; entry = pending.shift()) {
        if (this.current.has(entry.id) || !this.store.getArticle(entry.id)) continue
        // Not copied: only read, in this turn.
        const state: Readonly<ArticleFile> = await this.store.peekArticle(entry.id)
        // A change event may have arrived while the file was read; it is the newer truth.
        if (!this.current.has(entry.id))
          this.setArticle(entry.id, linksOf(entry.id, state.annotations))
      }
    }
    await Promise.all(Array.from({ length: BUILD_CONCURRENCY }, worker))
  }

  private setArticle(articleId: string, links: IndexedLink[]): void {
    for (const old of this.bySource.get(articleId) ?? []) {
      const key = endKey(old.to.articleId, old.to.annotationId)
      const rest = (this.byTarget.get(key) ?? []).filter((l) => l !== old)
      if (rest.length > 0) this.byTarget.set(key, rest)
      else this.byTarget.delete(key)
    }
    if (links.length > 0) this.bySource.set(articleId, links)
    else this.bySource.delete(articleId)
    for (const link of links) {
      const key = endKey(link.to.articleId, link.to.annotationId)
      this.byTarget.set(key, [...(this.byTarget.get(key) ?? []), link])
    }
  }
}

const indexes = new WeakMap<LibraryStore, LinkIndex>()

/** The link index of an open library; one per store, built on first use or `start()`. */
export function linksFor(store: LibraryStore): LinkIndex {
  let index = indexes.get(store)
  if (!index) {
    index = new LinkIndex(store)
    indexes.set(store, index)
  }
  return index
}

/**
 * Both ends of every link touching an article's annotations.
 *
 * Outgoing links are resolved by reading the target article (each at most
 * once); incoming ones come from the index. A target that no longer
 * exists is shown with a null label rather than hidden.
 */
export async function linksOfArticle(
  store: LibraryStore,
  articleId: string,
  annotations: readonly Annotation[],
): Promise<Record<string, AnnotationLinks>> {
  const index = linksFor(store)
  const articles = new Map<string, Promise<readonly Annotation[] | null>>([
    [articleId, Promise.resolve(annotations)],
  ])
  const annotationsOf = (id: string): Promise<readonly Annotation[] | null> => {
    let pending = articles.get(id)
    if (!pending) {
      pending = store.getArticle(id)
        ? store.readArticle(id).then((s) => s.annotations)
        : Promise.resolve(null)
      articles.set(id, pending)
    }
    return pending
  }
  const title = (id: string): string | null => store.getArticle(id)?.title ?? null
  const trashed = (id: string): boolean => (store.getArticle(id)?.trashedAt ?? null) !== null

  // Entries, not assignment: an id such as "__proto__" must stay a plain key.
  const out: [string, AnnotationLinks][] = []
  for (const annotation of annotations) {
    const outgoing: LinkEnd[] = []
    if (annotation.kind === 'claim') {
      for (const link of annotation.claim?.links ?? []) {
        const target = (await annotationsOf(link.articleId))?.find(
          (a) => a.id === link.annotationId,
        )
        outgoing.push({
          relation: link.relation,
          articleId: link.articleId,
          annotationId: link.annotationId,
          articleTitle: title(link.articleId),
          articleTrashed: trashed(link.articleId),
          label: target ? annotationLabel(target) : null,
          kind: target?.kind ?? null,
        })
      }
    }
    const incoming: LinkEnd[] = (await index.incoming(articleId, annotation.id))
      .filter((l) => l.active)
      .map((l) => ({
        relation: l.relation,
        articleId: l.from.articleId,
        annotationId: l.from.annotationId,
        articleTitle: title(l.from.articleId),
        articleTrashed: trashed(l.from.articleId),
        label: l.label,
        kind: 'claim' as const,
      }))
    if (outgoing.length > 0 || incoming.length > 0) {
      out.push([annotation.id, { outgoing, incoming }])
    }
  }
  return Object.fromEntries(out)
}
