/**
 * Importing W3C Web Annotations into the library.
 *
 * Why: two analysts working on the same articles exchange their work as W3C
 * JSON-LD (see `src/shared/export/w3c.ts`). Each annotation is matched to an
 * article here: first by its `target.source` (our article URN carries the
 * content hash, which is the same in every library that imported the same
 * text; a plain URL matches an article with that URL), else by finding its
 * quote in the articles' texts. It is then re-anchored on that article's
 * text with the same machinery that re-anchors annotations after an edit,
 * and stored with fresh selectors, so it behaves like one made here.
 */
import { normaliseClaimStatuses, type Annotation } from '../../shared/domain/annotation'
import { articleText } from '../../shared/domain/article'
import { tagKey } from '../../shared/domain/tag'
import { anchorTarget, describeSpan, type AnchorResult } from '../../shared/anchoring'
import {
  fromCodePointOffset,
  parseW3cAnnotations,
  W3cFormatError,
  type ParsedW3cAnnotation,
} from '../../shared/export/w3c'
import type { W3cImportReport } from '../../shared/ipc/contract'
import { WorkbenchError } from '../../shared/ipc/result'
import type { IndexEntry } from '../store/files'
import type { LibraryStore } from '../store/library-store'
import { newAnnotationId, newClaim } from './annotations'
import { ensureTags } from './codebook'
import { historyFor, type ServiceDeps, type Workspace } from './history'

export type W3cImportDeps = ServiceDeps

/** An id we keep as it came: the shape our own ids and contract accept. */
const KEEPABLE_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$/u

interface Placed {
  readonly parsed: ParsedW3cAnnotation
  readonly articleId: string
  readonly start: number
  readonly end: number
}

/** What an article's text is, read once per import. */
class Texts {
  private readonly cache = new Map<string, string>()
  constructor(private readonly store: LibraryStore) {}
  async of(entry: IndexEntry): Promise<string> {
    let text = this.cache.get(entry.id)
    if (text === undefined) {
      text = articleText(await this.store.readBody(entry))
      this.cache.set(entry.id, text)
    }
    return text
  }
}

/** Where a parsed annotation's passage is in `text`, or null. */
function anchorOn(parsed: ParsedW3cAnnotation, text: string, contentHash: string): AnchorResult {
  const sameText = parsed.contentHash === contentHash
  const start = parsed.position === null ? null : fromCodePointOffset(text, parsed.position.start)
  const end = parsed.position === null ? null : fromCodePointOffset(text, parsed.position.end)
  if (parsed.quote === null) {
    // Positions alone mean something only on the very text they were made on.
    if (!sameText || start === null || end === null || end <= start) {
      return { status: 'orphaned', start: null, end: null, score: 0 }
    }
    return { status: 'anchored', start, end, score: 1 }
  }
  return anchorTarget(text, contentHash, {
    contentHash: parsed.contentHash ?? '',
    quote: { type: 'TextQuoteSelector', ...parsed.quote },
    // A position that is not in this text is only a hint; the quote decides.
    position: {
      type: 'TextPositionSelector',
      start: start ?? 0,
      end: end !== null && start !== null && end > start ? end : (start ?? 0) + 1,
    },
  })
}

function better(a: AnchorResult, b: AnchorResult | null): boolean {
  if (a.status === 'orphaned') return false
  if (b === null || b.status === 'orphaned') return true
  if (a.status !== b.status) return a.status === 'anchored'
  return a.score > b.score
}

/** Find the article and span of a parsed annotation, or null when it matches nothing. */
async function place(
  parsed: ParsedW3cAnnotation,
  store: LibraryStore,
  texts: Texts,
): Promise<Placed | null> {
  const bySource =
    (parsed.contentHash !== null ? store.findByContentHash(parsed.contentHash) : undefined) ??
    store.listArticles().find((a) => a.url !== null && a.url === parsed.source)
  if (bySource !== undefined) {
    const result = anchorOn(parsed, await texts.of(bySource), bySource.contentHash)
    if (result.start !== null && result.end !== null) {
      return { parsed, articleId: bySource.id, start: result.start, end: result.end }
    }
    // The named article does not have the passage: fall through to the quote.
  }
  if (parsed.quote === null) return null
  // Articles that contain the quote verbatim first; only if none does is
  // every article searched approximately.
  const all = store.listArticles().filter((a) => a.id !== bySource?.id)
  const verbatim: IndexEntry[] = []
  for (const entry of all) {
    if ((await texts.of(entry)).includes(parsed.quote.exact)) verbatim.push(entry)
  }
  let best: { entry: IndexEntry; result: AnchorResult } | null = null
  for (const entry of verbatim.length > 0 ? verbatim : all) {
    const result = anchorOn(parsed, await texts.of(entry), entry.contentHash)
    if (better(result, best?.result ?? null)) best = { entry, result }
  }
  if (best === null || best.result.start === null || best.result.end === null) return null
  return { parsed, articleId: best.entry.id, start: best.result.start, end: best.result.end }
}

/** Whether two annotations say the same thing about the same passage. */
function sameContent(a: Annotation, b: Annotation): boolean {
  const tags = (list: readonly string[]) => list.map(tagKey).sort().join('\n')
  return (
    a.target.position.start === b.target.position.start &&
    a.target.position.end === b.target.position.end &&
    a.kind === b.kind &&
    a.note === b.note &&
    tags(a.tags) === tags(b.tags) &&
    JSON.stringify(a.claim) === JSON.stringify(b.claim)
  )
}

function isoOr(value: string | null, fallback: string): string {
  return value !== null && !Number.isNaN(Date.parse(value)) ? value : fallback
}

/**
 * A claim status in the codebook's spelling; one the codebook lacks is added
 * at the end of the list, so the imported claim can be shown and changed.
 */
function ensureStatus(statuses: string[], status: string): string {
  const [tidy] = normaliseClaimStatuses([status])
  if (tidy === undefined) return statuses[0] ?? 'unverified'
  const key = tidy.toLocaleLowerCase('und')
  const known = statuses.find((s) => s.toLocaleLowerCase('und') === key)
  if (known !== undefined) return known
  statuses.push(tidy)
  return tidy
}

/**
 * Import a W3C Web Annotation document into the library, as one undoable command.
 *
 * Ids are kept when the article has no annotation with that id yet (so claim
 * links between imported claims keep working); otherwise the annotation gets
 * a new id and links to it from the same import follow. An annotation the
 * article already has with the same content is a duplicate and skipped, so
 * importing the same file twice changes nothing.
 */
export async function importW3cAnnotations(
  data: string,
  deps: W3cImportDeps,
): Promise<W3cImportReport> {
  const { store } = deps
  let parsed
  try {
    parsed = parseW3cAnnotations(data)
  } catch (error) {
    if (error instanceof W3cFormatError) {
      throw new WorkbenchError('invalid-input', `Not a W3C annotation document: ${error.message}`)
    }
    throw error
  }

  return historyFor(store).run(async () => {
    // Matching reads article texts, so it happens here, before the command
    // runs, in the history's queue: the articles cannot change in between.
    const texts = new Texts(store)
    const placedList: Placed[] = []
    let unmatched = 0
    for (const annotation of parsed.annotations) {
      const placed = await place(annotation, store, texts)
      if (placed === null) unmatched++
      else placedList.push(placed)
    }
    const targets = new Map<Placed, Annotation['target']>()
    for (const placed of placedList) {
      const entry = store.getArticle(placed.articleId)
      if (entry === undefined) continue
      targets.set(
        placed,
        describeSpan(await texts.of(entry), placed.start, placed.end, entry.contentHash),
      )
    }
    const articleIds = [...new Set([...targets.keys()].map((p) => p.articleId))]
    const now = deps.now().toISOString()

    return {
      label: `Import ${targets.size} annotation${targets.size === 1 ? '' : 's'}`,
      articleIds,
      apply: (workspace: Workspace): W3cImportReport => {
        const { codebook } = workspace
        const added: Annotation[] = []
        const touched = new Set<string>()
        const renamed = new Map<string, string>() // `${articleId}\n${old id}` -> new id
        let duplicates = 0
        for (const [placed, target] of targets) {
          const { parsed: p, articleId } = placed
          const draft = workspace.article(articleId)
          const claim =
            p.kind !== 'claim'
              ? null
              : p.claim === null
                ? newClaim(target.quote.exact, codebook.claimStatuses)
                : { ...p.claim, status: ensureStatus(codebook.claimStatuses, p.claim.status) }
          const candidate: Annotation = {
            id: '',
            articleId,
            target,
            kind: p.kind,
            tags: ensureTags(codebook, p.tags, now),
            note: p.note,
            claim,
            createdAt: isoOr(p.created, now),
            updatedAt: isoOr(p.modified, now),
          }
          if (draft.annotations.some((a) => sameContent(a, candidate))) {
            duplicates++
            continue
          }
          const taken = (id: string) => draft.annotations.some((a) => a.id === id)
          let id = p.localId !== null && KEEPABLE_ID.test(p.localId) ? p.localId : newAnnotationId()
          while (taken(id)) id = newAnnotationId()
          if (p.localId !== null && p.localId !== id) renamed.set(`${articleId}\n${p.localId}`, id)
          const annotation = { ...candidate, id }
          draft.annotations.push(annotation)
          added.push(annotation)
          touched.add(articleId)
        }
        for (const annotation of added) {
          if (annotation.claim === null) continue
          annotation.claim.links = annotation.claim.links.map((link) => ({
            ...link,
            annotationId:
              renamed.get(`${link.articleId}\n${link.annotationId}`) ?? link.annotationId,
          }))
        }
        return {
          imported: added.length,
          unmatched,
          duplicates,
          invalid: parsed.invalid,
          articleIds: [...touched],
        }
      },
    }
  })
}
